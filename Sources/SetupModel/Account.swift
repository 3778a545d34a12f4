/// One connected Bitrix24 portal. The domain is the account's identity: a profile names
/// its account by domain, and the vendor's "Account" list shows one row per portal.
public struct Account: Hashable, Sendable, Codable {
    /// Optional display name; the vendor recommends the portal's name.
    public var name: String
    public var domain: PortalDomain
    public var authorization: Authorization
    /// The operator's stored choice to talk plain http to this (self-hosted, LAN) portal.
    /// Off by default: only loopback gets plain http unasked, since the webhook code or the
    /// OAuth token travels in every request.
    public var allowInsecureHTTP: Bool

    public init(name: String = "", domain: PortalDomain, authorization: Authorization = .none, allowInsecureHTTP: Bool = false) {
        self.name = name
        self.domain = domain
        self.authorization = authorization
        self.allowInsecureHTTP = allowInsecureHTTP
    }

    /// What lists show: the name when there is one, else the domain.
    public var displayName: String { name.isEmpty ? domain.host : name }

    /// Plain http that will really be used: an http domain that is not loopback.
    public var usesInsecureHTTP: Bool { domain.scheme == "http" && !domain.isLoopback }

    /// Hosts the transport may reach over plain http besides loopback.
    public var plainHTTPHosts: Set<String> { allowInsecureHTTP ? [domain.host] : [] }

    private enum CodingKeys: String, CodingKey { case name, domain, authorization, allowInsecureHTTP }

    // `allowInsecureHTTP` is written only when set, so documents exported before it existed
    // and after it read and write the same bytes.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        domain = try c.decode(PortalDomain.self, forKey: .domain)
        authorization = try c.decode(Authorization.self, forKey: .authorization)
        allowInsecureHTTP = try c.decodeIfPresent(Bool.self, forKey: .allowInsecureHTTP) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(domain, forKey: .domain)
        try c.encode(authorization, forKey: .authorization)
        if allowInsecureHTTP { try c.encode(true, forKey: .allowInsecureHTTP) }
    }
}
