/// "Add additional fields into entities": one CallGear communication field copied into one
/// Bitrix24 field of a lead, deal, contact or company.
public struct FieldMapping: Hashable, Sendable, Codable {
    /// A template variable name or a custom offline-request field.
    public var source: String
    public var entity: CRMEntity
    /// The Bitrix24 field code, e.g. `SOURCE_DESCRIPTION` or `UF_CRM_1700000000`.
    public var field: String
    public var update: MappingUpdate

    public init(source: String, entity: CRMEntity, field: String, update: MappingUpdate = .onCreate) {
        self.source = source
        self.entity = entity
        self.field = field
        self.update = update
    }
}

public enum CRMEntity: String, ClosedChoice {
    case lead
    case deal
    case contact
    case company

    public static let choiceName = "Bitrix24 entity"

    public var label: String { rawValue.capitalized }
}

/// Write once when the entity is created, or on every communication ("always update").
public enum MappingUpdate: String, ClosedChoice {
    case onCreate = "on_create"
    case always

    public static let choiceName = "mapping update mode"
}
