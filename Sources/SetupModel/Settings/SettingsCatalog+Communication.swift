/// The catalog's entries for chats and offline requests: the vendor configures both the same
/// way, so each entry is written once and registered for both kinds.
extension SettingsCatalog {
    static func settingsKeyPath(_ kind: CommunicationKind) -> WritableKeyPath<Profile, CommunicationSettings> {
        if kind == .chat { return \Profile.chats }
        return \Profile.offline
    }

    static func handlingKeyPath(_ kind: CommunicationKind, repeated: Bool) -> WritableKeyPath<Profile, ContactHandling> {
        if repeated { return settingsKeyPath(kind).appending(path: \CommunicationSettings.repeatedContact) }
        return settingsKeyPath(kind).appending(path: \CommunicationSettings.firstContact)
    }

    /// Where the stage targets a funnel block's fields write: its defaults, or rule i's target.
    static func targetKeyPath(_ kind: CommunicationKind, repeated: Bool, rule: Int?) -> WritableKeyPath<Profile, StageTarget> {
        let funnels = handlingKeyPath(kind, repeated: repeated).appending(path: \ContactHandling.funnels)
        if let rule { return funnels.appending(path: \FunnelSettings.rules[rule].target) }
        return funnels.appending(path: \FunnelSettings.defaults)
    }

    /// Repeated contact's funnels mean something only when it creates a lead or a deal.
    static func funnelsApply(_ p: Profile, _ kind: CommunicationKind, repeated: Bool) -> Bool {
        !repeated || p.settings(for: kind).repeatedContact.createsLeadOrDeal
    }

