/// How callgear-setup authenticates against a portal: an incoming webhook, or the OAuth
/// application the CallGear connect flow installs (its tokens expire and are refreshed).
public enum Authorization: Hashable, Sendable, Codable {
    case none
    case webhook(Webhook)
    case oauth(OAuthCredentials)

    public var kindName: String {
        switch self {
        case .none: "none"
        case .webhook: "webhook"
        case .oauth: "oauth"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case type, userId, code, clientId, clientSecret, accessToken, refreshToken, expiresAt, oauthServer
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "none":
            self = .none
        case "webhook":
            let userID = try c.decode(String.self, forKey: .userId)
            self = .webhook(Webhook(userID: userID, code: try c.decodeSecret(forKey: .code)))
        case "oauth":
            self = .oauth(
                OAuthCredentials(
                    clientID: try c.decode(String.self, forKey: .clientId),
                    clientSecret: try c.decodeSecret(forKey: .clientSecret),
                    accessToken: try c.decodeSecret(forKey: .accessToken),
                    refreshToken: try c.decodeSecret(forKey: .refreshToken),
                    expiresAt: try c.decodeIfPresent(String.self, forKey: .expiresAt),
                    oauthServer: try c.decodeIfPresent(String.self, forKey: .oauthServer)))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c,
                debugDescription: "unknown authorization type '\(type)' — expected one of: none, webhook, oauth")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kindName, forKey: .type)
        switch self {
        case .none:
            break
        case .webhook(let hook):
            try c.encode(hook.userID, forKey: .userId)
            try c.encodeSecret(hook.code, forKey: .code, userInfo: encoder.userInfo)
        case .oauth(let oauth):
            try c.encode(oauth.clientID, forKey: .clientId)
            try c.encodeSecret(oauth.clientSecret, forKey: .clientSecret, userInfo: encoder.userInfo)
            try c.encodeSecret(oauth.accessToken, forKey: .accessToken, userInfo: encoder.userInfo)
            try c.encodeSecret(oauth.refreshToken, forKey: .refreshToken, userInfo: encoder.userInfo)
            try c.encodeIfPresent(oauth.expiresAt, forKey: .expiresAt)
            try c.encodeIfPresent(oauth.oauthServer, forKey: .oauthServer)
        }
    }

    /// Fills secrets this value lacks from `stored`, so importing a document exported
    /// without secrets keeps the credentials already in the store.
    public func keepingSecrets(of stored: Authorization) -> Authorization {
        switch (self, stored) {
        case (.webhook(var new), .webhook(let old)) where new.userID == old.userID:
            new.code = new.code ?? old.code
            return .webhook(new)
        case (.oauth(var new), .oauth(let old)) where new.clientID == old.clientID:
            new.clientSecret = new.clientSecret ?? old.clientSecret
            new.accessToken = new.accessToken ?? old.accessToken
            new.refreshToken = new.refreshToken ?? old.refreshToken
            new.expiresAt = new.expiresAt ?? old.expiresAt
            new.oauthServer = new.oauthServer ?? old.oauthServer
            return .oauth(new)
        default:
            return self
        }
    }
}

/// The OAuth application's credentials. `expiresAt` is ISO 8601, as the portal's
/// refresh answer is turned into one; the pure model keeps no clock.
public struct OAuthCredentials: Hashable, Sendable {
    public var clientID: String
    public var clientSecret: Secret?
    public var accessToken: Secret?
    public var refreshToken: Secret?
    public var expiresAt: String?
    /// The OAuth server that refreshes the tokens (its `server_endpoint`); nil means the
    /// international one, https://oauth.bitrix.info/.
    public var oauthServer: String?

    public static let defaultOAuthServer = "https://oauth.bitrix.info/"

    public init(
        clientID: String, clientSecret: Secret?, accessToken: Secret?, refreshToken: Secret?, expiresAt: String?,
        oauthServer: String? = nil
    ) {
        self.oauthServer = oauthServer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
    }
}
