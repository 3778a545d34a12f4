import SetupModel

/// Lenient readers for portal JSON, where IDs come as strings or numbers and empty maps
/// come as `[]`.
extension JSONNode {
    public func string(_ key: String) -> String? { member(key)?.scalarText }

    /// A string, number or boolean as text; nil for null, lists and objects.
    public var scalarText: String? {
        switch value {
        case .string(let s): s
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    public func bool(_ key: String) -> Bool {
        switch member(key)?.value {
        case .bool(let b)?: b
        case .string(let s)?: s == "Y" || s == "true" || s == "1"
        case .number(let n)?: n != "0"
        default: false
        }
    }

    public var items: [JSONNode] {
        if case .array(let items) = value { return items }
        return []
    }

    public var members: [(key: String, value: JSONNode)] {
        if case .object(let members) = value { return members }
        return []
    }
}
