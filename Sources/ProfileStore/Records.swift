import Foundation
import SetupModel

/// A profile as the store holds it: the settings plus the version an editor must name
/// when saving, so another operator's newer save is detected.
public struct StoredProfile: Equatable, Sendable {
    public var profile: Profile
    public var version: Int
    public var updatedAt: Date
    public var updatedBy: String
}

/// One line of `profile list`.
public struct ProfileSummary: Equatable, Sendable, Codable {
    public var name: String
    public var region: Region
    public var account: String
    public var active: Bool
    public var version: Int
    public var updatedAt: Date
    public var updatedBy: String
}

/// One saved version in a profile's history.
public struct HistoryEntry: Equatable, Sendable, Codable {
    public var version: Int
    public var savedAt: Date
    public var user: String
    public var clientAddress: String?
    public var changes: [ProfileChange]
}

/// Unsaved edits kept across an SSH drop, offered on the next start.
public struct Draft: Equatable, Sendable {
    public var profileName: String
    /// The version the edits started from (nil for a profile never saved).
    public var baseVersion: Int?
    public var profile: Profile
    public var savedAt: Date
    public var reason: String

    public init(profileName: String, baseVersion: Int?, profile: Profile, savedAt: Date = Date(), reason: String) {
        self.profileName = profileName
        self.baseVersion = baseVersion
        self.profile = profile
        self.savedAt = savedAt
        self.reason = reason
    }
}

/// A pick list fetched from a portal, kept for when the portal cannot be reached.
public struct CachedCatalog: Equatable, Sendable {
    public var payload: String
    public var fetchedAt: Date
}
