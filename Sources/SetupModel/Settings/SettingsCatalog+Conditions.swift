/// Conditions appear in four places (responsible rules, funnel rules, the two filters), each
/// with the same groups and clauses: their entries are written once here and registered under
/// every place a condition lives.
public enum ConditionOwner: Hashable, Sendable {
    case responsible(CommunicationKind)
    case funnel(CommunicationKind, repeated: Bool)
    case filter(CommunicationKind)

    public static let all: [ConditionOwner] = CommunicationKind.allCases.flatMap {
        [.responsible($0), .funnel($0, repeated: false), .funnel($0, repeated: true), .filter($0)]
    }

    public var kind: CommunicationKind {
        switch self {
        case .responsible(let k), .funnel(let k, _), .filter(let k): k
        }
    }

    /// The condition's path; rules need their position.
    public func path(rule: Int = 0) -> SettingPath {
        switch self {
        case .responsible(let k): SettingPath.settings(k).responsibleRules[rule].condition
        case .funnel(let k, let r): SettingPath.settings(k).contact(repeated: r).funnels.rules[rule].condition
        case .filter(let k): SettingPath.other.filter(k)
        }
    }

    var hasRule: Bool {
        if case .filter = self { return false }
        return true
    }

    var section: SettingsSection {
        switch self {
        case .responsible(let k): k == .chat ? .chats : .offline
        case .funnel(let k, _): k == .chat ? .funnels : .offline
        case .filter: .other
        }
    }

    /// The condition inside a profile, given the rule's position (ignored for filters).
    func keyPath(rule: Int) -> WritableKeyPath<Profile, Condition> {
        switch self {
        case .responsible(let k):
            SettingsCatalog.settingsKeyPath(k).appending(path: \CommunicationSettings.responsibleRules[rule].condition)
        case .funnel(let k, let r):
            SettingsCatalog.handlingKeyPath(k, repeated: r).appending(path: \ContactHandling.funnels.rules[rule].condition)
        case .filter(let k):
            if k == .chat { \Profile.other.chatFilter } else { \Profile.other.offlineFilter }
        }
    }

    func condition(in p: Profile, rule: Int) -> Condition? {
        switch self {
        case .responsible(let k):
            let rules = p.settings(for: k).responsibleRules
            return rules.indices.contains(rule) ? rules[rule].condition : nil
        case .funnel(let k, let r):
            let rules = r ? p.settings(for: k).repeatedContact.funnels.rules : p.settings(for: k).firstContact.funnels.rules
            return rules.indices.contains(rule) ? rules[rule].condition : nil
        case .filter(let k): return p.other.filter(for: k)
        }
    }

    func applies(_ p: Profile) -> Bool {
        switch self {
        case .responsible, .filter: true
        case .funnel(let k, let r):
            SettingsCatalog.funnelsApply(p, k, repeated: r) && p.settings(for: k).contact(repeated: r).funnels.applyCustomStages
        }
    }
}

extension CommunicationSettings {
    public func contact(repeated: Bool) -> ContactHandling { repeated ? repeatedContact : firstContact }
}

