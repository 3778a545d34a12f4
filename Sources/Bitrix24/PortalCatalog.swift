import Foundation
import SetupModel

/// Every pick list the console offers from a portal: lead stages, deal funnels with their
/// stages, employees, departments, and the fields of leads, deals, contacts and companies.
/// Codable so it can be cached in the store and shown (marked stale) when the portal is down.
public struct PortalCatalog: Codable, Sendable, Equatable {
    /// Its kind in the store's pick-list cache.
    public static let cacheKind = "catalog"
    public struct Stage: Codable, Sendable, Equatable {
        public enum Semantics: String, Codable, Sendable { case open, success, failure }
        /// As the portal gives it (`NEW`, `C12:PREPAYMENT_INVOIC` — cut to 21 characters):
        /// stage IDs are read, never built.
        public var id: String
        public var name: String
        public var semantics: Semantics
    }

    public struct Funnel: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var stages: [Stage]
    }

    public struct User: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var email: String
        public var departments: [String]
    }

    public struct Department: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var parent: String?
    }

    public struct Field: Codable, Sendable, Equatable {
        public var code: String
        /// A user field's label comes from its list/form label: its `title` is only its code.
        public var label: String
        public var type: String
        public var isReadOnly: Bool
        public var isMultiple: Bool
        public var isUserField: Bool
        /// An enumeration's values (ID, name); nil for other types and in caches from before.
        public var items: [Item]?

        public struct Item: Codable, Sendable, Equatable {
            public var id: String
            public var name: String
            public init(id: String, name: String) {
                self.id = id
                self.name = name
            }
        }

        public init(
            code: String, label: String, type: String, isReadOnly: Bool, isMultiple: Bool, isUserField: Bool,
            items: [Item]? = nil
        ) {
            self.code = code
            self.label = label
            self.type = type
            self.isReadOnly = isReadOnly
            self.isMultiple = isMultiple
            self.isUserField = isUserField
            self.items = items
        }
    }

    public var currentUserID: String
    public var currentUserIsAdmin: Bool
    public var scopes: [String]
    /// 1 classic, 2 simple (no leads: lead routing is impossible).
    public var crmMode: Int
    public var leadStages: [Stage]
    public var funnels: [Funnel]
    public var users: [User]
    public var departments: [Department]
    /// "lead", "deal", "contact", "company" → fields, in the portal's order.
    public var fields: [String: [Field]]
    /// Lists that could not be loaded (a missing scope), for the operator to fix.
    public var problems: [String]
    /// The lists this load could not get, by name in words ("users") with the portal's
    /// reason. Optional so catalogs cached before it existed still decode.
    public var failedLists: [String: String]?
    /// Lists shown from an earlier load because this one failed for them, with when they
    /// were fetched ("users" → that time).
    public var staleLists: [String: Date]?
    /// HTTP requests the load took.
    public var requests: Int
}

extension PortalCatalog {
    /// The names of the lists in words, as failures and stale marks name them.
    public enum ListName {
        public static let users = "users"
        public static let departments = "departments"
        public static let funnels = "funnels"
        public static let stages = "lead and deal stages"
        public static let portalUser = "the portal user, scopes and CRM mode"
        public static func fields(_ entity: String) -> String { "\(entity) fields" }

        /// The list's name for a person: the names above stay English, as keys the cache keeps.
        public static func display(_ name: String) -> String {
            guard Language.current == .ru else { return name }
            switch name {
            case users: return "пользователи"
            case departments: return "подразделения"
            case funnels: return "воронки"
            case stages: return "стадии лидов и сделок"
            case portalUser: return "пользователь портала, права и режим CRM"
            default:
                if name.hasSuffix(" fields"), let entity = CRMEntity(rawValue: String(name.dropLast(7))) {
                    return "поля: \(entity.noun)"
                }
                return name
            }
        }
    }

    /// Whether the portal answered for every list.
    public var isComplete: Bool { (failedLists ?? [:]).isEmpty }

    /// This load with every list it could not get taken from `cached` (fetched at
    /// `fetchedAt`) and marked stale: a partial answer never replaces good lists.
    public func fillingFailedLists(from cached: PortalCatalog, fetchedAt: Date) -> PortalCatalog {
        var merged = self
        var stale: [String: Date] = staleLists ?? [:]
        for name in (failedLists ?? [:]).keys {
            switch name {
            case ListName.users: merged.users = cached.users
            case ListName.departments: merged.departments = cached.departments
            case ListName.funnels: merged.funnels = cached.funnels
            case ListName.stages:
                merged.leadStages = cached.leadStages
                merged.funnels = merged.funnels.map { funnel in
                    var funnel = funnel
                    funnel.stages = cached.funnels.first { $0.id == funnel.id }?.stages ?? funnel.stages
                    return funnel
                }
            case ListName.portalUser:
                merged.currentUserID = cached.currentUserID
                merged.currentUserIsAdmin = cached.currentUserIsAdmin
                merged.scopes = cached.scopes
                merged.crmMode = cached.crmMode
            default:
                guard let entity = CatalogLoader.entities.first(where: { ListName.fields($0) == name }) else { continue }
                merged.fields[entity] = cached.fields[entity]
            }
            stale[name] = cached.staleLists?[name] ?? fetchedAt
        }
        merged.staleLists = stale.isEmpty ? nil : stale
        return merged
    }

    /// One line per list that is not fresh: stale (kept from when) or not loaded, and why.
    public func incompleteLines(formatDate: (Date) -> String) -> [String] {
        (failedLists ?? [:]).sorted { $0.key < $1.key }.map { name, reason in
            if let at = staleLists?[name] {
                tr(
                    "\(name): stale — kept from \(formatDate(at)); the portal refused them now: \(reason)",
                    ru: "\(ListName.display(name)): устарело — сохранено \(formatDate(at)); сейчас портал их не дал: \(reason)")
            } else {
                tr("\(name): not loaded — \(reason)", ru: "\(ListName.display(name)): не загружено — \(reason)")
            }
        }
    }
}
