import Foundation
import SetupModel

/// The decision procedure of SPEC §7, pure: profile + event + what the portal knows of the
/// client → plan and explanation. No clock, no network: the same inputs give the same plan,
/// which is what lets the preview, the dry run and the test apply agree.
public enum RoutingEngine {
    public static func plan(
        _ profile: Profile, event: RoutingEvent, facts: ClientFacts, portal: PortalContext = .none
    ) -> RoutingPlan {
        var run = Run(profile: profile, event: event, facts: facts, portal: portal)
        run.decide()
        return run.plan
    }
}

/// One evaluation; `plan` grows as the steps decide.
private struct Run {
    let profile: Profile
    let event: RoutingEvent
    let facts: ClientFacts
    let portal: PortalContext
    var names: PortalNames { portal.names }
    let settings: CommunicationSettings
    /// "chats" or "offline": the settings' place in the profile document.
    /// `chats` or `offline`: where the event's settings sit.
    let base: SettingPath
    var plan = RoutingPlan()
    /// A chat created on start, at a later message: its entity exists; only the comment is new.
    var messageOnly = false

    init(profile: Profile, event: RoutingEvent, facts: ClientFacts, portal: PortalContext) {
        self.profile = profile
        self.event = event
        self.facts = facts
        self.portal = portal
        self.settings = profile.settings(for: event.kind)
        self.base = SettingPath.settings(event.kind)
    }

    mutating func because(_ setting: SettingPath, _ text: String) {
        plan.explanation.append(.init(.setting(setting), text))
    }

    mutating func because(_ basis: RoutingPlan.Reason.Basis, _ text: String) {
        plan.explanation.append(.init(basis, text))
    }

    mutating func skip(_ setting: SettingPath, _ text: String) {
        because(setting, text)
        plan.actions = [.skip(reason: text)]
    }

    var what: String { event.kind == .chat ? tr("chat", ru: "чат") : tr("offline request", ru: "офлайн-заявка") }

