/// What a first or a repeated contact creates in Bitrix24, and where the lead, deal and
/// their stages come from (the "Status filter" / "Filter of chat funnels" blocks).
public struct ContactHandling: Hashable, Sendable, Codable {
    /// First contact: Lead and/or Deal, optionally with Activity. Repeated: any, or none.
    public var create: [CreatedEntity]
    public var funnels: FunnelSettings

    public init(create: [CreatedEntity] = [], funnels: FunnelSettings = FunnelSettings()) {
        self.create = create
        self.funnels = funnels
    }

    public var createsLead: Bool { create.contains(.lead) }
    public var createsDeal: Bool { create.contains(.deal) }
    public var createsLeadOrDeal: Bool { createsLead || createsDeal }
}

public enum CreatedEntity: String, ClosedChoice {
    case lead
    case deal
    case activity

    public static let choiceName = "entity to create"

    public var label: String {
        switch self {
        case .lead: tr("Lead", ru: "Лид")
        case .deal: tr("Deal", ru: "Сделка")
        case .activity: tr("Activity", ru: "Дело")
        }
    }
}

/// Where a repeated contact's comment goes when nothing new is created for it.
public enum CommentPriority: String, ClosedChoice {
    case toDeals = "to_deals"
    case toLeads = "to_leads"
    case toBoth = "to_both"

    public static let choiceName = "comment priority"

    /// Both languages' names, fixed: a catalog built once must not keep the first caller's.
    public var localized: Localized {
        switch self {
        case .toDeals: Localized("To deals", ru: "В сделки")
        case .toLeads: Localized("To leads", ru: "В лиды")
        case .toBoth: Localized("To both", ru: "В оба")
        }
    }

    public var label: String { localized.text }
}

/// "Create lead/deal on": at the first message (comments stream in) or when the chat ends.
public enum CreateOn: String, ClosedChoice {
    case chatStart = "chat_start"
    case chatEnd = "chat_end"

    public static let choiceName = "create-on moment"

    /// Both languages' names, fixed: a catalog built once must not keep the first caller's.
    public var localized: Localized {
        switch self {
        case .chatStart: Localized("Start chat", ru: "Начало чата")
        case .chatEnd: Localized("End chat", ru: "Завершение чата")
        }
    }

    public var label: String { localized.text }
}
