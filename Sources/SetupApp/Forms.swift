import Bitrix24
import ProfileStore
import Routing
import SetupModel
import TerminalUI

/// Builds each form's rows from the workspace: the vendor's labels and order, fields shown
/// or hidden as the settings imply (comment priority only when repeated contact creates no
/// lead or deal; lead stage, funnel and deal stage as the creation choice requires; the
/// repeated-contact funnels only when repeated contact creates something).
struct Forms {
    let workspace: Workspace
    let names: Names
    let accounts: [Account]
    var profiles: [ProfileSummary] = []
    /// The CallGear lists came from the Data API (not typed by hand).
    var callGearFromAPI = false
    /// The last readiness check's lines, shown under its row.
    var readiness: [String] = []
    /// The portal's lists, for what depends on a field's type.
    var catalog: PortalCatalog?
    /// The last replay's counts by outcome, for the Replay screen's Events row.
    var replayCounts: String?

    func fields(_ context: FormContext) -> [Field] {
        switch context {
        case .section(.accounts): accountsSection()
        case .section(.chats): chats(.chat)
        case .section(.entityCreation): entityCreation(.chat, headings: false)
        case .section(.funnels): funnels(.chat)
        case .section(.offline): offline()
        case .section(.other): other()
        case .section(.simulate): simulate()
        case .section(.replay): replay(replayCounts)
        case .responsibleRules(let kind): responsibleRules(kind)
        case .responsibleRule(let kind, let i): responsibleRule(kind, i)
        case .funnelRules(let kind, let repeated): funnelRules(kind, repeated: repeated)
        case .funnelRule(let kind, let repeated, let i): funnelRule(kind, repeated: repeated, i)
        case .condition(let ref): condition(ref)
        case .clause(let ref, let g, let i): clause(ref, g, i)
        case .templates: templates()
        case .template(let i): template(i)
        case .mappings: mappings()
        case .mapping(let i): mapping(i)
        case .channels: channels()
        case .channel(let i): channel(i)
        case .account: accountForm()
        }
    }

    var profile: Profile { workspace.profile }

    // MARK: Sections

    func accountsSection() -> [Field] {
        var rows =
            [
                setting(.account),
                setting(
                    .region,
                    options: Region.allCases.map {
                        "\($0.displayName) — \($0.cabinetHost), " + tr("app", ru: "приложение") + " \"\($0.bitrixAppName)\""
                    }),
                Field(
                    tr("Verify connection", ru: "Проверить подключение"),
                    .action(
                        .verifyAccount,
                        summary: tr("profile, scopes and CRM mode of the portal", ru: "профиль, права и режим CRM портала"))),
                Field(
                    tr("Check readiness", ru: "Проверить готовность"),
                    .action(
                        .checkReadiness,
                        summary: tr(
                            "will this profile work on this portal? ✓ ⚠ ✗", ru: "заработает ли профиль на этом портале? ✓ ⚠ ✗")),
                    hint: tr(
                        "Checks the profile against the live portal: users, stages, funnels and fields it names, required fields, CRM mode, Open Channels, the CallGear channels.",
                        ru:
                            "Сверяет профиль с живым порталом: названные в нём пользователи, стадии, воронки и поля, обязательные поля, режим CRM, открытые линии, каналы CallGear."
                    )
                ),
                Field(
                    tr("Refresh auth keys", ru: "Обновить ключи"),
                    .action(
                        .refreshKeys,
                        summary: tr("OAuth accounts: a new token pair now", ru: "аккаунты OAuth: новая пара токенов сейчас")),
                    hint: tr(
                        "The round-arrow button of the vendor's Accounts block: refreshes the integration's authorisation keys.",
                        ru: "Кнопка с круглой стрелкой в блоке «Accounts» у вендора: обновляет ключи авторизации интеграции.")
                ),
                Field(
                    tr("Reload pick lists", ru: "Обновить списки"),
                    .action(
                        .reloadCatalog,
                        summary: tr(
                            "lead stages, funnels, users and fields from the portal",
                            ru: "стадии лида, воронки, пользователи и поля с портала"))),
            ] + readiness.map { Field($0, .note) } + [
                Field(tr("Portals", ru: "Порталы"), .heading)
            ]
        for account in accounts {
            let label = account.name.isEmpty ? account.domain.host : account.name
            rows.append(
                Field(
                    label,
                    .action(
                        .editAccount(account.domain.description), summary: "\(account.domain) · \(account.authorization.kindName)"
                    )))
        }
        rows.append(
            Field(
                tr("Add account", ru: "Добавить аккаунт"),
                .action(
                    .newAccount,
                    summary: tr(
                        "name, Bitrix24 portal domain, webhook or OAuth",
                        ru: "название, домен портала Битрикс24, вебхук или OAuth"))))
        rows.append(Field(tr("Profiles", ru: "Профили"), .heading))
        for summary in profiles {
            let current = summary.name == profile.name
            rows.append(
                Field(
                    (current ? "› " : "  ") + TextSanitizer.line(summary.name),
                    .action(
                        .openProfile(summary.name),
                        summary:
                            "\(summary.region.displayName) · "
                            + (summary.active ? tr("active", ru: "активен") : tr("inactive", ru: "не активен"))
                            + " · v\(summary.version)"
                    )))
        }
        rows.append(
            Field(
                tr("New profile", ru: "Новый профиль"),
                .action(.newProfile, summary: tr("the guided onboarding", ru: "пошаговое подключение"))))
        return rows
    }

