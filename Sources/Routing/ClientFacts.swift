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
    /// Kinds the look-up returned full (`lookupLimit` matches): there may be more.
    public var fullKinds: Set<CRMEntity> = []
    /// The portal's CRM mode as the dry run read it (2: simple, no leads); nil: not read.
    public var crmMode: Int?

    /// The most IDs `crm.duplicate.findbycomm` returns of one kind.
    public static let lookupLimit = 20

    public init(_ entities: [Entity] = [], fullKinds: Set<CRMEntity> = [], crmMode: Int? = nil) {
        self.entities = entities
        self.fullKinds = fullKinds
        self.crmMode = crmMode
    }

    public static let none = ClientFacts()

    public var isEmpty: Bool { entities.isEmpty }

    /// The newest first: "the most recent" is what every rule of the document picks. The
    /// portal's dates have whole seconds, so records of one second are ordered by their
    /// IDs as numbers ("100" after "99", not before).
    public func of(_ kind: CRMEntity) -> [Entity] {
        entities.filter { $0.kind == kind }.sorted { a, b in
            if a.created != b.created { return a.created > b.created }
            return Self.numericID(a.id) > Self.numericID(b.id)
        }
    }

    /// An ID as a number for ordering; IDs that are not numbers sort after by text.
    static func numericID(_ id: String) -> (Int, String) { (Int(id) ?? Int.max, id) }
}
