import SetupModel

/// The side list: the vendor's settings screens in their order, then the console's own.
public enum Section: Int, CaseIterable, Sendable {
    case accounts, chats, entityCreation, funnels, offline, other, simulate, replay

    /// The vendor's section this screen shows; Simulate and Replay are the console's own.
    public var settingsSection: SettingsSection? { SettingsSection(rawValue: rawValue) }

    public var title: String {
        switch self {
        case .simulate: tr("Simulate", ru: "Проверка")
        case .replay: tr("Replay", ru: "Прогон трафика")
        default: settingsSection?.title.text ?? ""
        }
    }

    /// The console's own screens show a result pane under their form.
    var hasResultPane: Bool { self == .simulate || self == .replay }

    /// Whether a problem at `path` shows on this section's screen: the catalog's section of
    /// the setting it belongs to.
    func owns(_ path: SettingPath) -> Bool {
        guard let mine = settingsSection else { return false }
        return SettingsCatalog.section(of: path) == mine
    }
}

/// What a form shows: a section, or something opened from one (a rule list, a rule, a
/// condition, a clause, templates, mappings, channels, an account).
public indirect enum FormContext: Hashable, Sendable {
    case section(Section)
    case responsibleRules(CommunicationKind)
    case responsibleRule(CommunicationKind, Int)
    case funnelRules(CommunicationKind, repeated: Bool)
    case funnelRule(CommunicationKind, repeated: Bool, Int)
    case condition(ConditionRef)
    case clause(ConditionRef, group: Int, index: Int)
    case templates
    case template(Int)
    case mappings
    case mapping(Int)
    case channels
    case channel(Int)
    case account

    public var title: String {
        switch self {
        case .section(let s): s.title
        case .responsibleRules(let k):
            k == .chat
                ? tr("Chat responsible filter", ru: "Фильтр ответственных за чаты")
                : tr("Offline message responsible filter", ru: "Фильтр ответственных за офлайн-заявки")
        case .responsibleRule(_, let i): tr("Responsible rule \(i + 1)", ru: "Правило ответственного \(i + 1)")
        case .funnelRules(let k, let repeated):
            switch (k, repeated) {
            case (.chat, false):
                tr("Filter of chat funnels for first client contact", ru: "Фильтр воронок чатов при первичном обращении")
            case (.chat, true):
                tr("Filter of chat funnels for repeated client contact", ru: "Фильтр воронок чатов при повторном обращении")
            case (.offline, false):
                tr(
                    "Filter of offline message funnels for first client contact",
                    ru: "Фильтр воронок офлайн-заявок при первичном обращении")
            case (.offline, true):
                tr(
                    "Filter of offline message funnels for repeated client contact",
                    ru: "Фильтр воронок офлайн-заявок при повторном обращении")
            }
        case .funnelRule(_, _, let i): tr("Funnel rule \(i + 1)", ru: "Правило воронки \(i + 1)")
        case .condition(let ref): ref.title
        case .clause(_, let g, let i): tr("Condition \(g + 1).\(i + 1)", ru: "Условие \(g + 1).\(i + 1)")
        case .templates: tr("Entity name templates", ru: "Шаблоны названий сущностей")
        case .template(let i): tr("Template \(i + 1)", ru: "Шаблон \(i + 1)")
        case .mappings: tr("Field mapping", ru: "Сопоставление полей")
        case .mapping(let i): tr("Mapping \(i + 1)", ru: "Сопоставление \(i + 1)")
        case .channels: tr("CallGear channels", ru: "Каналы CallGear")
        case .channel(let i): tr("Channel \(i + 1)", ru: "Канал \(i + 1)")
        case .account: tr("Account", ru: "Аккаунт")
        }
    }
}

/// Which condition a condition form edits.
public enum ConditionRef: Hashable, Sendable {
    case responsible(CommunicationKind, Int)
    case funnel(CommunicationKind, repeated: Bool, Int)
    case filter(CommunicationKind)

    var kind: CommunicationKind {
        switch self {
        case .responsible(let k, _), .funnel(let k, _, _), .filter(let k): k
        }
    }

    var title: String {
        switch self {
        case .responsible(_, let i): tr("Condition of responsible rule \(i + 1)", ru: "Условие правила ответственного \(i + 1)")
        case .funnel(_, _, let i): tr("Stage filter of funnel rule \(i + 1)", ru: "Фильтр стадий правила воронки \(i + 1)")
        case .filter(let k):
            k == .chat ? tr("Chats filter", ru: "Фильтр чатов") : tr("Offline messages filter", ru: "Фильтр офлайн-заявок")
        }
    }

    /// The catalog's place of this condition.
    var owner: ConditionOwner {
        switch self {
        case .responsible(let k, _): .responsible(k)
        case .funnel(let k, let r, _): .funnel(k, repeated: r)
        case .filter(let k): .filter(k)
        }
    }

    var path: SettingPath {
        switch self {
        case .responsible(_, let i), .funnel(_, _, let i): owner.path(rule: i)
        case .filter: owner.path()
        }
    }

    /// The condition inside the workspace.
    var keyPath: WritableKeyPath<Workspace, Condition> {
        switch self {
        case .responsible(let k, let i): Self.settings(k).appending(path: \.responsibleRules[i].condition)
        case .funnel(let k, let r, let i):
            Self.settings(k).appending(
                path: r ? \.repeatedContact.funnels.rules[i].condition : \.firstContact.funnels.rules[i].condition)
        case .filter(let k): k == .chat ? \.profile.other.chatFilter : \.profile.other.offlineFilter
        }
    }

    static func settings(_ kind: CommunicationKind) -> WritableKeyPath<Workspace, CommunicationSettings> {
        kind == .chat ? \.profile.chats : \.profile.offline
    }
}