    mutating func decide() {
        // 1. The switches.
        guard profile.integrationActive else {
            return skip(
                .integrationActive,
                tr(
                    "\"Integration is active\" is off, so nothing configured takes effect",
                    ru: "«Интеграция активна» выключена, поэтому ничего из настроенного не действует"))
        }
        guard settings.enabled else {
            let label =
                event.kind == .chat
                ? tr("Enable chats", ru: "Включить чаты") : tr("Enable offline requests", ru: "Включить офлайн-заявки")
            return skip(base.enabled, tr("\"\(label)\" is off", ru: "«\(label)» выключено"))
        }
        if event.kind == .chat {
            guard let channel = event.channel, !channel.id.isEmpty else {
                return skip(base.channels, tr("the chat names no channel", ru: "в чате не указан канал"))
            }
            let name = channel.name.map { "\"\($0)\" (\(channel.id))" } ?? channel.id
            let list = SettingsCatalog.label(of: base.channels)
            guard settings.channels.contains(channel.id) else {
                return skip(
                    base.channels,
                    tr("the channel \(name) is not ticked in \"\(list)\"", ru: "канал \(name) не отмечен в «\(list)»"))
            }
            because(base.channels, tr("the channel \(name) is ticked", ru: "канал \(name) отмечен"))
        }
        // 2. The filter of chats and requests.
        if profile.other.filterEnabled {
            let filter = SettingPath.other.filter(event.kind)
            guard profile.other.filter(for: event.kind).holds(for: event.values(for:)) else {
                return skip(
                    filter,
                    tr(
                        "the filter of chats and requests does not let this \(what) through",
                        ru: "фильтр чатов и заявок не пропускает: \(what)"))
            }
            because(filter, tr("the filter of chats and requests lets it through", ru: "фильтр чатов и заявок пропускает"))
        } else {
            because(
                SettingPath.other.filterEnabled,
                tr(
                    "the filter of chats and requests is off: every \(what) is carried over",
                    ru: "фильтр чатов и заявок выключен: переносится всё (\(what))"))
        }
        // 3. The phase against "Create lead/deal on".
        if event.kind == .chat {
            let phase = event.effectivePhase
            switch (settings.createOn, phase) {
            case (.chatStart, .started):
                because(
                    base.createOn,
                    tr(
                        "created on \"Start chat\": it acts now, and the messages follow as comments",
                        ru: "создание по «Start chat»: действует сейчас, сообщения пойдут комментариями"))
            case (.chatStart, .message):
                messageOnly = true
                because(
                    base.createOn,
                    tr(
                        "created on \"Start chat\": the chat was handled when it started; this message is a comment",
                        ru: "создание по «Start chat»: чат обработан при начале; это сообщение — комментарий"))
            case (.chatStart, .ended):
                return skip(
                    base.createOn,
                    tr(
                        "created on \"Start chat\": the end of the chat adds nothing, its messages are already in",
                        ru: "создание по «Start chat»: завершение чата ничего не добавляет, его сообщения уже записаны"))
            case (.chatEnd, .started), (.chatEnd, .message):
                return skip(
                    base.createOn,
                    tr(
                        "created on \"End chat\": nothing happens until the chat ends",
                        ru: "создание по «End chat»: до конца чата ничего не происходит"))
            case (.chatEnd, .ended):
                because(
                    base.createOn,
                    tr(
                        "created on \"End chat\": it acts now, with the transcript",
                        ru: "создание по «End chat»: действует сейчас, с расшифровкой"))
            }
        } else {
            because(
                base.enabled,
                tr(
                    "an offline request is a single event: it is handled at once, its text as the comment",
                    ru: "офлайн-заявка — одно событие: обрабатывается сразу, её текст — комментарий"))
        }
        // 4. First or repeated contact.
        guard event.visitor.hasContactDetails else {
            because(
                .visitor,
                tr(
                    "the visitor left no phone or e-mail, so it is always a first contact",
                    ru: "посетитель не оставил телефона или e-mail, поэтому это всегда первичное обращение"))
            return handleFirstContact()
        }
        guard !facts.isEmpty else {
            because(
                .portal,
                tr(
                    "nothing in the portal is linked to the visitor's phone or e-mail: a first contact",
                    ru: "на портале ничего не связано с телефоном или e-mail посетителя: первичное обращение"))
            return handleFirstContact()
        }
        let found = CRMEntity.allCases.compactMap { kind -> String? in
            let n = facts.of(kind).count
            return n == 0 ? nil : tr("\(n) \(kind.rawValue)\(n == 1 ? "" : "s")", ru: "\(kind.noun): \(n)")
        }
        because(
            .portal,
            tr(
                "the portal already knows the visitor (\(found.joined(separator: ", "))): a repeated contact",
                ru: "портал уже знает посетителя (\(found.joined(separator: ", "))): повторное обращение"))
        for kind in CRMEntity.allCases where facts.fullKinds.contains(kind) {
            because(
                .portal,
                tr(
                    "at least \(ClientFacts.lookupLimit) \(kind.rawValue)s match the phone or e-mail; the newest \(ClientFacts.lookupLimit) were considered",
                    ru:
                        "с телефоном или e-mail совпадают не меньше \(ClientFacts.lookupLimit) (\(kind.noun)); рассмотрены \(ClientFacts.lookupLimit) самых новых"
                )
            )
        }
        handleRepeatedContact()
    }

    var timing: RoutingPlan.CommentTiming {
        if event.kind == .offline || messageOnly { return .now }
        return settings.createOn == .chatStart ? .asMessagesArrive : .transcriptAtEnd
    }

    // MARK: 5. Entities to create

    mutating func handleFirstContact() {
        let handling = settings.firstContact
        guard handling.createsLeadOrDeal else {
            return skip(
                base.firstContact.create,
                tr(
                    "\"First contact\" creates neither a lead nor a deal",
                    ru: "«Первичное обращение» не создаёт ни лид, ни сделку"))
        }
        create(handling, path: base.firstContact)
    }

