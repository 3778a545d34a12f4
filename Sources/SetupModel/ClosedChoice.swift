/// A closed set of string choices in the profile document (regions, modes, entity kinds).
///
/// It exists so that an unknown value in a file is reported as "unknown region 'x' —
/// expected one of: latvia, dubai" instead of the standard library's generic message.
public protocol ClosedChoice: CaseIterable, RawRepresentable, Codable, Sendable, Hashable
where RawValue == String {
    /// What the choice is called in messages ("region", "condition mode").
    static var choiceName: String { get }
}

extension ClosedChoice {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            let expected = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "unknown \(Self.choiceName) '\(raw)' — expected one of: \(expected)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