    func accountForm() -> [Field] {
        typealias F = SettingPath.AccountForm
        var rows = [
            Field(
                setting: F.name,
                .text(
                    \.account.name, masked: false,
                    placeholder: tr("the portal's name (optional)", ru: "название портала (необязательно)"))),
            Field(setting: F.domain, .text(\.account.domain, masked: false, placeholder: "https://xxx.bitrix24.ru/")),
            Field(
                setting: F.authKind,
                .choice(
                    options: [tr("Incoming webhook", ru: "Входящий вебхук"), tr("OAuth application", ru: "Приложение OAuth")],
                    get: { $0.account.authKind.rawValue },
                    set: { $0.account.authKind = AccountDraft.AuthKind(rawValue: $1) ?? .webhook })),
        ]
        if workspace.account.authKind == .webhook {
            rows.append(
                Field(
                    setting: F.webhookURL,
                    .text(\.account.webhookURL, masked: true, placeholder: "https://xxx.bitrix24.ru/rest/1/abc…/")))
        } else {
            rows += [
                Field(setting: F.clientID, .text(\.account.clientID, masked: false, placeholder: "app.…")),
                Field(setting: F.clientSecret, .text(\.account.clientSecret, masked: true, placeholder: "")),
                Field(setting: F.accessToken, .text(\.account.accessToken, masked: true, placeholder: "")),
                Field(setting: F.refreshToken, .text(\.account.refreshToken, masked: true, placeholder: "")),
                Field(
                    setting: F.oauthServer,
                    .text(\.account.oauthServer, masked: false, placeholder: OAuthCredentials.defaultOAuthServer)),
            ]
        }
        rows.append(
            Field(
                tr("Save account", ru: "Сохранить аккаунт"),
                .action(
                    .saveAccount,
                    summary: tr("store it (Esc leaves without storing)", ru: "сохранить (Esc — выйти без сохранения)"))))
        if workspace.account.original != nil {
            rows.append(
                Field(
                    tr("Delete account", ru: "Удалить аккаунт"),
                    .action(
                        .deleteAccount,
                        summary: tr(
                            "asks first; refused while profiles use it", ru: "сначала спросит; нельзя, пока им пользуются профили"
                        ))))
        }
        return rows
    }