    mutating func handleRepeatedContact() {
        let handling = settings.repeatedContact
        let path = base.repeatedContact
        if handling.createsLeadOrDeal {
            because(
                path.create, tr("\"Repeated contact\" creates ", ru: "«Повторное обращение» создаёт: ") + names(handling.create))
            return create(handling, path: path)
        }
        because(
            path.create,
            handling.create.contains(.activity)
                ? tr(
                    "\"Repeated contact\" adds an activity only, so the comment goes by the comment priority",
                    ru: "«Повторное обращение» добавляет только дело, поэтому комментарий идёт по приоритету комментариев")
                : tr(
                    "\"Repeated contact\" creates nothing, so the comment goes by the comment priority",
                    ru: "«Повторное обращение» ничего не создаёт, поэтому комментарий идёт по приоритету комментариев"))
        let targets = commentTargets()
        guard !targets.isEmpty else {
            because(
                base.commentPriority,
                tr(
                    "nothing the comment may go to was found: it is a first contact after all",
                    ru: "некуда записать комментарий: всё-таки первичное обращение"))
            return handleFirstContact()
        }
        for target in targets {
            plan.actions.append(.addComment(to: target, timing: timing))
            if handling.create.contains(.activity) {
                plan.actions.append(.addActivity(to: target, responsible: existingResponsible(target) ?? responsible().user))
            }
        }
        updateMappedFields(of: targets)
        copyToContact(besides: targets)
    }

    mutating func create(_ handling: ContactHandling, path: SettingPath) {
        let responsible = responsible()
        let stages = stageTarget(handling.funnels, path: path.funnels, handling: handling)
        let title = title()
        let contact = facts.of(.contact).first
        let company = facts.of(.company).first
        if let contact {
            because(
                .portal,
                tr(
                    "the new records are linked to contact #\(contact.id), the newest one",
                    ru: "новые записи связываются с контактом #\(contact.id), самым новым"))
        }
        // A deal carries no phone or e-mail of its own: without a contact the next chat from
        // the same visitor would not find it and would make another deal.
        let newContact = contact == nil && handling.createsDeal && !messageOnly && event.visitor.hasContactDetails
        if newContact {
            because(
                path.create,
                tr(
                    "no contact was found: one is created from the visitor's name, phone and e-mail, and the new records are linked to it, so the next \(what) from them finds the deal",
                    ru:
                        "контакт не найден: он создаётся из имени, телефона и e-mail посетителя, новые записи связываются с ним, и следующее обращение (\(what)) найдёт сделку"
                )
            )
            plan.actions.append(
                .create(
                    RoutingPlan.NewEntity(
                        kind: .contact, title: contactName, stage: nil, funnel: nil, responsible: responsible.user, fields: [:],
                        contactID: nil, companyID: company?.id)))
        }
        if handling.createsLead && portal.isSimpleCRM && !messageOnly {
            let text = tr(
                "the portal is in simple CRM mode: it has no leads, so the new lead becomes a deal at once (default funnel, first stage) — switch the portal to classic CRM for lead routing",
                ru:
                    "портал в простом режиме CRM: лидов нет, новый лид сразу станет сделкой (основная воронка, первая стадия) — для маршрутизации лидов включите классический режим CRM"
            )
            because(path.create, text)
            plan.warnings.append(text)
        }
        var created: [RoutingPlan.Target] = []
        for kind in [CRMEntity.lead, .deal] where handling.create.contains(kind == .lead ? .lead : .deal) {
            if messageOnly {
                created.append(.new(kind))
                continue
            }
            plan.actions.append(
                .create(
                    RoutingPlan.NewEntity(
                        kind: kind, title: title, stage: kind == .lead ? stages.leadStage : stages.dealStage,
                        funnel: kind == .deal ? stages.dealCategory ?? "0" : nil, responsible: responsible.user,
                        fields: mappedFields(for: kind, path: SettingPath.other.fieldMappings), contactID: contact?.id,
                        companyID: company?.id, linksNewContact: newContact)))
            created.append(.new(kind))
        }
        if messageOnly {
            because(
                path,
                tr(
                    "the message goes to \(created.map(\.description).joined(separator: " and ")) made when the chat started",
                    ru:
                        "сообщение уходит в записи, созданные при начале чата: \(created.map(\.description).joined(separator: " и "))"
                ))
        }
        for target in created { plan.actions.append(.addComment(to: target, timing: timing)) }
        if handling.create.contains(.activity), let first = created.first, !messageOnly {
            because(path.create, tr("an activity is added to \(first) as well", ru: "добавляется и дело: \(first)"))
            plan.actions.append(.addActivity(to: first, responsible: responsible.user))
        }
        if !messageOnly { notify(about: created, responsible: responsible.user) }
        copyToContact(besides: [])
    }

