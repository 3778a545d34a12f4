import Foundation

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
    /// HTTP requests the load took.
    public var requests: Int
}
