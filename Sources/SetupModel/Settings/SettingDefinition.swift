/// What one catalog entry says about a setting: everything a screen, a validation message,
/// a routing explanation, a report or a search needs, so that none of them spells it again.
public struct SettingDefinition: Sendable {
    /// Where it sits; list positions are "any" (`chats.responsibleRules[].responsible`).
    public let pattern: SettingPath
    public let label: Localized
    /// The vendor's explanation (F3): every setting has one.
    public let hint: Localized
    public let section: SettingsSection
    /// Marked with * in the vendor's cabinet: validation refuses it empty when it applies.
    public let required: Bool
    public let kind: SettingKind
    /// Whether the setting means anything for this profile: hidden rows are hidden in every
    /// screen, and their problems cannot occur. The path gives the list positions.
    public let applies: @Sendable (Profile, SettingPath) -> Bool
    let read: @Sendable (Profile, [Int]) -> SettingValue?
    let write: (@Sendable (inout Profile, [Int], SettingValue) -> Void)?

    /// The value at `path` (a concrete path of this entry), nil when a list position is gone.
    public func value(in profile: Profile, at path: SettingPath) -> SettingValue? {
        read(profile, path.indices)
    }

    public var isWritable: Bool { write != nil }

    /// Writes through the model's invariants: a new funnel clears its stage, a new entity
    /// clears a mapping's field. A value of the wrong shape is ignored (a programming error
    /// the catalog test rules out).
    public func set(_ value: SettingValue, in profile: inout Profile, at path: SettingPath) {
        guard let write, read(profile, path.indices) != nil else { return }
        write(&profile, path.indices, value)
    }

    /// The value a new profile has; nil for entries inside lists (a new rule has none yet).
    public var defaultValue: SettingValue? {
        pattern.steps.contains(.anyIndex) ? nil : read(SettingsCatalog.defaultProfile, [])
    }
}

/// A setting's value in one shape for every caller: screens edit it, reports print it,
/// search and undo compare it.
public enum SettingValue: Hashable, Sendable {
    case toggle(Bool)
    case text(String)
    /// An ID from a list (user, stage, funnel, channel, field, account), or none chosen.
    case reference(String?)
    /// Several IDs or typed values, in order.
    case list([String])
    /// The raw value of a closed choice.
    case choice(String)
    /// A list of structured entries (rules, templates, mappings): how many there are.
    case entries(Int)

    /// The chosen ID of a reference, nil for anything else or none chosen.
    public var referenceID: String? {
        if case .reference(let id) = self { return id }
        return nil
    }

    /// The raw value of a choice, nil for anything else.
    public var choiceRaw: String? {
        if case .choice(let raw) = self { return raw }
        return nil
    }
}

/// How a setting is edited and where its values come from.
public enum SettingKind: Hashable, Sendable {
    case toggle
    case text(masked: Bool)
    case choice([ChoiceOption])
    case user
    case leadStage
    case funnel
    /// Stages of the funnel chosen beside it.
    case dealStage
    case account
    /// Channel IDs of the CallGear account.
    case channels
    case entities
    /// Values of the clause's parameter (CallGear lists, or typed).
    case conditionValues
    /// A Bitrix24 field of the mapping's entity.
    case crmField
    /// A CallGear communication field (a template variable) for a mapping's source.
    case variable
    /// One value of the list (enumeration) field beside it.
    case listValue
    /// A list of structured entries opened on its own screen.
    case entries
    /// A condition (groups of clauses) opened on its own screen.
    case condition
    /// One entry of a list: a rule, a clause, a template, a mapping, a channel.
    case entry
}

public struct ChoiceOption: Hashable, Sendable {
    public let raw: String
    public let label: Localized

    public init(_ raw: String, _ label: Localized) {
        self.raw = raw
        self.label = label
    }
}

/// The vendor's settings screens, in the cabinet's order.
public enum SettingsSection: Int, CaseIterable, Sendable {
    case accounts, chats, entityCreation, funnels, offline, other

    public var title: Localized {
        switch self {
        case .accounts: Localized("Accounts", ru: "Учётные данные")
        case .chats: Localized("Chats", ru: "Чаты")
        case .entityCreation: Localized("Entity creation", ru: "Создание сущностей")
        case .funnels: Localized("Funnels", ru: "Воронки")
        case .offline: Localized("Offline requests", ru: "Офлайн-заявки")
        case .other: Localized("Other settings", ru: "Остальные настройки")
        }
    }
}
