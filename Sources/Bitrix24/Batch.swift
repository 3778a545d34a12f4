import Foundation
import SetupModel

/// One sub-call of a `batch`: up to 50 go in one HTTP request, which counts once against
/// the portal's rate limit — how a large portal's pick lists load in three requests.
public struct BatchCommand: Sendable {
    public var key: String
    public var method: String
    public var parameters: [(String, BatchValue)]

    public init(_ key: String, _ method: String, _ parameters: [(String, BatchValue)] = []) {
        self.key = key
        self.method = method
        self.parameters = parameters
    }

    /// `method?a=1&filter[>ID]=$result[k][49][ID]` — PHP `http_build_query` style, values
    /// percent-encoded, references left raw so the portal can substitute them.
    public var commandString: String {
        var pairs: [String] = []
        for (name, value) in parameters { value.encode(into: &pairs, key: name) }
        return pairs.isEmpty ? method : method + "?" + pairs.joined(separator: "&")
    }
}

public indirect enum BatchValue: Sendable {
    case string(String)
    case int(Int)
    case list([BatchValue])
    case map([(String, BatchValue)])
    /// `$result[key][…]`: a value from an earlier sub-call, substituted by the portal.
    case reference(key: String, path: [String])

    static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()

    func encode(into pairs: inout [String], key: String) {
        switch self {
        case .string(let s): pairs.append(key + "=" + (s.addingPercentEncoding(withAllowedCharacters: Self.allowed) ?? s))
        case .int(let n): pairs.append("\(key)=\(n)")
        case .list(let items): for item in items { item.encode(into: &pairs, key: key + "[]") }
        case .map(let members): for (name, value) in members { value.encode(into: &pairs, key: "\(key)[\(name)]") }
        case .reference(let target, let path): pairs.append(key + "=$result[\(target)]" + path.map { "[\($0)]" }.joined())
        }
    }
}

/// A batch's answer. Every collection may come as `{}` or, when empty, as `[]` (PHP).
public struct BatchResponse: Sendable {
    public var results: [String: JSONNode] = [:]
    public var errors: [String: PortalError] = [:]
    public var totals: [String: Int] = [:]
    public var nexts: [String: Int] = [:]
    /// The highest `operating` of the batch and its sub-calls (each counts against its method).
    public var operating: Double?

    init(_ response: PortalResponse, commands: [BatchCommand]) {
        operating = response.operating
        func members(_ name: String) -> [(key: String, value: JSONNode)] {
            guard let node = response.result.member(name) else { return [] }
            switch node.value {
            case .object(let m): return m
            case .array(let items):
                // A list-shaped `cmd` answers with arrays indexed like the commands.
                return items.enumerated().compactMap { i, item in
                    commands.indices.contains(i) ? (commands[i].key, item) : nil
                }
            default: return []
            }
        }
        for (key, value) in members("result") { results[key] = value }
        for (key, value) in members("result_total") { totals[key] = PortalResponse.int(value) }
        for (key, value) in members("result_next") { nexts[key] = PortalResponse.int(value) }
        for (_, value) in members("result_time") {
            if case .number(let text)? = value.member("operating")?.value, let seconds = Double(text) {
                operating = max(operating ?? 0, seconds)
            }
        }
        for (key, value) in members("result_error") {
            let method = commands.first { $0.key == key }?.method ?? key
            errors[key] =
                PortalError.classify(value, status: 200, method: method)
                ?? .other(code: "?", description: value.compactText, status: 200)
        }
    }
}

extension PortalClient {
    /// Runs up to 50 sub-calls in one request; `halt` stops at the first failing one.
    public func batch(_ commands: [BatchCommand], halt: Bool = false) async throws(PortalError) -> BatchResponse {
        precondition(commands.count <= 50, "a batch carries at most 50 commands")
        // Written by hand: a dictionary would lose the commands' order, and later commands
        // refer to earlier ones.
        let cmd = commands.map { JSONNode.quote($0.key) + ":" + JSONNode.quote($0.commandString) }.joined(separator: ",")
        let body = Data("{\"halt\":\(halt ? 1 : 0),\"cmd\":{\(cmd)}}".utf8)
        let response = try await call("batch", body: body)
        return BatchResponse(response, commands: commands)
    }
}