    func chats(_ kind: CommunicationKind) -> [Field] {
        let base = SettingPath.settings(kind)
        var rows = [setting(base.enabled)]
        if applies(base.channels) {
            rows.append(setting(base.channels))
        }
        if kind == .chat {
            rows.append(
                opener(
                    SettingPath.callGear.channels, .channels,
                    summary: "\(profile.callGear.channels.count) "
                        + (callGearFromAPI
                            ? tr("from the Data API", ru: "из Data API") : tr("typed by hand", ru: "введены вручную"))))
        }
        rows.append(setting(base.defaultResponsible))
        let ruleCount = profile.settings(for: kind).responsibleRules.count
        rows.append(
            opener(
                base.responsibleRules, .responsibleRules(kind),
                summary: ruleCount == 0
                    ? tr("no rules", ru: "нет правил") : counted(ruleCount, "rule", "rules", ru: "правило", "правила", "правил")))
        return rows
    }

    func entityCreation(_ kind: CommunicationKind, headings: Bool) -> [Field] {
        let base = SettingPath.settings(kind)
        var rows: [Field] = headings ? [Field(tr("Entity creation", ru: "Создание сущностей"), .heading)] : []
        rows.append(setting(base.firstContact.create))
        rows.append(setting(base.repeatedContact.create))
        if applies(base.commentPriority) { rows.append(setting(base.commentPriority)) }
        if kind == .chat { rows.append(setting(base.createOn)) }
        rows.append(setting(base.copyCommentsToContact))
        rows.append(setting(base.notifyOnCreate))
        return rows
    }

    func funnels(_ kind: CommunicationKind) -> [Field] {
        var rows = funnelBlock(kind, repeated: false)
        if applies(SettingPath.settings(kind).repeatedContact.funnels.applyCustomStages) {
            rows += funnelBlock(kind, repeated: true)
        } else {
            rows.append(
                Field(
                    tr("Status filter for repeated client contact", ru: "Фильтр статусов при повторном обращении клиента"),
                    .heading))
            rows.append(
                Field(
                    tr(
                        "Repeated contact creates no lead or deal, so it has no stages to choose.",
                        ru: "Повторное обращение не создаёт лид или сделку, поэтому выбирать стадии не из чего."), .note))
        }
        return rows
    }

    func funnelBlock(_ kind: CommunicationKind, repeated: Bool) -> [Field] {
        let base = SettingPath.settings(kind).contact(repeated: repeated).funnels
        var rows = [
            Field(
                repeated
                    ? tr("Status filter for repeated client contact", ru: "Фильтр статусов при повторном обращении клиента")
                    : tr("Status filter for first client contact", ru: "Фильтр статусов при первичном обращении клиента"),
                .heading),
            setting(
                base.applyCustomStages,
                hint: tr(
                    "Off: the portal's own first stage of the default funnel is used.",
                    ru: "Выключено: берётся первая стадия основной воронки самого портала.")),
        ]
        guard applies(base.rules) else { return rows }
        rows += stageFields(base.defaults)
        let count = profile.settings(for: kind).contact(repeated: repeated).funnels.rules.count
        rows.append(
            opener(
                base.rules, .funnelRules(kind, repeated: repeated),
                summary: count == 0
                    ? tr("no rules", ru: "нет правил") : counted(count, "rule", "rules", ru: "правило", "правила", "правил"),
                label: kind == .chat
                    ? tr("Filter of chat funnels", ru: "Фильтр воронок чатов")
                    : tr("Filter of offline message funnels", ru: "Фильтр воронок офлайн-заявок")))
        return rows
    }

    func offline() -> [Field] {
        chats(.offline) + entityCreation(.offline, headings: true) + funnels(.offline)
    }

