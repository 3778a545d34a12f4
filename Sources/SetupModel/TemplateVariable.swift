/// The communication fields of CallGear's reports that a name template can insert and a
/// field mapping can copy into Bitrix24. One list for both, so they never disagree.
public struct TemplateVariable: Hashable, Sendable {
    public let name: String
    public let labels: Localized
    public var label: String { labels.text }
    /// Sample value for the template preview.
    public let sample: String
    /// nil: both kinds of communication carry it.
    public let onlyFor: CommunicationKind?
    /// What its values are, for the Bitrix24 field a mapping writes it into.
    public var valueType: ValueType {
        switch name {
        case "communication_id", "visitor_id", "campaign_id": .number
        case "date_time": .dateTime
        default: .text
        }
    }

    public enum ValueType: Sendable {
        case text
        /// Whole numbers (IDs).
        case number
        /// "2026-11-25 10:30".
        case dateTime
    }

    public init(_ name: String, _ label: String, ru: String, sample: String, onlyFor: CommunicationKind? = nil) {
        self.name = name
        self.labels = Localized(label, ru: ru)
        self.sample = sample
        self.onlyFor = onlyFor
    }

    public static let all: [TemplateVariable] = [
        TemplateVariable(
            "chat_channel_name", "Chat channel name", ru: "Название канала чата", sample: "WhatsApp Web 111", onlyFor: .chat),
        TemplateVariable("chat_channel_type", "Chat channel type", ru: "Тип канала чата", sample: "whatsapp", onlyFor: .chat),
        TemplateVariable("communication_id", "Communication ID", ru: "ID коммуникации", sample: "123456789"),
        TemplateVariable("visitor_id", "Visitor ID", ru: "ID посетителя", sample: "5551234"),
        TemplateVariable("visitor_name", "Visitor name", ru: "Имя посетителя", sample: "Иван Петров"),
        TemplateVariable("name", "Visitor name in chat", ru: "Имя посетителя в чате", sample: "Иван"),
        TemplateVariable("visitor_phone_number", "Visitor phone", ru: "Телефон посетителя", sample: "+971501234567"),
        TemplateVariable("visitor_email", "Visitor email", ru: "E-mail посетителя", sample: "ivan@example.com"),
        TemplateVariable("site_domain_name", "Site", ru: "Сайт", sample: "example.com"),
        TemplateVariable(
            "form_name", "Request form name", ru: "Название формы заявки", sample: "Callback form", onlyFor: .offline),
        TemplateVariable("form_type", "Form type", ru: "Тип формы", sample: "callback", onlyFor: .offline),
        TemplateVariable("request_text", "Request text", ru: "Текст заявки", sample: "Please call me back", onlyFor: .offline),
        TemplateVariable(
            "page_url", "Page of request", ru: "Страница заявки", sample: "https://example.com/contacts", onlyFor: .offline),
        TemplateVariable("campaign_name", "Ad campaign name", ru: "Название рекламной кампании", sample: "Winter sale"),
        TemplateVariable("campaign_id", "Ad campaign ID", ru: "ID рекламной кампании", sample: "42"),
        TemplateVariable("source_name", "Source", ru: "Источник", sample: "google"),
        TemplateVariable("communication_group", "Communication group", ru: "Группа коммуникаций", sample: "Sales"),
        TemplateVariable("utm_source", "UTM source", ru: "UTM source", sample: "google"),
        TemplateVariable("utm_medium", "UTM medium", ru: "UTM medium", sample: "cpc"),
        TemplateVariable("utm_campaign", "UTM campaign", ru: "UTM campaign", sample: "winter_sale"),
        TemplateVariable("utm_term", "UTM term", ru: "UTM term", sample: "crm"),
        TemplateVariable("utm_content", "UTM content", ru: "UTM content", sample: "banner_1"),
        TemplateVariable("date_time", "Date and time", ru: "Дата и время", sample: "2026-11-25 10:30"),
    ]

    public static func named(_ name: String) -> TemplateVariable? {
        all.first { $0.name == name }
    }

    /// What a picker offers: exactly the names `names(for:)` accepts — for a chat no custom
    /// offline field, for a mapping (`kind` nil: chats and requests both) every variable with
    /// the kind it is limited to.
    public static func choices(for kind: CommunicationKind?, customOfflineFields: [String]) -> [(name: String, label: String)] {
        let standard = all.filter { kind == nil || $0.onlyFor == nil || $0.onlyFor == kind }.map { variable in
            let only =
                kind == nil
                ? variable.onlyFor.map {
                    $0 == .chat
                        ? tr(" · chats only", ru: " · только чаты")
                        : tr(" · offline requests only", ru: " · только офлайн-заявки")
                } ?? "" : ""
            return (variable.name, variable.label + only)
        }
        let custom =
            kind == .chat
            ? [] : customOfflineFields.map { ($0, tr("custom offline-request field", ru: "своё поле офлайн-заявки")) }
        return standard + custom
    }

    /// The variables a template or mapping for `kind` may use: the standard ones that kind
    /// carries, plus the custom offline-request fields of the CallGear account.
    public static func names(for kind: CommunicationKind, customOfflineFields: [String]) -> Set<String> {
        var names = Set(all.filter { $0.onlyFor == nil || $0.onlyFor == kind }.map(\.name))
        if kind == .offline { names.formUnion(customOfflineFields) }
        return names
    }
}
