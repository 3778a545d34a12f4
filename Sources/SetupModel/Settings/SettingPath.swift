/// A place in the profile document — `chats.responsibleRules[0].condition` — as typed steps.
/// Paths are built with the catalog's vocabulary (`SettingPath.chats.responsibleRules[0]`),
/// never by joining strings, so a renamed key is a compile error instead of a row that
/// silently stops matching its problems.
public struct SettingPath: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Step: Hashable, Sendable {
        case key(String)
        case index(Int)
        /// Any list position: the shape a catalog entry is registered under.
        case anyIndex
    }

    public let steps: [Step]

    init(_ steps: [Step]) { self.steps = steps }

    /// Where the document starts; a path with no steps.
    public static let root = SettingPath([])

    func key(_ name: String) -> SettingPath { SettingPath(steps + [.key(name)]) }

    public subscript(_ index: Int) -> SettingPath { SettingPath(steps + [.index(index)]) }

    /// The pattern form: every list position replaced by "any", as catalog entries are keyed.
    public var pattern: SettingPath {
        SettingPath(
            steps.map {
                if case .index = $0 { return .anyIndex }
                return $0
            })
    }

    public var isEmpty: Bool { steps.isEmpty }

    /// The path one step up (the rule a rule's field belongs to).
    public var parent: SettingPath? { steps.isEmpty ? nil : SettingPath(Array(steps.dropLast())) }

    /// The list positions along the path, outermost first: which rule, which group, which clause.
    public var indices: [Int] {
        steps.compactMap {
            if case .index(let i) = $0 { return i }
            return nil
        }
    }

    /// True when `other` is this path or lies under it: a problem at `chats.channels[0]`
    /// belongs to the row of `chats.channels`. The one rule for "whose problem is this?".
    public func contains(_ other: SettingPath) -> Bool {
        guard other.steps.count >= steps.count else { return false }
        for (mine, theirs) in zip(steps, other.steps) {
            switch (mine, theirs) {
            case (.anyIndex, .index), (.anyIndex, .anyIndex), (.index, .anyIndex): continue
            default: if mine != theirs { return false }
            }
        }
        return true
    }

    public var description: String {
        var text = ""
        for step in steps {
            switch step {
            case .key(let name): text += text.isEmpty ? name : "." + name
            case .index(let i): text += "[\(i)]"
            case .anyIndex: text += "[]"
            }
        }
        return text
    }

    /// Reads the text form back (problems in exported reports, `--at` arguments). Nil for
    /// text that is not a path: an empty key, an unclosed bracket, a negative index.
    public init?(parsing text: String) {
        var steps: [Step] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                if inside.isEmpty {
                    steps.append(.anyIndex)
                } else {
                    guard let i = Int(inside), i >= 0 else { return nil }
                    steps.append(.index(i))
                }
                rest = rest[rest.index(after: close)...]
                if rest.first == "." {
                    rest = rest.dropFirst()
                    if rest.isEmpty || rest.first == "[" { return nil }
                }
            } else {
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                let name = rest[..<end]
                guard !name.isEmpty else { return nil }
                steps.append(.key(String(name)))
                rest = rest[end...]
                if rest.first == "." {
                    rest = rest.dropFirst()
                    if rest.isEmpty { return nil }
                }
            }
        }
        self.steps = steps
    }

    public static func < (a: SettingPath, b: SettingPath) -> Bool { a.description < b.description }
}

extension SettingPath: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let path = SettingPath(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a setting path"))
        }
        self = path
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
