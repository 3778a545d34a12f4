/// The CallGear account's side of a profile: where its Data API is, its key, and the pick
/// lists (channels, sites, groups, …). Without a key the operator types the lists by hand;
/// they are stored with the profile either way, so a profile is complete offline.
public struct CallGearSettings: Hashable, Sendable, Codable {
    /// Overrides the region's Data API URL (Dubai's is inferred, so operators may need this).
    public var dataAPIURL: String?
    public var dataAPIKey: Secret?
    public var channels: [ChatChannel]
    public var sites: [String]
    public var groups: [String]
    public var campaigns: [String]
    public var sources: [String]
    public var tags: [String]
    /// Custom fields of offline-request forms, usable in templates and mappings.
    public var offlineFields: [String]

    public init(
        dataAPIURL: String? = nil, dataAPIKey: Secret? = nil, channels: [ChatChannel] = [], sites: [String] = [],
        groups: [String] = [], campaigns: [String] = [], sources: [String] = [], tags: [String] = [],
        offlineFields: [String] = []
    ) {
        self.dataAPIURL = dataAPIURL
        self.dataAPIKey = dataAPIKey
        self.channels = channels
        self.sites = sites
        self.groups = groups
        self.campaigns = campaigns
        self.sources = sources
        self.tags = tags
        self.offlineFields = offlineFields
    }

    private enum CodingKeys: String, CodingKey {
        case dataAPIURL, dataAPIKey, channels, sites, groups, campaigns, sources, tags, offlineFields
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dataAPIURL = try c.decodeIfPresent(String.self, forKey: .dataAPIURL)
        dataAPIKey = try c.decodeSecret(forKey: .dataAPIKey)
        channels = try c.decode([ChatChannel].self, forKey: .channels)
        sites = try c.decode([String].self, forKey: .sites)
        groups = try c.decode([String].self, forKey: .groups)
        campaigns = try c.decode([String].self, forKey: .campaigns)
        sources = try c.decode([String].self, forKey: .sources)
        tags = try c.decode([String].self, forKey: .tags)
        offlineFields = try c.decode([String].self, forKey: .offlineFields)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(dataAPIURL, forKey: .dataAPIURL)
        try c.encodeSecret(dataAPIKey, forKey: .dataAPIKey, userInfo: encoder.userInfo)
        try c.encode(channels, forKey: .channels)
        try c.encode(sites, forKey: .sites)
        try c.encode(groups, forKey: .groups)
        try c.encode(campaigns, forKey: .campaigns)
        try c.encode(sources, forKey: .sources)
        try c.encode(tags, forKey: .tags)
        try c.encode(offlineFields, forKey: .offlineFields)
    }
}

/// A CallGear chat channel (Widgets → Channels), as the Data API's get.chat_channels gives it.
public struct ChatChannel: Hashable, Sendable, Codable {
    /// The Data API's channel types, for pick lists.
    public static let knownTypes = [
        "comagic", "whatsapp", "waba", "telegram", "telegram_private", "viber", "vkontakte_groups", "facebook", "instagram",
        "avito", "email", "sms",
    ]

    public var id: String
    public var name: String
    /// The Data API's type: comagic (website chat), whatsapp, waba, telegram, viber, …
    public var type: String

    public init(id: String, name: String, type: String) {
        self.id = id
        self.name = name
        self.type = type
    }
}
