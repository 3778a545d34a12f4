import Foundation
import SetupModel

/// What the portal knows of the visitor: the leads, deals, contacts and companies linked
/// to their phone or e-mail, each open or closed, with its creation date. Gathered live by
/// the dry run, or written by hand in a test table.
public struct ClientFacts: Hashable, Sendable, Codable {
    public struct Entity: Hashable, Sendable, Codable {
        public var kind: CRMEntity
        public var id: String
        public var title: String
        /// Leads and deals: in a final stage (won or lost). Contacts and companies: never.
        public var isClosed: Bool
        public var created: Date
        /// The responsible user, for notifications on writes into an existing entity.
        public var responsible: String?

        public init(
            _ kind: CRMEntity, _ id: String, title: String = "", closed: Bool = false, created: Date,
            responsible: String? = nil
        ) {
            self.kind = kind
            self.id = id
            self.title = title
            self.isClosed = closed
            self.created = created
            self.responsible = responsible
        }
    }

    public var entities: [Entity]

    public init(_ entities: [Entity] = []) {
        self.entities = entities
    }

    public static let none = ClientFacts()

    public var isEmpty: Bool { entities.isEmpty }

    /// The newest first: "the most recent" is what every rule of the document picks.
    public func of(_ kind: CRMEntity) -> [Entity] {
        entities.filter { $0.kind == kind }.sorted { ($0.created, $0.id) > ($1.created, $1.id) }
    }
}
