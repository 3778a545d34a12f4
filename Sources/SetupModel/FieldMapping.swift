/// "Add additional fields into entities": one CallGear communication field copied into one
/// Bitrix24 field of a lead, deal, contact or company.
public struct FieldMapping: Hashable, Sendable, Codable {
    /// A template variable name or a custom offline-request field.
    public var source: String
    public var entity: CRMEntity
    /// The Bitrix24 field code, e.g. `SOURCE_DESCRIPTION` or `UF_CRM_1700000000`.
    public var field: String
    public var update: MappingUpdate
    /// A list (enumeration) field takes one of its values, not text: the value's ID, written
    /// instead of the source's text. Nil for every other field.
    public var value: String?

    public init(source: String, entity: CRMEntity, field: String, update: MappingUpdate = .onCreate, value: String? = nil) {
        self.source = source
        self.entity = entity
        self.field = field
        self.update = update
        self.value = value
    }

    private enum CodingKeys: String, CodingKey { case source, entity, field, update, value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        entity = try c.decode(CRMEntity.self, forKey: .entity)
        field = try c.decode(String.self, forKey: .field)
        update = try c.decode(MappingUpdate.self, forKey: .update)
        value = try c.decodeIfPresent(String.self, forKey: .value)
    }

    /// The value is written only when set, so documents without one stay byte for byte.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(entity, forKey: .entity)
        try c.encode(field, forKey: .field)
        try c.encode(update, forKey: .update)
        try c.encodeIfPresent(value, forKey: .value)
    }
}

public enum CRMEntity: String, ClosedChoice {
    case lead
    case deal
    case contact
    case company

    public static let choiceName = "Bitrix24 entity"

    /// The record in a sentence: "lead", "сделка".
    public var noun: String {
        switch self {
        case .lead: tr("lead", ru: "лид")
        case .deal: tr("deal", ru: "сделка")
        case .contact: tr("contact", ru: "контакт")
        case .company: tr("company", ru: "компания")
        }
    }

    /// "the new lead", "новая сделка".
    public var newOne: String {
        switch self {
        case .lead: tr("the new lead", ru: "новый лид")
        case .deal: tr("the new deal", ru: "новая сделка")
        case .contact: tr("the new contact", ru: "новый контакт")
        case .company: tr("the new company", ru: "новая компания")
        }
    }

    /// "Lead", "Сделка": the noun as a heading, in both languages, whatever is in force.
    public var localized: Localized {
        let heading = { (language: Language) in
            Language.$override.withValue(language) { noun.prefix(1).uppercased() + noun.dropFirst() }
        }
        return Localized(heading(.en), ru: heading(.ru))
    }

    public var label: String { localized.text }
}

/// Write once when the entity is created, or on every communication ("always update").
public enum MappingUpdate: String, ClosedChoice {
    case onCreate = "on_create"
    case always

    public static let choiceName = "mapping update mode"
}
