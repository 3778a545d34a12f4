/// One connected Bitrix24 portal. The domain is the account's identity: a profile names
/// its account by domain, and the vendor's "Account" list shows one row per portal.
public struct Account: Hashable, Sendable, Codable {
    /// Optional display name; the vendor recommends the portal's name.
    public var name: String
    public var domain: PortalDomain
    public var authorization: Authorization

    public init(name: String = "", domain: PortalDomain, authorization: Authorization = .none) {
        self.name = name
        self.domain = domain
        self.authorization = authorization
    }

    /// What lists show: the name when there is one, else the domain.
    public var displayName: String { name.isEmpty ? domain.host : name }
}