    static func communicationEntries(_ kind: CommunicationKind) -> [SettingDefinition] {
        let base = SettingPath.settings(kind)
        let chat = kind == .chat
        let home: SettingsSection = chat ? .chats : .offline
        let creation: SettingsSection = chat ? .entityCreation : .offline
        @Sendable func rule(_ p: Profile, _ i: [Int]) -> Bool {
            i.count == 1 && p[keyPath: settingsKeyPath(kind)].responsibleRules.indices.contains(i[0])
        }
        var rows = [
            def(
                base.enabled, chat ? "Enable chats" : "Enable offline messages",
                ru: chat ? "Включить чаты" : "Включить офлайн-заявки",
                hint: chat
                    ? hint(
                        "Off: no chat reaches Bitrix24, whatever else is set.",
                        ru: "Выключено: ни один чат не попадает в Битрикс24, что бы ни было настроено.")
                    : hint(
                        "Off: no offline request reaches Bitrix24, whatever else is set.",
                        ru: "Выключено: ни одна офлайн-заявка не попадает в Битрикс24, что бы ни было настроено."),
                section: home, kind: .toggle,
                read: { p, _ in .toggle(p[keyPath: settingsKeyPath(kind)].enabled) },
                write: { p, _, v in if case .toggle(let b) = v { p[keyPath: settingsKeyPath(kind)].enabled = b } }),
            def(
                base.channels, chat ? "Chats channels" : "Channels (offline requests have none)",
                ru: chat ? "Каналы чатов" : "Каналы (у офлайн-заявок их нет)",
                hint: chat
                    ? hint(
                        "Only the ticked channels create entities; the list comes from CallGear Widgets → Channels.",
                        ru: "Сущности создают только отмеченные каналы; список берётся из CallGear: Виджеты → Каналы.")
                    : hint(
                        "Offline requests are told apart by site, form type and form name; clear this list.",
                        ru: "Офлайн-заявки различаются по сайту, типу и названию формы; очистите этот список."),
                section: home, kind: .channels, applies: { p, _ in chat || !p.offline.channels.isEmpty },
                read: { p, _ in .list(p[keyPath: settingsKeyPath(kind)].channels) },
                write: { p, _, v in if case .list(let ids) = v { p[keyPath: settingsKeyPath(kind)].channels = ids } }),
            def(
                base.defaultResponsible, chat ? "Default chat responsible" : "Default offline message responsible",
                ru: chat ? "Ответственный за чаты по умолчанию" : "Ответственный за офлайн-заявки по умолчанию",
                hint: hint(
                    "Takes every request that no responsible rule takes.",
                    ru: "Получает все обращения, которые не забрало ни одно правило ответственных."),
                section: home, required: true, kind: .user,
                read: { p, _ in .reference(p[keyPath: settingsKeyPath(kind)].defaultResponsible) },
                write: { p, _, v in if case .reference(let id) = v { p[keyPath: settingsKeyPath(kind)].defaultResponsible = id } }
            ),
            def(
                base.responsibleRules, chat ? "Chat responsible filter" : "Offline message responsible filter",
                ru: chat ? "Фильтр ответственных за чаты" : "Фильтр ответственных за офлайн-заявки",
                hint: hint(
                    "Ordered rules: the first whose condition holds gives the responsible; the rest go to the default.",
                    ru:
                        "Правила по порядку: первое выполненное условие задаёт ответственного, остальное — ответственному по умолчанию."
                ), section: home, kind: .entries,
                read: { p, _ in .entries(p[keyPath: settingsKeyPath(kind)].responsibleRules.count) }),
            def(
                base.responsibleRules[0].pattern, "Responsible rule", ru: "Правило ответственного",
                hint: hint(
                    "A condition and the user it assigns; Alt-↑/↓ moves it, Del removes it.",
                    ru: "Условие и пользователь, которого оно назначает; Alt-↑/↓ перемещает, Del удаляет."),
                section: home, kind: .entry,
                read: { p, i in rule(p, i) ? .entries(1) : nil }),
            def(
                base.responsibleRules[0].pattern.responsible, "Responsible", ru: "Ответственный",
                hint: hint(
                    "The Bitrix24 user who gets the requests this rule takes.",
                    ru: "Пользователь Битрикс24, который получает обращения этого правила."), section: home,
                required: true, kind: .user,
                read: { p, i in
                    rule(p, i) ? .reference(p[keyPath: settingsKeyPath(kind)].responsibleRules[i[0]].responsible.nilIfEmpty) : nil
                },
                write: { p, i, v in
                    if case .reference(let id) = v {
                        p[keyPath: settingsKeyPath(kind)].responsibleRules[i[0]].responsible = id ?? ""
                    }
                }),
            def(
                base.firstContact.create, "For first contact inquiries to create…",
                ru: "При первичном обращении создавать…",
                hint: hint(
                    "Lead, Deal, Activity — a lead or a deal is required: chats attach to leads and deals.",
                    ru: "Лид, Сделка, Дело — лид или сделка обязательны: чаты прикрепляются к лидам и сделкам."),
                section: creation, required: true, kind: .entities,
                read: { p, _ in .list(p[keyPath: settingsKeyPath(kind)].firstContact.create.map(\.rawValue)) },
                write: { p, _, v in
                    if case .list(let raws) = v {
                        p[keyPath: settingsKeyPath(kind)].firstContact.create = raws.compactMap(CreatedEntity.init)
                    }
                }),
            def(
                base.repeatedContact.create, "For repeated contact inquiries to create…",
                ru: "При повторном обращении создавать…",
                hint: hint(
                    "May be empty: then a repeated chat goes into the first found entity, by the comment priority.",
                    ru:
                        "Можно оставить пустым: тогда повторный чат попадёт в первую найденную сущность по приоритету комментариев."
                ),
                section: creation, kind: .entities,
                read: { p, _ in .list(p[keyPath: settingsKeyPath(kind)].repeatedContact.create.map(\.rawValue)) },
                write: { p, _, v in
                    if case .list(let raws) = v {
                        p[keyPath: settingsKeyPath(kind)].repeatedContact.create = raws.compactMap(CreatedEntity.init)
                    }
                }),
            def(
                base.commentPriority, "Comment priority on repeated contact",
                ru: "Приоритет комментариев при повторном обращении",
                hint: hint(
                    "To deals: deal → lead → contact/company. To leads: the mirror. To both: the newest deal and lead. Nothing found: a first contact.",
                    ru:
                        "В сделки: сделка → лид → контакт/компания. В лиды: наоборот. В оба: самые свежие сделка и лид. Ничего не найдено — первичное обращение."
                ), section: creation, required: true,
                kind: .choice(CommentPriority.allCases.map { ChoiceOption($0.rawValue, $0.localized) }),
                applies: { p, _ in p[keyPath: settingsKeyPath(kind)].commentPriorityApplies },
                read: { p, _ in .choice((p[keyPath: settingsKeyPath(kind)].commentPriority ?? .toDeals).rawValue) },
                write: { p, _, v in
                    if case .choice(let raw) = v, let c = CommentPriority(rawValue: raw) {
                        p[keyPath: settingsKeyPath(kind)].commentPriority = c
                    }
                }),
        ]
        if chat {
            rows.append(
                def(
                    base.createOn, "Create lead/deal…", ru: "Создавать лид/сделку…",
                    hint: hint(
                        "Start chat: messages stream into the comments. End chat: the transcript is written when it closes.",
                        ru:
                            "В начале чата: сообщения идут в комментарии по мере поступления. По завершении: переписка записывается, когда чат закрыт."
                    ), section: creation, required: true,
                    kind: .choice(CreateOn.allCases.map { ChoiceOption($0.rawValue, $0.localized) }),
                    read: { p, _ in .choice(p[keyPath: settingsKeyPath(kind)].createOn.rawValue) },
                    write: { p, _, v in
                        if case .choice(let raw) = v, let c = CreateOn(rawValue: raw) {
                            p[keyPath: settingsKeyPath(kind)].createOn = c
                        }
                    }))
        }
        rows += [
            def(
                base.copyCommentsToContact, "Optionally save comments to contact/company",
                ru: "Дополнительно сохранять комментарии в контакт/компанию",
                hint: hint(
                    "Also copies the comment to the contact or company that was found; none found, nothing happens.",
                    ru: "Копирует комментарий и в найденный контакт или компанию; если их нет — ничего не происходит."),
                section: creation, kind: .toggle,
                read: { p, _ in .toggle(p[keyPath: settingsKeyPath(kind)].copyCommentsToContact) },
                write: { p, _, v in if case .toggle(let b) = v { p[keyPath: settingsKeyPath(kind)].copyCommentsToContact = b } }),
            def(
                base.notifyOnCreate, "Send a notification when a lead or deal is created",
                ru: "Отправлять уведомление при создании лида или сделки",
                hint: hint(
                    "One notification per created entity, never per message.",
                    ru: "Одно уведомление на созданную сущность, никогда — на сообщение."),
                section: creation, kind: .toggle, read: { p, _ in .toggle(p[keyPath: settingsKeyPath(kind)].notifyOnCreate) },
                write: { p, _, v in if case .toggle(let b) = v { p[keyPath: settingsKeyPath(kind)].notifyOnCreate = b } }),
        ]
        for repeated in [false, true] {
            rows += funnelEntries(kind, repeated: repeated)
        }
        return rows
    }