extension SettingsCatalog {
    static func conditionEntries(_ owner: ConditionOwner) -> [SettingDefinition] {
        let condition = owner.path().pattern
        let clause = condition.anyOf[0].allOf[0].pattern
        let section = owner.section
        let kind = owner.kind
        let ruled = owner.hasRule
        // Positions along a clause path: [rule,] group, clause.
        @Sendable func split(_ i: [Int]) -> (rule: Int, group: Int, clause: Int)? {
            let rest = ruled ? Array(i.dropFirst()) : i
            guard rest.count == 2 else { return nil }
            return (ruled ? i.first ?? 0 : 0, rest[0], rest[1])
        }
        @Sendable func clauseAt(_ p: Profile, _ i: [Int]) -> Clause? {
            guard let at = split(i), let c = owner.condition(in: p, rule: at.rule), c.anyOf.indices.contains(at.group),
                c.anyOf[at.group].allOf.indices.contains(at.clause)
            else { return nil }
            return c.anyOf[at.group].allOf[at.clause]
        }
        @Sendable func clausePath(_ i: [Int]) -> WritableKeyPath<Profile, Clause> {
            let at = split(i)!
            return owner.keyPath(rule: at.rule).appending(path: \Condition.anyOf[at.group].allOf[at.clause])
        }
        let applies: @Sendable (Profile, SettingPath) -> Bool = { p, _ in owner.applies(p) }
        var rows: [SettingDefinition] = []
        if ruled {
            let (en, ru) =
                if case .funnel = owner { ("Stage filter", "Фильтр стадий") } else { ("Condition", "Условие") }
            rows.append(
                def(
                    condition, en, ru: ru,
                    hint: hint(
                        "Clauses joined with & form a group; the condition holds when any group holds. No clauses: it always holds.",
                        ru:
                            "Условия через «&» образуют группу; условие выполнено, если выполнена любая группа. Без условий — выполнено всегда."
                    ), section: section, kind: .condition, applies: applies,
                    read: { p, i in owner.condition(in: p, rule: i.first ?? 0).map { .entries($0.anyOf.count) } }))
        }
        rows += [
            def(
                condition.anyOf[0].pattern, "Group", ru: "Группа",
                hint: hint(
                    "Conditions joined with & (all must hold); groups are joined with OR.",
                    ru: "Условия через «&» (должны выполняться все); группы объединяются через OR."),
                section: section, kind: .entry, applies: applies,
                read: { p, i in
                    let rule = ruled ? i.first ?? 0 : 0
                    let g = ruled ? i.dropFirst().first : i.first
                    guard let g, let c = owner.condition(in: p, rule: rule), c.anyOf.indices.contains(g) else { return nil }
                    return .entries(c.anyOf[g].allOf.count)
                }),
            def(
                clause, "Condition", ru: "Условие",
                hint: hint(
                    "Param, operator and values: one row of the vendor's condition dialog.",
                    ru: "Параметр, оператор и значения: одна строка окна условий."),
                section: section, kind: .entry, applies: applies,
                read: { p, i in clauseAt(p, i).map { _ in .entries(1) } }),
            def(
                clause.param, "Param", ru: "Параметр",
                hint: hint(
                    "What of the chat or request is compared: site, channel, group, campaign, form, page, …",
                    ru: "Что сравнивается у чата или заявки: сайт, канал, группа, кампания, форма, страница, …"),
                section: section, required: true,
                kind: .choice(
                    ConditionParam.allCases.filter { $0.applies(to: kind) }.map { ChoiceOption($0.rawValue, $0.localized) }),
                applies: applies, read: { p, i in clauseAt(p, i).map { .choice($0.param.rawValue) } },
                write: { p, i, v in
                    if case .choice(let raw) = v, let param = ConditionParam(rawValue: raw) {
                        p[keyPath: clausePath(i)].param = param
                    }
                }),
            def(
                clause.mode, "Operator", ru: "Оператор",
                hint: hint(
                    "Allow: applies to requests with these values. Forbid: to requests without them.",
                    ru: "Разрешён: к обращениям с этими значениями. Запрещён: к обращениям без них."),
                section: section, required: true,
                kind: .choice(ConditionMode.allCases.map { ChoiceOption($0.rawValue, $0.localized) }), applies: applies,
                read: { p, i in clauseAt(p, i).map { .choice($0.mode.rawValue) } },
                write: { p, i, v in
                    if case .choice(let raw) = v, let mode = ConditionMode(rawValue: raw) {
                        p[keyPath: clausePath(i)].mode = mode
                    }
                }),
            def(
                clause.values, "Value", ru: "Значение",
                hint: hint(
                    "Pick from the CallGear lists, or type a new value in the filter and press Ctrl-N to add it.",
                    ru: "Выберите из списков CallGear или введите новое значение в фильтре и нажмите Ctrl-N."),
                section: section, required: true, kind: .conditionValues, applies: applies,
                read: { p, i in clauseAt(p, i).map { .list($0.values) } },
                write: { p, i, v in if case .list(let values) = v { p[keyPath: clausePath(i)].values = values } }),
        ]
        return rows
    }
}