    func other() -> [Field] {
        let other = profile.other
        let o = SettingPath.other
        return [
            Field(tr("Filters", ru: "Фильтры"), .heading),
            setting(o.filterEnabled),
            opener(o.chatFilter, .condition(.filter(.chat)), summary: names.summary(other.chatFilter)),
            opener(o.offlineFilter, .condition(.filter(.offline)), summary: names.summary(other.offlineFilter)),
            Field(tr("Entity name templates", ru: "Шаблоны названий сущностей"), .heading),
            setting(o.templatesEnabled),
            opener(
                o.templates, .templates,
                summary: counted(other.templates.count, "template", "templates", ru: "шаблон", "шаблона", "шаблонов")),
            Field(tr("Field mapping", ru: "Сопоставление полей"), .heading),
            setting(o.fieldMappingEnabled),
            opener(
                o.fieldMappings, .mappings,
                summary: counted(
                    other.fieldMappings.count, "mapping", "mappings", ru: "сопоставление", "сопоставления", "сопоставлений")),
            Field(tr("Other", ru: "Прочее"), .heading),
            setting(o.addToClosed),
            Field("CallGear Data API", .heading),
            setting(SettingPath.callGear.dataAPIURL, placeholder: profile.region.defaultDataAPIURL),
            setting(SettingPath.callGear.dataAPIKey, placeholder: tr("not set", ru: "не задан")),
            Field(tr("Other settings", ru: "Другие настройки"), .heading),
            setting(.integrationActive),
        ]
    }

    func simulate() -> [Field] {
        typealias S = SettingPath.Sample
        let channels = profile.callGear.channels
        var rows = [
            Field(tr("Sample event", ru: "Пример события"), .heading),
            Field(
                tr("Kind", ru: "Вид"), path: S.kind,
                .choice(
                    options: [tr("Chat", ru: "Чат"), tr("Offline request", ru: "Офлайн-заявка")],
                    get: { $0.sample.kind == .chat ? 0 : 1 },
                    set: { $0.sample.kind = $1 == 0 ? .chat : .offline })),
        ]
        if workspace.sample.kind == .chat {
            let phases = [RoutingPhase.started, .message, .ended]
            rows.append(
                Field(
                    tr("Phase", ru: "Момент"), path: S.phase,
                    .choice(
                        options: phases.map(\.label), get: { phases.firstIndex(of: $0.sample.phase) ?? 0 },
                        set: { $0.sample.phase = phases[$1] })))
            rows.append(
                Field(
                    tr("Channel", ru: "Канал"), path: S.channel,
                    .pick(
                        .channel, get: { $0.sample.channelID.isEmpty ? nil : $0.sample.channelID },
                        set: { $0.sample.channelID = $1 ?? "" }),
                    hint: channels.isEmpty
                        ? tr(
                            "Type the CallGear channels in Chats → CallGear channels first.",
                            ru: "Сначала введите каналы CallGear в «Чаты → Каналы CallGear».") : nil))
        }
        rows += [
            Field(tr("Site", ru: "Сайт"), path: S.site, .text(\.sample.site, masked: false, placeholder: "example.com")),
            Field(
                tr("Visitor name", ru: "Имя посетителя"), path: S.name,
                .text(\.sample.visitorName, masked: false, placeholder: "")),
            Field(
                tr("Visitor phone", ru: "Телефон посетителя"), path: S.phone,
                .text(\.sample.phone, masked: false, placeholder: "+7 …")),
            Field(
                tr("Visitor e-mail", ru: "E-mail посетителя"), path: S.email,
                .text(\.sample.email, masked: false, placeholder: "")),
            Field(
                tr("Text", ru: "Текст"), path: S.text,
                .text(\.sample.text, masked: false, placeholder: tr("the message or request", ru: "сообщение или заявка"))),
            Field(tr("Run", ru: "Запуск"), .heading),
            Field(
                tr("Preview", ru: "Предпросмотр"),
                .action(.previewOffline, summary: tr("as if the portal knew nobody", ru: "как будто портал никого не знает"))),
            Field(
                tr("Dry run on the portal", ru: "Пробный прогон на портале"),
                .action(.dryRun, summary: tr("looks the visitor up, writes nothing", ru: "ищет посетителя, ничего не пишет"))),
            Field(
                tr("Apply as a test", ru: "Применить как тест"),
                .action(
                    .applyTest,
                    summary: tr(
                        "writes marked [TEST] records — asks first", ru: "пишет записи с пометкой [TEST] — сначала спросит"))),
        ]
        // Every other parameter a condition can test, below the runs (read less often).
        rows.append(Field(tr("Condition parameters", ru: "Параметры условий"), .heading))
        if workspace.sample.kind == .offline {
            rows += [
                Field(
                    ConditionParam.formType.label, path: S.formType,
                    .text(\.sample.formType, masked: false, placeholder: "callback, order, …")),
                Field(ConditionParam.formName.label, path: S.formName, .text(\.sample.formName, masked: false, placeholder: "")),
                Field(ConditionParam.page.label, path: S.page, .text(\.sample.page, masked: false, placeholder: "https://…")),
            ]
        }
        rows += [
            Field(
                ConditionParam.communicationGroup.label, path: S.group,
                .text(\.sample.communicationGroup, masked: false, placeholder: tr("as in CallGear", ru: "как в CallGear"))),
            Field(ConditionParam.campaign.label, path: S.campaign, .text(\.sample.campaign, masked: false, placeholder: "")),
            Field(ConditionParam.source.label, path: S.source, .text(\.sample.source, masked: false, placeholder: "")),
            Field(
                tr("Tags", ru: "Теги"), path: S.tags,
                .text(\.sample.tags, masked: false, placeholder: tr("comma-separated", ru: "через запятую"))),
            Field("utm_source", path: S.utmSource, .text(\.sample.utmSource, masked: false, placeholder: "")),
            Field("utm_medium", path: S.utmMedium, .text(\.sample.utmMedium, masked: false, placeholder: "")),
            Field("utm_campaign", path: S.utmCampaign, .text(\.sample.utmCampaign, masked: false, placeholder: "")),
        ]
        return rows
    }