    private static func funnelEntries(_ kind: CommunicationKind, repeated: Bool) -> [SettingDefinition] {
        let chat = kind == .chat
        let section: SettingsSection = chat ? .funnels : .offline
        let base = SettingPath.settings(kind).contact(repeated: repeated).funnels
        let which = repeated ? "repeated" : "first"
        @Sendable func custom(_ p: Profile) -> Bool {
            funnelsApply(p, kind, repeated: repeated)
                && p[keyPath: handlingKeyPath(kind, repeated: repeated)].funnels.applyCustomStages
        }
        @Sendable func rule(_ p: Profile, _ i: [Int]) -> Bool {
            i.count == 1 && p[keyPath: handlingKeyPath(kind, repeated: repeated)].funnels.rules.indices.contains(i[0])
        }
        var rows = [
            def(
                base.applyCustomStages, "Apply custom stages", ru: "Распределять сущности по воронкам",
                hint: hint(
                    "Status filter for \(which) client contact. Off: the portal's own first stage of the default funnel is used.",
                    ru:
                        "Фильтр статусов для \(repeated ? "повторного" : "первичного") обращения. Выключено: первая стадия воронки по умолчанию."
                ), section: section, kind: .toggle, applies: { p, _ in funnelsApply(p, kind, repeated: repeated) },
                read: { p, _ in .toggle(p[keyPath: handlingKeyPath(kind, repeated: repeated)].funnels.applyCustomStages) },
                write: { p, _, v in
                    if case .toggle(let b) = v {
                        p[keyPath: handlingKeyPath(kind, repeated: repeated)].funnels.applyCustomStages = b
                    }
                }),
            def(
                base.rules, "Filter of \(chat ? "chat" : "offline message") funnels for \(which) client contact",
                ru: "Фильтр воронок \(chat ? "чатов" : "офлайн-заявок") для \(repeated ? "повторного" : "первичного") обращения",
                hint: hint(
                    "Ordered rules; the first that applies gives the stages, the defaults take the rest.",
                    ru: "Правила по порядку: первое подходящее задаёт стадии, остальное — значения по умолчанию."),
                section: section, kind: .entries, applies: { p, _ in custom(p) },
                read: { p, _ in .entries(p[keyPath: handlingKeyPath(kind, repeated: repeated)].funnels.rules.count) }),
            def(
                base.rules[0].pattern, "Funnel rule", ru: "Правило воронки",
                hint: hint(
                    "A stage filter and the lead stage, deal funnel and deal stage it gives.",
                    ru: "Фильтр стадий и стадия лида, воронка и стадия сделки, которые он задаёт."),
                section: section, kind: .entry,
                applies: { p, _ in custom(p) }, read: { p, i in rule(p, i) ? .entries(1) : nil }),
        ]
        let defaults = (
            lead: ("Lead default status", "Стадия лида по умолчанию"),
            funnel: ("Deal default category", "Воронка сделки по умолчанию"),
            stage: ("Deal default status", "Стадия сделки по умолчанию")
        )
        let inRule = (
            lead: ("Lead status", "Стадия лида"), funnel: ("Deal category", "Воронка сделки"),
            stage: ("Deal stage", "Стадия сделки")
        )
        rows += targetEntries(kind, repeated: repeated, at: base.defaults, labels: defaults, section: section, inRule: false)
        rows += targetEntries(
            kind, repeated: repeated, at: base.rules[0].pattern.target, labels: inRule, section: section, inRule: true)
        return rows
    }