    /// The new contact's name: the visitor's, else their phone or e-mail.
    var contactName: String {
        let name = event.visitor.name?.trimmingCharacters(in: .whitespaces) ?? ""
        return name.isEmpty ? (event.visitor.phone ?? event.visitor.email ?? "Visitor") : name
    }

    func names(_ entities: [CreatedEntity]) -> String {
        entities.map { $0.label.lowercased() }.joined(separator: tr(" and ", ru: " и "))
    }

    /// The responsible filter, then the default responsible.
    mutating func responsible() -> (user: String?, setting: SettingPath) {
        for (i, rule) in settings.responsibleRules.enumerated() where rule.condition.holds(for: event.values(for:)) {
            let setting = base.responsibleRules[i]
            if !plan.explanation.contains(where: { $0.basis == .setting(setting) }) {
                because(
                    setting,
                    tr("responsible filter rule \(i + 1) holds: ", ru: "выполнено правило ответственного \(i + 1): ")
                        + names.user(rule.responsible))
            }
            return (rule.responsible, setting)
        }
        let setting = base.defaultResponsible
        if !plan.explanation.contains(where: { $0.basis == .setting(setting) }) {
            if let user = settings.defaultResponsible {
                because(
                    setting,
                    settings.responsibleRules.isEmpty
                        ? tr("the default responsible, ", ru: "ответственный по умолчанию, ") + names.user(user)
                        : tr(
                            "no responsible filter rule holds: the default responsible, ",
                            ru: "ни одно правило ответственного не выполнено: ответственный по умолчанию, ") + names.user(user))
            } else {
                because(
                    setting,
                    tr(
                        "no default responsible is set: the portal assigns the record to the webhook's user",
                        ru: "ответственный по умолчанию не задан: портал назначит запись пользователю вебхука"))
            }
        }
        return (settings.defaultResponsible, setting)
    }

    /// The first funnel rule that holds, else the defaults; with "Apply custom stages"
    /// off, the portal's own first stage of the default funnel.
    mutating func stageTarget(_ funnels: FunnelSettings, path: SettingPath, handling: ContactHandling) -> StageTarget {
        guard funnels.applyCustomStages else {
            because(
                path.applyCustomStages,
                handling.createsDeal
                    ? tr(
                        "\"Apply custom stages\" is off: the portal's first stage of the default funnel",
                        ru: "«Apply custom stages» выключено: первая стадия основной воронки портала")
                    : tr(
                        "\"Apply custom stages\" is off: the portal's first stage",
                        ru: "«Apply custom stages» выключено: первая стадия портала"))
            return StageTarget(dealCategory: "0")
        }
        for (i, rule) in funnels.rules.enumerated() where rule.condition.holds(for: event.values(for:)) {
            because(
                path.rules[i],
                tr("funnel rule \(i + 1) applies: ", ru: "действует правило воронки \(i + 1): ") + describe(rule.target, handling)
            )
            return rule.target
        }
        because(
            path.defaults,
            (funnels.rules.isEmpty
                ? tr("no funnel rules", ru: "правил воронок нет")
                : tr("no funnel rule applies", ru: "ни одно правило воронки не действует"))
                + tr(": the defaults, ", ru: ": по умолчанию, ") + describe(funnels.defaults, handling))
        return funnels.defaults
    }

    func describe(_ target: StageTarget, _ handling: ContactHandling) -> String {
        var parts: [String] = []
        if handling.createsLead {
            parts.append(
                tr("lead stage ", ru: "стадия лида ")
                    + (target.leadStage.map(names.leadStage) ?? tr("(portal's first)", ru: "(первая на портале)")))
        }
        if handling.createsDeal {
            let funnel = target.dealCategory ?? "0"
            parts.append(
                names.funnel(funnel) + tr(", deal stage ", ru: ", стадия сделки ")
                    + (target.dealStage.map { names.dealStage($0, funnel: funnel) }
                        ?? tr("(funnel's first)", ru: "(первая в воронке)"))
            )
        }
        return parts.joined(separator: "; ")
    }