    // MARK: Rules

    func responsibleRules(_ kind: CommunicationKind) -> [Field] {
        let settings = ConditionRef.settings(kind)
        let rules = profile.settings(for: kind).responsibleRules
        let base = SettingPath.settings(kind).responsibleRules
        var rows: [Field] = rules.enumerated().map { i, rule in
            opener(
                base[i], .responsibleRule(kind, i), summary: "→ " + names.user(rule.responsible),
                label: "\(i + 1). \(names.summary(rule.condition))",
                delete: { $0[keyPath: settings].responsibleRules.remove(at: i) },
                move: { ws, by in ws[keyPath: settings].responsibleRules.moveElement(at: i, by: by) })
        }
        rows.append(
            Field(
                tr("Add rule", ru: "Добавить правило"),
                .action(.addResponsibleRule(kind), summary: tr("a condition and a responsible", ru: "условие и ответственный"))))
        return rows
    }

    func responsibleRule(_ kind: CommunicationKind, _ i: Int) -> [Field] {
        guard profile.settings(for: kind).responsibleRules.indices.contains(i) else { return [] }
        let rule = profile.settings(for: kind).responsibleRules[i]
        let path = SettingPath.settings(kind).responsibleRules[i]
        return [
            opener(path.condition, .condition(.responsible(kind, i)), summary: names.summary(rule.condition)),
            setting(path.responsible),
        ]
    }

    /// Lead stage, deal funnel and deal stage — as many as the creation choice needs (the
    /// catalog says which apply; a new funnel clears the stage there).
    func stageFields(_ target: SettingPath) -> [Field] {
        [target.leadStage, target.dealCategory, target.dealStage].filter(applies).map { setting($0) }
    }