    /// Lead stage, deal funnel and deal stage — as many as the creation choice needs. A new
    /// funnel clears the stage: stages belong to one funnel.
    private static func targetEntries(
        _ kind: CommunicationKind, repeated: Bool, at base: SettingPath,
        labels: (lead: (String, String), funnel: (String, String), stage: (String, String)), section: SettingsSection,
        inRule: Bool
    ) -> [SettingDefinition] {
        @Sendable func present(_ p: Profile, _ i: [Int]) -> Bool {
            !inRule
                || (i.count == 1 && p[keyPath: handlingKeyPath(kind, repeated: repeated)].funnels.rules.indices.contains(i[0]))
        }
        @Sendable func target(_ i: [Int]) -> WritableKeyPath<Profile, StageTarget> {
            targetKeyPath(kind, repeated: repeated, rule: inRule ? i[0] : nil)
        }
        @Sendable func shown(_ p: Profile) -> Bool {
            funnelsApply(p, kind, repeated: repeated)
                && p[keyPath: handlingKeyPath(kind, repeated: repeated)].funnels.applyCustomStages
        }
        return [
            def(
                base.leadStage, labels.lead.0, ru: labels.lead.1,
                hint: hint(
                    "The stage a new lead starts in: one of the portal's lead stages, not a final one.",
                    ru: "Стадия, с которой начинается новый лид: одна из стадий лидов портала, не финальная."),
                section: section, required: true, kind: .leadStage,
                applies: { p, _ in shown(p) && p[keyPath: handlingKeyPath(kind, repeated: repeated)].createsLead },
                read: { p, i in present(p, i) ? .reference(p[keyPath: target(i)].leadStage) : nil },
                write: { p, i, v in if case .reference(let id) = v { p[keyPath: target(i)].leadStage = id } }),
            def(
                base.dealCategory, labels.funnel.0, ru: labels.funnel.1,
                hint: hint(
                    "The deal funnel. Choosing another funnel clears the stage: stages belong to one funnel.",
                    ru: "Воронка сделки. При выборе другой воронки стадия сбрасывается: стадии принадлежат одной воронке."),
                section: section, required: true, kind: .funnel,
                applies: { p, _ in shown(p) && p[keyPath: handlingKeyPath(kind, repeated: repeated)].createsDeal },
                read: { p, i in present(p, i) ? .reference(p[keyPath: target(i)].dealCategory) : nil },
                write: { p, i, v in
                    guard case .reference(let id) = v else { return }
                    if p[keyPath: target(i)].dealCategory != id { p[keyPath: target(i)].dealStage = nil }
                    p[keyPath: target(i)].dealCategory = id
                }),
            def(
                base.dealStage, labels.stage.0, ru: labels.stage.1,
                hint: hint(
                    "The stage a new deal starts in: a stage of the chosen funnel, not a final one.",
                    ru: "Стадия, с которой начинается новая сделка: стадия выбранной воронки, не финальная."),
                section: section, required: true, kind: .dealStage,
                applies: { p, _ in shown(p) && p[keyPath: handlingKeyPath(kind, repeated: repeated)].createsDeal },
                read: { p, i in present(p, i) ? .reference(p[keyPath: target(i)].dealStage) : nil },
                write: { p, i, v in if case .reference(let id) = v { p[keyPath: target(i)].dealStage = id } }),
        ]
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