    mutating func title() -> String {
        let template: String
        let known = TemplateVariable.names(for: event.kind, customOfflineFields: profile.callGear.offlineFields)
        if let own = profile.other.template(for: event.kind) {
            template = own.text
            because(
                SettingPath.other.templates,
                tr("the title comes from the \(what) name template", ru: "название — по шаблону названия (\(what))"))
        } else {
            template = NameTemplate.defaultTitle(for: event.kind)
            because(
                profile.other.templatesEnabled ? SettingPath.other.templates : SettingPath.other.templatesEnabled,
                tr(
                    "no name template for this kind: the built-in title \(template)",
                    ru: "для этого вида нет шаблона названия: встроенное \(template)"))
        }
        let rendered = NameTemplate.parse(template, known: known).render(event.variables)
        // Absent values leave double blanks behind; a title is one tidy line.
        return rendered.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Mappings into `kind`, for a record being created (both update modes write then).
    mutating func mappedFields(for kind: CRMEntity, path: SettingPath) -> [String: String] {
        guard profile.other.fieldMappingEnabled else { return [:] }
        var fields: [String: String] = [:]
        let values = event.variables
        for (i, mapping) in profile.other.fieldMappings.enumerated() where mapping.entity == kind {
            if let value = mapping.value ?? values[mapping.source] {
                fields[mapping.field] = value
            } else {
                because(
                    path[i],
                    tr(
                        "\(mapping.source) is empty in this \(what): \(mapping.field) is left alone",
                        ru: "\(mapping.source) пусто (\(what)): \(mapping.field) не трогается"))
            }
        }
        if !fields.isEmpty {
            because(path, tr("mapped fields are written into ", ru: "сопоставленные поля пишутся: ") + kind.newOne)
        }
        return fields
    }

    /// Existing records get the mappings marked "update on every communication".
    mutating func updateMappedFields(of targets: [RoutingPlan.Target]) {
        guard profile.other.fieldMappingEnabled else { return }
        let values = event.variables
        for target in targets {
            guard case .existing(let kind, _) = target else { continue }
            var fields: [String: String] = [:]
            for mapping in profile.other.fieldMappings where mapping.entity == kind && mapping.update == .always {
                if let value = mapping.value ?? values[mapping.source] { fields[mapping.field] = value }
            }
            if !fields.isEmpty {
                because(
                    SettingPath.other.fieldMappings,
                    tr(
                        "mappings set to update on every communication refresh \(target)",
                        ru: "сопоставления с обновлением при каждой коммуникации обновляют: \(target)"))
                plan.actions.append(.updateFields(target, fields))
            }
        }
    }

    // MARK: 6. Where the comment goes

    /// The comment priority over what was found, with the closed rule across leads and
    /// deals: any open record, in the priority's order, before any closed one; closed ones
    /// only when every lead and deal is closed and "Add data to closed leads/deals" is on.
    mutating func commentTargets() -> [RoutingPlan.Target] {
        var priority = settings.commentPriority ?? .toDeals
        if settings.commentPriority == nil {
            because(
                base.commentPriority,
                tr(
                    "no comment priority is set: \"To deals\" is assumed",
                    ru: "приоритет комментариев не задан: принят «В сделки»"))
            priority = .toDeals
        }
        let deals = facts.of(.deal)
        let leads = facts.of(.lead)
        let openDeal = deals.first { !$0.isClosed }
        let openLead = leads.first { !$0.isClosed }
        let anyOpen = openDeal != nil || openLead != nil
        let anyClosed = (deals + leads).contains(where: \.isClosed)
        // Which records may be written to: the open ones, or — all closed and the switch
        // on — the newest closed ones.
        let deal: ClientFacts.Entity?
        let lead: ClientFacts.Entity?
        if anyOpen {
            (deal, lead) = (openDeal, openLead)
            if anyClosed {
                because(
                    SettingPath.other.addToClosed,
                    tr(
                        "an open lead or deal exists, so closed ones are passed over",
                        ru: "есть открытый лид или сделка, поэтому закрытые пропускаются"))
            }
        } else if anyClosed && profile.other.addToClosed {
            (deal, lead) = (deals.first, leads.first)
            because(
                SettingPath.other.addToClosed,
                tr(
                    "every lead and deal is closed and \"Add data to closed leads/deals\" is on: the newest closed one is written to",
                    ru: "все лиды и сделки закрыты, и «Add data to closed leads/deals» включено: запись в самый новый закрытый"))
        } else {
            (deal, lead) = (nil, nil)
            if anyClosed {
                because(
                    SettingPath.other.addToClosed,
                    tr(
                        "every lead and deal is closed and \"Add data to closed leads/deals\" is off: none is written to",
                        ru: "все лиды и сделки закрыты, и «Add data to closed leads/deals» выключено: запись никуда"))
            }
        }
        func target(_ entity: ClientFacts.Entity?) -> RoutingPlan.Target? {
            entity.map { .existing($0.kind, id: $0.id) }
        }
        var targets: [RoutingPlan.Target] = []
        switch priority {
        case .toDeals:
            if let pick = target(deal) ?? target(lead) {
                targets = [pick]
                because(
                    base.commentPriority,
                    deal != nil
                        ? tr("\"To deals\": the comment goes to \(pick)", ru: "«В сделки»: комментарий → \(pick)")
                        : tr("\"To deals\": no deal to write to, so \(pick)", ru: "«В сделки»: сделки нет, поэтому → \(pick)"))
            }
        case .toLeads:
            if let pick = target(lead) ?? target(deal) {
                targets = [pick]
                because(
                    base.commentPriority,
                    lead != nil
                        ? tr("\"To leads\": the comment goes to \(pick)", ru: "«В лиды»: комментарий → \(pick)")
                        : tr("\"To leads\": no lead to write to, so \(pick)", ru: "«В лиды»: лида нет, поэтому → \(pick)"))
            }
        case .toBoth:
            targets = [target(deal), target(lead)].compactMap { $0 }
            if !targets.isEmpty {
                because(
                    base.commentPriority,
                    tr(
                        "\"To both\": the comment goes to \(targets.map(\.description).joined(separator: " and "))",
                        ru: "«В оба»: комментарий → \(targets.map(\.description).joined(separator: " и "))"))
            }
        }
        if targets.isEmpty, let holder = facts.of(.contact).first ?? facts.of(.company).first {
            because(
                base.commentPriority,
                tr(
                    "no lead or deal to write to: the comment goes to the \(holder.kind.noun) #\(holder.id)",
                    ru: "нет лида или сделки: комментарий → \(holder.kind.noun) #\(holder.id)"))
            targets = [.existing(holder.kind, id: holder.id)]
        }
        return targets
    }

    func existingResponsible(_ target: RoutingPlan.Target) -> String? {
        guard case .existing(let kind, let id) = target else { return nil }
        return facts.entities.first { $0.kind == kind && $0.id == id }?.responsible
    }

    /// "Optionally save comments to contact/company".
    mutating func copyToContact(besides targets: [RoutingPlan.Target]) {
        guard settings.copyCommentsToContact else { return }
        var copied: [String] = []
        for holder in [facts.of(.contact).first, facts.of(.company).first].compactMap({ $0 }) {
            let target = RoutingPlan.Target.existing(holder.kind, id: holder.id)
            guard !targets.contains(target) else { continue }
            plan.actions.append(.addComment(to: target, timing: timing))
            copied.append(target.description)
        }
        because(
            base.copyCommentsToContact,
            copied.isEmpty
                ? tr(
                    "comments would be copied to the contact/company, but none was found",
                    ru: "комментарии копировались бы в контакт/компанию, но их не нашлось")
                : tr(
                    "the comment is copied to \(copied.joined(separator: " and "))",
                    ru: "комментарий копируется: \(copied.joined(separator: " и "))"))
    }

    // MARK: 7. Notification

    mutating func notify(about created: [RoutingPlan.Target], responsible: String?) {
        guard settings.notifyOnCreate, !created.isEmpty else { return }
        guard let responsible else {
            return because(
                base.notifyOnCreate,
                tr(
                    "a notification is on, but no responsible is set to receive it",
                    ru: "уведомление включено, но получателя-ответственного нет"))
        }
        because(
            base.notifyOnCreate,
            tr(
                "the responsible, \(names.user(responsible)), is notified of the new record",
                ru: "ответственный, \(names.user(responsible)), получает уведомление о новой записи"))
        for target in created { plan.actions.append(.notify(user: responsible, about: target)) }
    }
}
