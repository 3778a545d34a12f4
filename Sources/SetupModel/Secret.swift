/// A credential (webhook code, OAuth secret or token, Data API key).
///
/// Its description is masked, so printing or logging a value that holds one never shows
/// it; the profile document leaves secrets out unless the caller asks for them.
public struct Secret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var value: String

    public init(_ value: String) {
        self.value = value
    }

    /// Shows the last three characters of long secrets so an operator can tell keys apart.
    public var masked: String {
        value.count >= 12 ? "••••••" + value.suffix(3) : "••••••"
    }

    public var description: String { masked }
    public var debugDescription: String { "Secret(\(masked))" }
}

extension CodingUserInfoKey {
    /// Set to `true` in an encoder's userInfo to write secrets into the document.
    public static let includeSecrets = CodingUserInfoKey(rawValue: "callgear-setup.includeSecrets")!
}

extension KeyedEncodingContainer {
    /// Writes a secret only when the encoder was asked for secrets; otherwise leaves the key out.
    mutating func encodeSecret(_ secret: Secret?, forKey key: Key, userInfo: [CodingUserInfoKey: Any]) throws {
        guard let secret, userInfo[.includeSecrets] as? Bool == true else { return }
        try encode(secret.value, forKey: key)
    }
}

extension KeyedDecodingContainer {
    func decodeSecret(forKey key: Key) throws -> Secret? {
        try decodeIfPresent(String.self, forKey: key).map(Secret.init)
    }
}
