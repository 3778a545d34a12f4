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

    var what: String { event.kind == .chat ? "chat" : "offline request" }

    mutating func decide() {
        // 1. The switches.
        guard profile.integrationActive else {
            return skip(.integrationActive, "\"Integration is active\" is off, so nothing configured takes effect")
        }
        guard settings.enabled else {
            let label = event.kind == .chat ? "Enable chats" : "Enable offline requests"
            return skip(base.enabled, "\"\(label)\" is off")
        }
        if event.kind == .chat {
            guard let channel = event.channel, !channel.id.isEmpty else {
                return skip(base.channels, "the chat names no channel")
            }
            let name = channel.name.map { "\"\($0)\" (\(channel.id))" } ?? channel.id
            guard settings.channels.contains(channel.id) else {
                return skip(base.channels, "the channel \(name) is not ticked in \"Chats channels\"")
            }
            because(base.channels, "the channel \(name) is ticked")
        }
        // 2. The filter of chats and requests.
        if profile.other.filterEnabled {
            let filter = SettingPath.other.filter(event.kind)
            guard profile.other.filter(for: event.kind).holds(for: event.values(for:)) else {
                return skip(filter, "the filter of chats and requests does not let this \(what) through")
            }
            because(filter, "the filter of chats and requests lets it through")
        } else {
            because(SettingPath.other.filterEnabled, "the filter of chats and requests is off: every \(what) is carried over")
        }
        // 3. The phase against "Create lead/deal on".
        if event.kind == .chat {
            let phase = event.effectivePhase
            switch (settings.createOn, phase) {
            case (.chatStart, .started):
                because(base.createOn, "created on \"Start chat\": it acts now, and the messages follow as comments")
            case (.chatStart, .message):
                messageOnly = true
                because(
                    base.createOn,
                    "created on \"Start chat\": the chat was handled when it started; this message is a comment")
            case (.chatStart, .ended):
                return skip(
                    base.createOn, "created on \"Start chat\": the end of the chat adds nothing, its messages are already in")
            case (.chatEnd, .started), (.chatEnd, .message):
                return skip(base.createOn, "created on \"End chat\": nothing happens until the chat ends")
            case (.chatEnd, .ended):
                because(base.createOn, "created on \"End chat\": it acts now, with the transcript")
            }
        } else {
            because(base.enabled, "an offline request is a single event: it is handled at once, its text as the comment")
        }
        // 4. First or repeated contact.
        guard event.visitor.hasContactDetails else {
            because(.visitor, "the visitor left no phone or e-mail, so it is always a first contact")
            return handleFirstContact()
        }
        guard !facts.isEmpty else {
            because(.portal, "nothing in the portal is linked to the visitor's phone or e-mail: a first contact")
            return handleFirstContact()
        }
        let found = CRMEntity.allCases.compactMap { kind -> String? in
            let n = facts.of(kind).count
            return n == 0 ? nil : "\(n) \(kind.rawValue)\(n == 1 ? "" : "s")"
        }
        because(.portal, "the portal already knows the visitor (\(found.joined(separator: ", "))): a repeated contact")
        for kind in CRMEntity.allCases where facts.fullKinds.contains(kind) {
            because(
                .portal,
                "at least \(ClientFacts.lookupLimit) \(kind.rawValue)s match the phone or e-mail; the newest \(ClientFacts.lookupLimit) were considered"
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
            return skip(base.firstContact.create, "\"First contact\" creates neither a lead nor a deal")
        }
        create(handling, path: base.firstContact)
    }

    mutating func handleRepeatedContact() {
        let handling = settings.repeatedContact
        let path = base.repeatedContact
        if handling.createsLeadOrDeal {
            because(path.create, "\"Repeated contact\" creates \(names(handling.create))")
            return create(handling, path: path)
        }
        because(
            path.create,
            handling.create.contains(.activity)
                ? "\"Repeated contact\" adds an activity only, so the comment goes by the comment priority"
                : "\"Repeated contact\" creates nothing, so the comment goes by the comment priority")
        let targets = commentTargets()
        guard !targets.isEmpty else {
            because(base.commentPriority, "nothing the comment may go to was found: it is a first contact after all")
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
        if let contact { because(.portal, "the new records are linked to contact #\(contact.id), the newest one") }
        // A deal carries no phone or e-mail of its own: without a contact the next chat from
        // the same visitor would not find it and would make another deal.
        let newContact = contact == nil && handling.createsDeal && !messageOnly && event.visitor.hasContactDetails
        if newContact {
            because(
                path.create,
                "no contact was found: one is created from the visitor's name, phone and e-mail, and the new records are linked to it, so the next \(what) from them finds the deal"
            )
            plan.actions.append(
                .create(
                    RoutingPlan.NewEntity(
                        kind: .contact, title: contactName, stage: nil, funnel: nil, responsible: responsible.user, fields: [:],
                        contactID: nil, companyID: company?.id)))
        }
        if handling.createsLead && portal.isSimpleCRM && !messageOnly {
            let text =
                "the portal is in simple CRM mode: it has no leads, so the new lead becomes a deal at once (default funnel, first stage) — switch the portal to classic CRM for lead routing"
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
                path, "the message goes to \(created.map(\.description).joined(separator: " and ")) made when the chat started")
        }
        for target in created { plan.actions.append(.addComment(to: target, timing: timing)) }
        if handling.create.contains(.activity), let first = created.first, !messageOnly {
            because(path.create, "an activity is added to \(first) as well")
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
        entities.map { $0.label.lowercased() }.joined(separator: " and ")
    }

    /// The responsible filter, then the default responsible.
    mutating func responsible() -> (user: String?, setting: SettingPath) {
        for (i, rule) in settings.responsibleRules.enumerated() where rule.condition.holds(for: event.values(for:)) {
            let setting = base.responsibleRules[i]
            if !plan.explanation.contains(where: { $0.basis == .setting(setting) }) {
                because(setting, "responsible filter rule \(i + 1) holds: \(names.user(rule.responsible))")
            }
            return (rule.responsible, setting)
        }
        let setting = base.defaultResponsible
        if !plan.explanation.contains(where: { $0.basis == .setting(setting) }) {
            if let user = settings.defaultResponsible {
                because(
                    setting,
                    settings.responsibleRules.isEmpty
                        ? "the default responsible, \(names.user(user))"
                        : "no responsible filter rule holds: the default responsible, \(names.user(user))")
            } else {
                because(setting, "no default responsible is set: the portal assigns the record to the webhook's user")
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
                "\"Apply custom stages\" is off: the portal's first stage\(handling.createsDeal ? " of the default funnel" : "")")
            return StageTarget(dealCategory: "0")
        }
        for (i, rule) in funnels.rules.enumerated() where rule.condition.holds(for: event.values(for:)) {
            because(path.rules[i], "funnel rule \(i + 1) applies: \(describe(rule.target, handling))")
            return rule.target
        }
        because(
            path.defaults,
            (funnels.rules.isEmpty ? "no funnel rules" : "no funnel rule applies")
                + ": the defaults, \(describe(funnels.defaults, handling))")
        return funnels.defaults
    }

    func describe(_ target: StageTarget, _ handling: ContactHandling) -> String {
        var parts: [String] = []
        if handling.createsLead { parts.append("lead stage \(target.leadStage.map(names.leadStage) ?? "(portal's first)")") }
        if handling.createsDeal {
            let funnel = target.dealCategory ?? "0"
            parts.append(
                "\(names.funnel(funnel)), deal stage \(target.dealStage.map { names.dealStage($0, funnel: funnel) } ?? "(funnel's first)")"
            )
        }
        return parts.joined(separator: "; ")
    }

    mutating func title() -> String {
        let template: String
        let known = TemplateVariable.names(for: event.kind, customOfflineFields: profile.callGear.offlineFields)
        if let own = profile.other.template(for: event.kind) {
            template = own.text
            because(SettingPath.other.templates, "the title comes from the \(what) name template")
        } else {
            template = NameTemplate.defaultTitle(for: event.kind)
            because(
                profile.other.templatesEnabled ? SettingPath.other.templates : SettingPath.other.templatesEnabled,
                "no name template for this kind: the built-in title \(template)")
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
                because(path[i], "\(mapping.source) is empty in this \(what): \(mapping.field) is left alone")
            }
        }
        if !fields.isEmpty { because(path, "mapped fields are written into the new \(kind.rawValue)") }
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
                because(SettingPath.other.fieldMappings, "mappings set to update on every communication refresh \(target)")
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
            because(base.commentPriority, "no comment priority is set: \"To deals\" is assumed")
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
                because(SettingPath.other.addToClosed, "an open lead or deal exists, so closed ones are passed over")
            }
        } else if anyClosed && profile.other.addToClosed {
            (deal, lead) = (deals.first, leads.first)
            because(
                SettingPath.other.addToClosed,
                "every lead and deal is closed and \"Add data to closed leads/deals\" is on: the newest closed one is written to")
        } else {
            (deal, lead) = (nil, nil)
            if anyClosed {
                because(
                    SettingPath.other.addToClosed,
                    "every lead and deal is closed and \"Add data to closed leads/deals\" is off: none is written to")
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
                        ? "\"To deals\": the comment goes to \(pick)" : "\"To deals\": no deal to write to, so \(pick)")
            }
        case .toLeads:
            if let pick = target(lead) ?? target(deal) {
                targets = [pick]
                because(
                    base.commentPriority,
                    lead != nil
                        ? "\"To leads\": the comment goes to \(pick)" : "\"To leads\": no lead to write to, so \(pick)")
            }
        case .toBoth:
            targets = [target(deal), target(lead)].compactMap { $0 }
            if !targets.isEmpty {
                because(
                    base.commentPriority,
                    "\"To both\": the comment goes to \(targets.map(\.description).joined(separator: " and "))")
            }
        }
        if targets.isEmpty, let holder = facts.of(.contact).first ?? facts.of(.company).first {
            because(
                base.commentPriority,
                "no lead or deal to write to: the comment goes to the \(holder.kind.rawValue) #\(holder.id)")
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
                ? "comments would be copied to the contact/company, but none was found"
                : "the comment is copied to \(copied.joined(separator: " and "))")
    }

    // MARK: 7. Notification

    mutating func notify(about created: [RoutingPlan.Target], responsible: String?) {
        guard settings.notifyOnCreate, !created.isEmpty else { return }
        guard let responsible else {
            return because(base.notifyOnCreate, "a notification is on, but no responsible is set to receive it")
        }
        because(base.notifyOnCreate, "the responsible, \(names.user(responsible)), is notified of the new record")
        for target in created { plan.actions.append(.notify(user: responsible, about: target)) }
    }
}