    func funnelRules(_ kind: CommunicationKind, repeated: Bool) -> [Field] {
        let path: WritableKeyPath<CommunicationSettings, FunnelSettings> =
            repeated ? \.repeatedContact.funnels : \.firstContact.funnels
        let funnels = ConditionRef.settings(kind).appending(path: path)
        let rules = profile.settings(for: kind)[keyPath: path].rules
        let base = SettingPath.settings(kind).contact(repeated: repeated).funnels.rules
        var rows: [Field] = rules.enumerated().map { i, rule in
            opener(
                base[i], .funnelRule(kind, repeated: repeated, i), summary: "→ " + names.target(rule.target),
                label: "\(i + 1). \(names.summary(rule.condition))",
                delete: { $0[keyPath: funnels].rules.remove(at: i) },
                move: { ws, by in ws[keyPath: funnels].rules.moveElement(at: i, by: by) })
        }
        rows.append(
            Field(
                tr("Add rule", ru: "Добавить правило"),
                .action(
                    .addFunnelRule(kind, repeated: repeated),
                    summary: tr("a stage filter and its stages", ru: "фильтр стадий и его стадии"))))
        return rows
    }

    func funnelRule(_ kind: CommunicationKind, repeated: Bool, _ i: Int) -> [Field] {
        let handling = profile.settings(for: kind).contact(repeated: repeated)
        guard handling.funnels.rules.indices.contains(i) else { return [] }
        let rule = handling.funnels.rules[i]
        let path = SettingPath.settings(kind).contact(repeated: repeated).funnels.rules[i]
        return [opener(path.condition, .condition(.funnel(kind, repeated: repeated, i)), summary: names.summary(rule.condition))]
            + stageFields(path.target)
    }

    func condition(_ ref: ConditionRef) -> [Field] {
        let condition = workspace[keyPath: ref.keyPath]
        var rows: [Field] = []
        if condition.anyOf.isEmpty {
            rows.append(
                Field(
                    tr(
                        "No conditions: it always holds. Add one below.",
                        ru: "Условий нет: выполняется всегда. Добавьте условие ниже."), .note
                ))
        }
        for (g, group) in condition.anyOf.enumerated() {
            rows.append(
                Field(
                    g == 0 ? tr("All of these (&)", ru: "Все эти (&)") : tr("OR all of these (&)", ru: "ИЛИ все эти (&)"),
                    .heading))
            for (c, clause) in group.allOf.enumerated() {
                rows.append(
                    opener(
                        ref.path.anyOf[g].allOf[c], .clause(ref, group: g, index: c),
                        summary: clause.values.isEmpty
                            ? tr("(no values)", ru: "(нет значений)") : clause.values.joined(separator: ", "),
                        label: "\(clause.param.label) · \(clause.mode.label)",
                        delete: { ws in
                            ws[keyPath: ref.keyPath].anyOf[g].allOf.remove(at: c)
                            if ws[keyPath: ref.keyPath].anyOf[g].allOf.isEmpty { ws[keyPath: ref.keyPath].anyOf.remove(at: g) }
                        }))
            }
            rows.append(
                Field(
                    tr("Add condition (&)", ru: "Добавить условие (&)"), path: ref.path.anyOf[g],
                    .action(.addClause(ref, group: g), summary: tr("to this group", ru: "в эту группу"))))
        }
        rows.append(
            Field(
                condition.anyOf.isEmpty
                    ? tr("Add condition", ru: "Добавить условие") : tr("Add OR group", ru: "Добавить группу ИЛИ"),
                .action(.addGroup(ref), summary: "")))
        return rows
    }

    func clause(_ ref: ConditionRef, _ g: Int, _ c: Int) -> [Field] {
        let condition = workspace[keyPath: ref.keyPath]
        guard condition.anyOf.indices.contains(g), condition.anyOf[g].allOf.indices.contains(c) else { return [] }
        let path = ref.path.anyOf[g].allOf[c]
        return [setting(path.param), setting(path.mode), setting(path.values)]
    }

    // MARK: Templates, mappings, channels

    func templates() -> [Field] {
        var rows: [Field] = profile.other.templates.enumerated().map { i, template in
            opener(
                SettingPath.other.templates[i], .template(i), summary: template.text, label: template.eventType.label,
                delete: { $0.profile.other.templates.remove(at: i) })
        }
        rows.append(
            Field(
                tr("Add template", ru: "Добавить шаблон"),
                .action(.addTemplate, summary: tr("one per event type", ru: "по одному на тип события"))))
        return rows
    }

