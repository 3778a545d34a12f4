import Foundation

/// Every problem of a profile at once, each with the document path of the field and a
/// message an operator can act on. Errors block activation and saving as active;
/// warnings point at settings that are legal but probably not what was meant.
public struct ValidationProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Codable, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    /// The place inside the profile, e.g. `chats.firstContact.create`; the catalog names it.
    public var path: SettingPath
    public var message: String

    public init(_ severity: Severity, _ path: SettingPath, _ message: String) {
        self.severity = severity
        self.path = path
        self.message = message
    }

    public var description: String { "\(severity): \(path): \(message)" }
}

extension Profile {
    /// `accounts`: the portal domains known to the store, when the caller has them.
    public func validate(knownAccounts: [String]? = nil) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        func error(_ path: SettingPath, _ message: String) { problems.append(.init(.error, path, message)) }
        func warning(_ path: SettingPath, _ message: String) { problems.append(.init(.warning, path, message)) }

        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            error(.name, tr("the profile needs a name", ru: "у профиля должно быть название"))
        } else if name.count > 64 {
            error(.name, tr("the profile name is longer than 64 characters", ru: "название профиля длиннее 64 символов"))
        } else if name.unicodeScalars.contains(where: { [.control, .format].contains($0.properties.generalCategory) }) {
            error(
                .name,
                tr(
                    "the profile name contains control or invisible characters — type it again by hand",
                    ru: "в названии профиля есть управляющие или невидимые символы — наберите его заново вручную"))
        } else if name.hasPrefix("-") {
            // `profile show --help` must not be able to mean a profile.
            error(
                .name,
                tr(
                    "the profile name must not start with '-': commands would read it as an option",
                    ru: "название профиля не может начинаться с '-': команды примут его за ключ"))
        }
        if !chats.enabled && !offline.enabled {
            warning(
                SettingPath.chats.enabled,
                tr(
                    "neither chats nor offline requests are enabled — the integration carries nothing to Bitrix24",
                    ru: "не включены ни чаты, ни офлайн-заявки — интеграция ничего не передаёт в Битрикс24"))
        }

        if account.isEmpty {
            error(
                .account,
                tr(
                    "choose the account (the Bitrix24 portal) this profile sets up",
                    ru: "выберите аккаунт (портал Битрикс24), который настраивает профиль"))
        } else if let knownAccounts, !knownAccounts.contains(account) {
            error(
                .account,
                tr(
                    "no account with the domain '\(account)' — add it first (account add) or pick another",
                    ru: "нет аккаунта с доменом '\(account)' — сначала добавьте его (account add) или выберите другой"))
        }

        if let url = callGear.dataAPIURL,
            !(url.hasPrefix("https://") || url.hasPrefix("http://127.") || url.hasPrefix("http://localhost"))
        {
            error(
                SettingPath.callGear.dataAPIURL,
                tr(
                    "the Data API address must start with https:// (got '\(url)')",
                    ru: "адрес Data API должен начинаться с https:// (указан '\(url)')"))
        }
        let channelIDs = Set(callGear.channels.map(\.id))
        for (index, channel) in callGear.channels.enumerated() where channel.id.isEmpty {
            error(
                SettingPath.callGear.channels[index].id,
                tr("a channel needs its CallGear ID", ru: "у канала должен быть ID в CallGear"))
        }

        for kind in CommunicationKind.allCases {
            validate(kind: kind, channelIDs: channelIDs, into: &problems)
        }
        validateOther(into: &problems)
        return problems
    }

    private func validate(kind: CommunicationKind, channelIDs: Set<String>, into problems: inout [ValidationProblem]) {
        let settings = self.settings(for: kind)
        let base = SettingPath.settings(kind)
        func error(_ path: SettingPath, _ message: String) { problems.append(.init(.error, path, message)) }
        func warning(_ path: SettingPath, _ message: String) { problems.append(.init(.warning, path, message)) }

        if kind == .offline && !settings.channels.isEmpty {
            error(
                base.channels,
                tr(
                    "offline requests have no channel list — they are told apart by site, form type and form name",
                    ru: "у офлайн-заявок нет списка каналов — их различают по сайту, типу и названию формы"))
        }
        // A disabled kind keeps whatever the operator left there; only enabled ones must be complete.
        guard settings.enabled else { return }

        if kind == .chat {
            if settings.channels.isEmpty {
                warning(
                    base.channels,
                    tr(
                        "no channel is ticked — no chat will reach Bitrix24",
                        ru: "не отмечен ни один канал — ни один чат не дойдёт до Битрикс24"))
            } else if !channelIDs.isEmpty {
                for (index, id) in settings.channels.enumerated() where !channelIDs.contains(id) {
                    error(
                        base.channels[index],
                        tr(
                            "channel '\(id)' is not among the CallGear account's channels",
                            ru: "канала '\(id)' нет среди каналов аккаунта CallGear"))
                }
            }
        }
        if (settings.defaultResponsible ?? "").isEmpty {
            let label = SettingsCatalog.label(of: base.defaultResponsible)
            error(
                base.defaultResponsible,
                kind == .chat
                    ? tr(
                        "\(label) is required when chats are enabled — choose a Bitrix24 user",
                        ru: "«\(label)» обязателен, когда включены чаты — выберите пользователя Битрикс24")
                    : tr(
                        "\(label) is required when offline requests are enabled — choose a Bitrix24 user",
                        ru: "«\(label)» обязателен, когда включены офлайн-заявки — выберите пользователя Битрикс24"))
        }
        for (index, rule) in settings.responsibleRules.enumerated() {
            let path = base.responsibleRules[index]
            if rule.responsible.isEmpty {
                error(
                    path.responsible,
                    tr(
                        "choose the Bitrix24 user this rule assigns",
                        ru: "выберите пользователя Битрикс24, которого назначает правило"))
            }
            if rule.condition.isEmpty {
                warning(
                    path.condition,
                    tr(
                        "the rule has no condition, so it takes every request and the rules below it never apply",
                        ru: "у правила нет условия, поэтому оно забирает все обращения, и правила ниже никогда не сработают")
                )
            }
            validate(condition: rule.condition, kind: kind, path: path.condition, error: error)
        }

        let first = settings.firstContact
        if !first.createsLeadOrDeal {
            error(
                base.firstContact.create,
                tr(
                    "first contact must create a lead or a deal (or both) — chats attach to leads and deals",
                    ru: "первичное обращение должно создавать лид или сделку (или оба) — чаты прикрепляются к лидам и сделкам")
            )
        }
        if Set(first.create).count != first.create.count {
            error(base.firstContact.create, tr("an entity is listed twice", ru: "сущность указана дважды"))
        }
        if Set(settings.repeatedContact.create).count != settings.repeatedContact.create.count {
            error(base.repeatedContact.create, tr("an entity is listed twice", ru: "сущность указана дважды"))
        }
        validate(
            funnels: first.funnels, creating: first, kind: kind, path: base.firstContact.funnels, error: error, warning: warning)
        if settings.repeatedContact.createsLeadOrDeal {
            validate(
                funnels: settings.repeatedContact.funnels, creating: settings.repeatedContact, kind: kind,
                path: base.repeatedContact.funnels, error: error, warning: warning)
        }

        if settings.commentPriorityApplies {
            if settings.commentPriority == nil {
                error(
                    base.commentPriority,
                    tr(
                        "\(SettingsCatalog.label(of: base.commentPriority)) is required when repeated contact creates no lead or deal — choose To deals, To leads or To both",
                        ru:
                            "«\(SettingsCatalog.label(of: base.commentPriority))» обязателен, когда повторное обращение не создаёт лид или сделку — выберите «В сделки», «В лиды» или «В оба»"
                    )
                )
            }
        }
        // A priority kept while repeated contact creates a lead or deal is hidden (as in the
        // vendor's cabinet) and ignored: no warning about a field the operator cannot see.
    }

    private func validate(
        funnels: FunnelSettings, creating: ContactHandling, kind: CommunicationKind, path: SettingPath,
        error: (SettingPath, String) -> Void, warning: (SettingPath, String) -> Void
    ) {
        guard funnels.applyCustomStages else { return }
        check(target: funnels.defaults, creating: creating, path: path.defaults, error: error)
        for (index, rule) in funnels.rules.enumerated() {
            let rulePath = path.rules[index]
            if rule.condition.isEmpty {
                warning(
                    rulePath.condition,
                    tr(
                        "the rule has no condition, so it takes every request and the defaults never apply",
                        ru:
                            "у правила нет условия, поэтому оно забирает все обращения, и значения по умолчанию никогда не применятся"
                    ))
            }
            validate(condition: rule.condition, kind: kind, path: rulePath.condition, error: error)
            check(target: rule.target, creating: creating, path: rulePath.target, error: error)
        }
    }

    /// Which targets are required follows the creation choice: lead → lead stage;
    /// deal → funnel and stage; both → all three.
    private func check(target: StageTarget, creating: ContactHandling, path: SettingPath, error: (SettingPath, String) -> Void) {
        if creating.createsLead && (target.leadStage ?? "").isEmpty {
            error(path.leadStage, tr("choose the lead stage (leads are created)", ru: "выберите стадию лида (лиды создаются)"))
        }
        if creating.createsDeal {
            if (target.dealCategory ?? "").isEmpty {
                error(
                    path.dealCategory,
                    tr("choose the deal funnel (deals are created)", ru: "выберите воронку сделки (сделки создаются)"))
            }
            if (target.dealStage ?? "").isEmpty {
                error(
                    path.dealStage,
                    tr("choose the deal stage (deals are created)", ru: "выберите стадию сделки (сделки создаются)"))
            }
        }
    }

    private func validate(
        condition: Condition, kind: CommunicationKind, path: SettingPath, error: (SettingPath, String) -> Void
    ) {
        for (g, group) in condition.anyOf.enumerated() {
            if group.allOf.isEmpty {
                error(
                    path.anyOf[g],
                    tr(
                        "an empty group — add a condition or remove the group",
                        ru: "пустая группа — добавьте условие или удалите группу"))
            }
            for (c, clause) in group.allOf.enumerated() {
                let clausePath = path.anyOf[g].allOf[c]
                if !clause.param.applies(to: kind) {
                    error(
                        clausePath.param,
                        kind == .chat
                            ? tr(
                                "'\(clause.param.label)' does not exist for chats",
                                ru: "«\(clause.param.label)» не бывает у чатов")
                            : tr(
                                "'\(clause.param.label)' does not exist for offline requests",
                                ru: "«\(clause.param.label)» не бывает у офлайн-заявок"))
                }
                if clause.values.isEmpty || clause.values.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                    error(
                        clausePath.values,
                        tr(
                            "'\(clause.param.label)' has no value to compare with",
                            ru: "у «\(clause.param.label)» нет значения для сравнения"))
                }
            }
        }
    }

    private func validateOther(into problems: inout [ValidationProblem]) {
        let base = SettingPath.other
        func error(_ path: SettingPath, _ message: String) { problems.append(.init(.error, path, message)) }
        if other.filterEnabled {
            for kind in CommunicationKind.allCases {
                validate(condition: other.filter(for: kind), kind: kind, path: base.filter(kind), error: error)
            }
        }
        if other.templatesEnabled {
            var seen: Set<CommunicationKind> = []
            for (index, template) in other.templates.enumerated() {
                let path = base.templates[index]
                if !seen.insert(template.eventType).inserted {
                    error(
                        path.eventType,
                        tr(
                            "a second template for '\(template.eventType.label)' — keep one per event type",
                            ru: "второй шаблон для «\(template.eventType.label)» — оставьте один на тип события"))
                }
                if template.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    error(
                        path.text,
                        tr(
                            "the template is empty — write a title or remove the template",
                            ru: "шаблон пуст — напишите название или удалите шаблон"))
                }
                let known = TemplateVariable.names(for: template.eventType, customOfflineFields: callGear.offlineFields)
                for problem in NameTemplate.parse(template.text, known: known).problems {
                    error(path.text, "\(problem.position): \(problem.message)")
                }
            }
        }
        if other.fieldMappingEnabled {
            var targets: Set<String> = []
            for (index, mapping) in other.fieldMappings.enumerated() {
                let path = base.fieldMappings[index]
                let known = TemplateVariable.names(for: .chat, customOfflineFields: [])
                    .union(TemplateVariable.names(for: .offline, customOfflineFields: callGear.offlineFields))
                if mapping.value != nil && mapping.source.isEmpty {
                    // A list field's chosen value needs no source.
                } else if !known.contains(mapping.source) {
                    error(
                        path.source,
                        tr("unknown CallGear field '\(mapping.source)'", ru: "неизвестное поле CallGear '\(mapping.source)'")
                            + NameTemplate.suggestion(for: mapping.source, in: known))
                }
                if !Self.isFieldCode(mapping.field) {
                    error(
                        path.field,
                        tr(
                            "'\(mapping.field)' is not a Bitrix24 field code — codes look like TITLE or UF_CRM_1700000000",
                            ru: "'\(mapping.field)' — не код поля Битрикс24 — коды выглядят как TITLE или UF_CRM_1700000000"))
                }
                if !targets.insert("\(mapping.entity.rawValue).\(mapping.field)").inserted {
                    error(
                        path.field,
                        tr(
                            "\(mapping.entity.label) field \(mapping.field) is already filled by another mapping",
                            ru: "поле \(mapping.field) (\(mapping.entity.noun)) уже заполняет другое сопоставление"))
                }
            }
        }
    }

    static func isFieldCode(_ code: String) -> Bool {
        guard let first = code.first, first.isASCII, first.isUppercase else { return false }
        return code.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
    }
}

extension [ValidationProblem] {
    public var errors: [ValidationProblem] { filter { $0.severity == .error } }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
