import Bitrix24
import Foundation
import SetupModel

/// The CallGear account's pick lists, as the Data API gives them: what "Chats channels",
/// the Site / Chat channel name / Communication group / campaign / source / tag conditions,
/// the template variables and the mapping sources offer.
public struct CallGearLists: Codable, Sendable, Equatable {
    /// Its kind in the store's pick-list cache (keyed by the Data API address).
    public static let cacheKind = "callgear"
    public struct Channel: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var type: String
        public var status: String
    }

    public struct Employee: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var email: String
    }

    public var accountName: String
    public var channels: [Channel]
    public var sites: [String]
    public var groups: [String]
    public var employees: [Employee]
    public var campaigns: [String]
    public var sources: [String]
    public var tags: [String]
    /// Custom offline-request fields: their names.
    public var offlineFields: [String]
    public var calls: Int
    public var limits: DataAPILimits?

    /// Loads every list: `get.account` first (it checks the key and the region), then each
    /// list method, paged.
    public static func load(_ client: DataAPIClient) async throws(DataAPIError) -> CallGearLists {
        let account = try await client.call("get.account")
        var calls = 1
        func names(_ method: String, _ field: String, extra: [String] = []) async throws(DataAPIError) -> [JSONNode] {
            let (rows, n) = try await client.list(method, fields: [field] + extra)
            calls += n
            return rows
        }
        let channels = try await names("get.chat_channels", "id", extra: ["name", "type", "status"]).map {
            Channel(
                id: $0.string("id") ?? "", name: $0.string("name") ?? "", type: $0.string("type") ?? "",
                status: $0.string("status") ?? "")
        }
        let sites = try await names("get.sites", "domain_name", extra: ["id", "name"]).compactMap { $0.string("domain_name") }
        let groups = try await names("get.group_employees", "name", extra: ["id"]).compactMap { $0.string("name") }
        let employees = try await names("get.employees", "id", extra: ["full_name", "email"]).map {
            Employee(id: $0.string("id") ?? "", name: $0.string("full_name") ?? "", email: $0.string("email") ?? "")
        }
        let campaigns = try await names("get.campaigns", "name", extra: ["id"]).compactMap { $0.string("name") }
        let sources = try await names("get.sources", "name", extra: ["id"]).compactMap { $0.string("name") }
        let tags = try await names("get.tags", "name", extra: ["id"]).compactMap { $0.string("name") }
        let fields = try await names("get.offline_message_user_fields", "name", extra: ["ext_id", "data_type"]).compactMap {
            $0.string("name")
        }
        return CallGearLists(
            accountName: account.data.items.first?.string("name") ?? account.data.string("name") ?? "", channels: channels,
            sites: sites, groups: groups, employees: employees, campaigns: campaigns, sources: sources, tags: tags,
            offlineFields: fields, calls: calls, limits: account.limits)
    }

    /// The profile's stored lists, replaced by these: "stored with the profile either way".
    public func applied(to settings: CallGearSettings) -> CallGearSettings {
        var copy = settings
        copy.channels = channels.filter { $0.status != "deleted" }.map { ChatChannel(id: $0.id, name: $0.name, type: $0.type) }
        copy.sites = sites
        copy.groups = groups
        copy.campaigns = campaigns
        copy.sources = sources
        copy.tags = tags
        copy.offlineFields = offlineFields
        return copy
    }
}