    func template(_ i: Int) -> [Field] {
        guard profile.other.templates.indices.contains(i) else { return [] }
        let template = profile.other.templates[i]
        let known = TemplateVariable.names(for: template.eventType, customOfflineFields: profile.callGear.offlineFields)
        let samples = Dictionary(uniqueKeysWithValues: TemplateVariable.all.map { ($0.name, $0.sample) })
        let preview = NameTemplate.parse(template.text, known: known).render(samples)
        let path = SettingPath.other.templates[i]
        var text = setting(path.text, placeholder: "{{chat_channel_name}} …")
        text.template = i
        return [
            setting(path.eventType),
            text,
            Field(tr("Preview", ru: "Предпросмотр"), .note),
            Field("  " + preview, .note),
        ]
    }

    func mappings() -> [Field] {
        var rows: [Field] = profile.other.fieldMappings.enumerated().map { i, m in
            opener(
                SettingPath.other.fieldMappings[i], .mapping(i),
                summary: "\(names.field(m.field, of: m.entity)) · "
                    + (m.update == .always ? tr("always update", ru: "обновлять всегда") : tr("on creation", ru: "при создании")),
                label: "\(m.source) → \(m.entity.label)", delete: { $0.profile.other.fieldMappings.remove(at: i) })
        }
        rows.append(
            Field(
                tr("Add mapping", ru: "Добавить сопоставление"),
                .action(.addMapping, summary: tr("a CallGear field into a Bitrix24 field", ru: "поле CallGear в поле Битрикс24")))
        )
        return rows
    }

    func mapping(_ i: Int) -> [Field] {
        guard profile.other.fieldMappings.indices.contains(i) else { return [] }
        let path = SettingPath.other.fieldMappings[i]
        let mapping = profile.other.fieldMappings[i]
        var rows = [setting(path.source), setting(path.entity), setting(path.field)]
        // A list field takes one of its values: the row to choose it shows for list fields.
        if mapping.value != nil || fieldType(mapping.field, of: mapping.entity) == "enumeration" {
            rows.append(setting(path.value))
        }
        rows.append(setting(path.update))
        return rows
    }

    /// The portal's type of a field, when its lists are loaded.
    func fieldType(_ code: String, of entity: CRMEntity) -> String? {
        catalog?.fields[entity.rawValue]?.first { $0.code == code }?.type
    }

    func channels() -> [Field] {
        var rows: [Field] = profile.callGear.channels.enumerated().map { i, ch in
            opener(
                SettingPath.callGear.channels[i], .channel(i), summary: ch.type,
                label: "\(ch.id.isEmpty ? "?" : ch.id)  \(ch.name)", delete: { $0.profile.callGear.channels.remove(at: i) })
        }
        rows.append(
            Field(
                tr("Add channel", ru: "Добавить канал"),
                .action(
                    .addChannel,
                    summary: tr(
                        "ID, name and type from CallGear Widgets → Channels",
                        ru: "ID, название и тип из CallGear «Виджеты → Каналы»"))))
        return rows
    }

    func channel(_ i: Int) -> [Field] {
        guard profile.callGear.channels.indices.contains(i) else { return [] }
        let path = SettingPath.callGear.channels[i]
        return [
            setting(path.id, placeholder: "111"), setting(path.channelName, placeholder: "WhatsApp Web 111"), setting(path.type),
        ]
    }
}

typealias RoutingPhase = RoutingEvent.Phase

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension Array {
    /// Moves an element by `offset` places; false when it would leave the array.
    mutating func moveElement(at index: Int, by offset: Int) -> Bool {
        let target = index + offset
        guard indices.contains(index), indices.contains(target) else { return false }
        swapAt(index, target)
        return true
    }
}
