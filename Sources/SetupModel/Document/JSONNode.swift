/// A parsed JSON value that remembers where it stood in the file.
///
/// Foundation's decoder forgets positions and ignores unknown keys; an operator fixing a
/// hand-edited profile needs "line 12: unknown field 'enabeld'", so we parse ourselves.
public struct JSONNode: Sendable, Equatable {
    // Not `indirect`: arrays and objects already hold their children out of line, and an
    // indirect enum boxed every value, numbers and strings too — an allocation per node.
    public enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        /// The literal text, so integers stay exact.
        case number(String)
        case string(String)
        case array([JSONNode])
        /// Members in file order.
        case object([(key: String, value: JSONNode)])

        public static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case (.null, .null): true
            case (.bool(let a), .bool(let b)): a == b
            case (.number(let a), .number(let b)): a == b
            case (.string(let a), .string(let b)): a == b
            case (.array(let a), .array(let b)): a == b
            case (.object(let a), .object(let b)):
                a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            default: false
            }
        }
    }

    public var value: Value
    // Kept in 32 bits: a portal answer of 49,000 users is half a million nodes held at once,
    // and the place takes a fifth of each node at 64 bits. A document is at most 4 MiB.
    private var storedLine: Int32
    private var storedColumn: Int32
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    /// Equal when the values are; where they stood in a file does not matter.
    public static func == (lhs: JSONNode, rhs: JSONNode) -> Bool { lhs.value == rhs.value }

    public init(_ value: Value, line: Int = 0, column: Int = 0) {
        self.value = value
        self.storedLine = Int32(clamping: line)
        self.storedColumn = Int32(clamping: column)
    }

    /// "a string", "an object", … for type-mismatch messages.
    public var kindName: String {
        switch value {
        case .null: "null"
        case .bool: "true/false"
        case .number: tr("a number", ru: "число")
        case .string: tr("a string", ru: "строка")
        case .array: tr("a list", ru: "список")
        case .object: tr("an object", ru: "объект")
        }
    }

    public func member(_ key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// Compact one-line JSON text of this value, for diffs and messages.
    public var compactText: String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return Self.quote(s)
        case .array(let items): return "[" + items.map(\.compactText).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { Self.quote($0.key) + ":" + $0.value.compactText }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal for `s`.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
