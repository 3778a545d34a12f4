/// One complete integration set-up: which portal, which region, and every setting of the
/// vendor's "chats and offline messages" tab. Profiles are what the store versions and
/// what the routing engine reads.
public struct Profile: Hashable, Sendable, Codable {
    /// Unique in a store; the handle used on the command line.
    public var name: String
    public var region: Region
    /// The account's portal domain; empty until the operator picks one.
    public var account: String
    /// "Integration is active": nothing configured takes effect while it is off.
    public var integrationActive: Bool
    public var callGear: CallGearSettings
    public var chats: CommunicationSettings
    public var offline: CommunicationSettings
    public var other: OtherSettings

    public init(
        name: String,
        region: Region,
        account: String = "",
        integrationActive: Bool = false,
        callGear: CallGearSettings = CallGearSettings(),
        chats: CommunicationSettings = CommunicationSettings(),
        offline: CommunicationSettings = CommunicationSettings(createOn: .chatEnd),
        other: OtherSettings = OtherSettings()
    ) {
        self.name = name
        self.region = region
        self.account = account
        self.integrationActive = integrationActive
        self.callGear = callGear
        self.chats = chats
        self.offline = offline
        self.other = other
    }

    public func settings(for kind: CommunicationKind) -> CommunicationSettings {
        kind == .chat ? chats : offline
    }

    /// Keeps this profile's settings but takes secrets it lacks from `stored`.
    public func keepingSecrets(of stored: Profile) -> Profile {
        var copy = self
        copy.callGear.dataAPIKey = callGear.dataAPIKey ?? stored.callGear.dataAPIKey
        return copy
    }
}
