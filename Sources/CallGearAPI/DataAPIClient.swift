import AppLog
import Bitrix24
import Foundation
import SetupModel
import Transport

/// A JSON-RPC 2.0 client for the CallGear Data API over the same libcurl transport as the
/// Bitrix24 client: the key goes in `params.access_token`, lists are paged with
/// `limit`/`offset` up to `metadata.total_items`, and errors are read by their mnemonic.
public struct DataAPIClient: Sendable {
    public let endpoint: String
    let key: Secret
    let transport: any HTTPTransport
    let timeouts: Timeouts
    /// Rows per page (the API allows up to 10,000; smaller pages are kinder to the budget).
    public var pageSize: Int

    public init(
        endpoint: String, key: Secret, transport: any HTTPTransport = CurlTransport(), timeouts: Timeouts = .standard,
        pageSize: Int = 1_000
    ) {
        self.endpoint = endpoint
        self.key = key
        LogRedactor.shared.register(key.value)
        self.transport = transport
        self.timeouts = timeouts
        self.pageSize = pageSize
    }

    /// The endpoint of a profile: its own override, else the region's.
    public static func endpoint(for profile: Profile) -> String {
        profile.callGear.dataAPIURL ?? profile.region.defaultDataAPIURL
    }

    public struct Answer: Sendable {
        public var data: JSONNode
        public var totalItems: Int?
        public var limits: DataAPILimits?
    }

    public func call(_ method: String, _ params: [(String, JSONNode)] = []) async throws(DataAPIError) -> Answer {
        let started = Date()
        let host = URLComponents(string: endpoint)?.host ?? "?"
        do {
            let answer = try await exchange(method, params)
            Log.dataAPI.info(
                "\(method) ok", metadata: ["host": "\(host)", "ms": "\(Int(Date().timeIntervalSince(started) * 1000))"])
            return answer
        } catch {
            Log.dataAPI.warning(
                "\(method) failed: \(error.message)",
                metadata: ["host": "\(host)", "ms": "\(Int(Date().timeIntervalSince(started) * 1000))"])
            throw error
        }
    }

    private func exchange(_ method: String, _ params: [(String, JSONNode)]) async throws(DataAPIError) -> Answer {
        let members: [(key: String, value: JSONNode)] =
            [("access_token", JSONNode(.string(key.value)))] + params.map { (key: $0.0, value: $0.1) }
        let request = JSONNode(
            .object([
                ("jsonrpc", JSONNode(.string("2.0"))), ("id", JSONNode(.string("cgs-\(method)"))),
                ("method", JSONNode(.string(method))),
                ("params", JSONNode(.object(members))),
            ]))
        let result: HTTPResult
        do {
            result = try await transport.post(endpoint, json: Data(request.compactText.utf8), timeouts: timeouts)
        } catch {
            throw .transport(error)
        }
        guard let tree = try? JSONParser.parse(Array(result.body), columns: false), case .object = tree.value else {
            throw .notJSON(status: result.status, snippet: String(decoding: result.body.prefix(100), as: UTF8.self))
        }
        if let error = tree.member("error") {
            let code = error.member("code").flatMap { PortalResponse.int($0) } ?? 0
            let mnemonic = error.member("data")?.string("mnemonic") ?? ""
            let limits = error.member("data")?.member("limits").flatMap(Self.limits)
            throw DataAPIError.from(code: code, mnemonic: mnemonic, message: error.string("message") ?? "", limits: limits)
        }
        guard let resultNode = tree.member("result") else { throw .notJSON(status: result.status, snippet: "no result") }
        let metadata = resultNode.member("metadata")
        return Answer(
            data: resultNode.member("data") ?? JSONNode(.array([])),
            totalItems: metadata?.member("total_items").flatMap { PortalResponse.int($0) },
            limits: metadata?.member("limits").flatMap(Self.limits))
    }

    /// Every row of a list method, page by page.
    public func list(_ method: String, fields: [String]) async throws(DataAPIError) -> (rows: [JSONNode], calls: Int) {
        var rows: [JSONNode] = []
        var calls = 0
        while true {
            let answer = try await call(
                method,
                [
                    ("fields", JSONNode(.array(fields.map { JSONNode(.string($0)) }))),
                    ("limit", JSONNode(.number("\(pageSize)"))), ("offset", JSONNode(.number("\(rows.count)"))),
                ])
            calls += 1
            let page = answer.data.items
            rows += page
            guard let total = answer.totalItems, rows.count < total, !page.isEmpty else { break }
        }
        return (rows, calls)
    }

    static func limits(_ node: JSONNode) -> DataAPILimits? {
        func int(_ key: String) -> Int { node.member(key).flatMap { PortalResponse.int($0) } ?? 0 }
        guard node.member("day_limit") != nil else { return nil }
        return DataAPILimits(
            dayLimit: int("day_limit"), dayRemaining: int("day_remaining"), dayReset: int("day_reset"),
            minuteLimit: int("minute_limit"), minuteRemaining: int("minute_remaining"), minuteReset: int("minute_reset"))
    }
}
