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

    func fields(_ context: FormContext) -> [Field] {
        switch context {
        case .section(.accounts): accountsSection()
        case .section(.chats): chats(.chat)
        case .section(.entityCreation): entityCreation(.chat, headings: false)
        case .section(.funnels): funnels(.chat)
        case .section(.offline): offline()
        case .section(.other): other()
        case .section(.simulate): simulate()
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
                Field(
                    "Account", path: "account",
                    .pick(
                        .account, get: { $0.profile.account.isEmpty ? nil : $0.profile.account },
                        set: { $0.profile.account = $1 ?? "" }),
                    required: true,
                    hint: "The Bitrix24 portal this profile sets up. Add portals below; one CallGear account may serve several."),
                Field(
                    "Region", path: "region",
                    .choice(
                        options: Region.allCases.map { "\($0.displayName) — \($0.cabinetHost), app \"\($0.bitrixAppName)\"" },
                        get: { Region.allCases.firstIndex(of: $0.profile.region) ?? 0 },
                        set: { $0.profile.region = Region.allCases[$1] }),
                    required: true,
                    hint: "Latvia: go.callgear.com and the Bitrix24 app \"CallGear\"; Dubai: go.callgear.ae and \"CallGear UAE\"."
                ),
                Field("Verify connection", .action(.verifyAccount, summary: "profile, scopes and CRM mode of the portal")),
                Field(
                    "Check readiness", .action(.checkReadiness, summary: "will this profile work on this portal? ✓ ⚠ ✗"),
                    hint:
                        "Checks the profile against the live portal: users, stages, funnels and fields it names, required fields, CRM mode, Open Channels, the CallGear channels."
                ),
                Field(
                    "Refresh auth keys", .action(.refreshKeys, summary: "OAuth accounts: a new token pair now"),
                    hint: "The round-arrow button of the vendor's Accounts block: refreshes the integration's authorisation keys."
                ),
                Field(
                    "Reload pick lists",
                    .action(.reloadCatalog, summary: "lead stages, funnels, users and fields from the portal")),
            ] + readiness.map { Field($0, .note) } + [
                Field("Portals", .heading)
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
        rows.append(Field("Add account", .action(.newAccount, summary: "name, Bitrix24 portal domain, webhook or OAuth")))
        rows.append(Field("Profiles", .heading))
        for summary in profiles {
            let current = summary.name == profile.name
            rows.append(
                Field(
                    (current ? "› " : "  ") + TextSanitizer.line(summary.name),
                    .action(
                        .openProfile(summary.name),
                        summary: "\(summary.region.displayName) · \(summary.active ? "active" : "inactive") · v\(summary.version)"
                    )))
        }
        rows.append(Field("New profile", .action(.newProfile, summary: "the guided onboarding")))
        return rows
    }

    func accountForm() -> [Field] {
        var rows = [
            Field(
                "Name", path: "account.name", .text(\.account.name, masked: false, placeholder: "the portal's name (optional)")),
            Field(
                "Bitrix24 portal domain", path: "account.domain",
                .text(\.account.domain, masked: false, placeholder: "https://xxx.bitrix24.ru/"), required: true),
            Field(
                "Authorisation", path: "account.authKind",
                .choice(
                    options: ["Incoming webhook", "OAuth application"], get: { $0.account.authKind.rawValue },
                    set: { $0.account.authKind = AccountDraft.AuthKind(rawValue: $1) ?? .webhook })),
        ]
        if workspace.account.authKind == .webhook {
            rows.append(
                Field(
                    "Webhook URL", path: "account.webhookURL",
                    .text(\.account.webhookURL, masked: true, placeholder: "https://xxx.bitrix24.ru/rest/1/abc…/"),
                    required: true,
                    hint: "Bitrix24 → Developer resources → Other → Incoming webhook; tick crm, user, department and im."))
        } else {
            rows += [
                Field(
                    "Client id", path: "account.clientID", .text(\.account.clientID, masked: false, placeholder: "app.…"),
                    required: true),
                Field(
                    "Client secret", path: "account.clientSecret", .text(\.account.clientSecret, masked: true, placeholder: "")),
                Field("Access token", path: "account.accessToken", .text(\.account.accessToken, masked: true, placeholder: "")),
                Field(
                    "Refresh token", path: "account.refreshToken", .text(\.account.refreshToken, masked: true, placeholder: "")),
                Field(
                    "OAuth server", path: "account.oauthServer",
                    .text(\.account.oauthServer, masked: false, placeholder: OAuthCredentials.defaultOAuthServer),
                    hint:
                        "Where the keys are renewed: the portal's server_endpoint without /rest/ (https://oauth.bitrix.info/ for cloud portals, the portal itself when self-hosted)."
                ),
            ]
        }
        rows.append(Field("Save account", .action(.saveAccount, summary: "store it (Esc leaves without storing)")))
        if workspace.account.original != nil {
            rows.append(Field("Delete account", .action(.deleteAccount, summary: "asks first; refused while profiles use it")))
        }
        return rows
    }

    func chats(_ kind: CommunicationKind) -> [Field] {
        let key = kind.settingsKey
        let settings = ConditionRef.settings(kind)
        var rows = [
            Field(
                kind == .chat ? "Enable chats" : "Enable offline messages", path: "\(key).enabled",
                .toggle(settings.appending(path: \.enabled)))
        ]
        if kind == .chat {
            rows.append(
                Field(
                    "Chats channels", path: "chats.channels",
                    .multi(.channel, get: { $0.profile.chats.channels }, set: { $0.profile.chats.channels = $1 }),
                    hint: "Only the ticked channels create entities; the list comes from CallGear Widgets → Channels."))
            rows.append(
                Field(
                    "CallGear channels", path: "callGear.channels",
                    .open(
                        .channels,
                        summary: "\(profile.callGear.channels.count) \(callGearFromAPI ? "from the Data API" : "typed by hand")"),
                    hint: "Without a Data API key the channel list is typed here: ID, name and type of each."))
        }
        rows.append(
            Field(
                kind == .chat ? "Default chat responsible" : "Default offline message responsible",
                path: "\(key).defaultResponsible",
                .pick(
                    .user, get: { $0[keyPath: settings].defaultResponsible },
                    set: { $0[keyPath: settings].defaultResponsible = $1 }),
                required: true, hint: "Takes every request that no responsible rule takes."))
        let ruleCount = profile.settings(for: kind).responsibleRules.count
        rows.append(
            Field(
                kind == .chat ? "Chat responsible filter" : "Offline message responsible filter", path: "\(key).responsibleRules",
                .open(
                    .responsibleRules(kind),
                    summary: ruleCount == 0 ? "no rules" : "\(ruleCount) rule\(ruleCount == 1 ? "" : "s")"),
                hint: "Ordered rules: the first whose condition holds gives the responsible; the rest go to the default."))
        return rows
    }

    func entityCreation(_ kind: CommunicationKind, headings: Bool) -> [Field] {
        let key = kind.settingsKey
        let settings = ConditionRef.settings(kind)
        var rows: [Field] = headings ? [Field("Entity creation", .heading)] : []
        rows.append(
            Field(
                "For first contact inquiries to create…", path: "\(key).firstContact.create",
                .multi(
                    .entities([.lead, .deal, .activity]), get: { $0[keyPath: settings].firstContact.create.map(\.rawValue) },
                    set: { $0[keyPath: settings].firstContact.create = $1.compactMap(CreatedEntity.init(rawValue:)) }),
                required: true, hint: "Lead, Deal, Activity — a lead or a deal is required: chats attach to leads and deals."))
        rows.append(
            Field(
                "For repeated contact inquiries to create…", path: "\(key).repeatedContact.create",
                .multi(
                    .entities([.lead, .deal, .activity]), get: { $0[keyPath: settings].repeatedContact.create.map(\.rawValue) },
                    set: { $0[keyPath: settings].repeatedContact.create = $1.compactMap(CreatedEntity.init(rawValue:)) }),
                hint: "May be empty: then a repeated chat goes into the first found entity, by the comment priority."))
        if profile.settings(for: kind).commentPriorityApplies {
            let options = CommentPriority.allCases
            rows.append(
                Field(
                    "Comment priority on repeated contact", path: "\(key).commentPriority",
                    .choice(
                        options: options.map(\.label),
                        get: { ws in options.firstIndex(of: ws[keyPath: settings].commentPriority ?? .toDeals) ?? 0 },
                        set: { $0[keyPath: settings].commentPriority = options[$1] }),
                    required: true,
                    hint:
                        "To deals: deal → lead → contact/company. To leads: the mirror. To both: the newest deal and lead. Nothing found: a first contact."
                ))
        }
        if kind == .chat {
            let options = CreateOn.allCases
            rows.append(
                Field(
                    "Create lead/deal…", path: "\(key).createOn",
                    .choice(
                        options: options.map(\.label), get: { ws in options.firstIndex(of: ws[keyPath: settings].createOn) ?? 0 },
                        set: { $0[keyPath: settings].createOn = options[$1] }),
                    required: true,
                    hint: "Start chat: messages stream into the comments. End chat: the transcript is written when it closes."))
        }
        rows.append(
            Field(
                "Optionally save comments to contact/company", path: "\(key).copyCommentsToContact",
                .toggle(settings.appending(path: \.copyCommentsToContact)),
                hint: "Also copies the comment to the contact or company that was found; none found, nothing happens."))
        rows.append(
            Field(
                "Send a notification when a lead or deal is created", path: "\(key).notifyOnCreate",
                .toggle(settings.appending(path: \.notifyOnCreate)),
                hint: "One notification per created entity, never per message."))
        return rows
    }

    func funnels(_ kind: CommunicationKind) -> [Field] {
        var rows = funnelBlock(kind, repeated: false)
        if profile.settings(for: kind).repeatedContact.createsLeadOrDeal {
            rows += funnelBlock(kind, repeated: true)
        } else {
            rows.append(Field("Status filter for repeated client contact", .heading))
            rows.append(Field("Repeated contact creates no lead or deal, so it has no stages to choose.", .note))
        }
        return rows
    }

    func funnelBlock(_ kind: CommunicationKind, repeated: Bool) -> [Field] {
        let key = kind.settingsKey
        let which = repeated ? "repeatedContact" : "firstContact"
        let handlingPath: WritableKeyPath<CommunicationSettings, ContactHandling> = repeated ? \.repeatedContact : \.firstContact
        let handling = ConditionRef.settings(kind).appending(path: handlingPath)
        let funnels = handling.appending(path: \.funnels)
        let current = profile.settings(for: kind)[keyPath: handlingPath]
        let base = "\(key).\(which).funnels"
        var rows = [
            Field("Status filter for \(repeated ? "repeated" : "first") client contact", .heading),
            Field(
                "Apply custom stages", path: "\(base).applyCustomStages", .toggle(funnels.appending(path: \.applyCustomStages)),
                hint: "Off: the portal's own first stage of the default funnel is used."),
        ]
        guard current.funnels.applyCustomStages else { return rows }
        rows += stageFields(
            funnels.appending(path: \.defaults), current: current.funnels.defaults, path: "\(base).defaults", creating: current,
            labels: ("Lead default status", "Deal default category", "Deal default status"))
        let count = current.funnels.rules.count
        rows.append(
            Field(
                "Filter of \(kind == .chat ? "chat" : "offline message") funnels", path: "\(base).rules",
                .open(
                    .funnelRules(kind, repeated: repeated),
                    summary: count == 0 ? "no rules" : "\(count) rule\(count == 1 ? "" : "s")"),
                hint: "Ordered rules; the first that applies gives the stages, the defaults take the rest."))
        return rows
    }

    func offline() -> [Field] {
        chats(.offline) + entityCreation(.offline, headings: true) + funnels(.offline)
    }

    func other() -> [Field] {
        let other = profile.other
        return [
            Field("Filters", .heading),
            Field(
                "Filter enable", path: "other.filterEnabled", .toggle(\.profile.other.filterEnabled),
                hint: "Without a filter, everything is sent."),
            Field(
                "Chats filter", path: "other.chatFilter",
                .open(.condition(.filter(.chat)), summary: names.summary(other.chatFilter))),
            Field(
                "Offline messages filter", path: "other.offlineFilter",
                .open(.condition(.filter(.offline)), summary: names.summary(other.offlineFilter))),
            Field("Entity name templates", .heading),
            Field("Enable CRM entity name templates", path: "other.templatesEnabled", .toggle(\.profile.other.templatesEnabled)),
            Field(
                "Entity name templates", path: "other.templates",
                .open(.templates, summary: "\(other.templates.count) template(s)")),
            Field("Field mapping", .heading),
            Field(
                "Add additional fields into entities", path: "other.fieldMappingEnabled",
                .toggle(\.profile.other.fieldMappingEnabled)),
            Field(
                "Field mapping", path: "other.fieldMappings", .open(.mappings, summary: "\(other.fieldMappings.count) mapping(s)")
            ),
            Field("Other", .heading),
            Field(
                "Add data to closed leads/deals", path: "other.addToClosed", .toggle(\.profile.other.addToClosed),
                hint:
                    "Open and closed found: the latest open one gets the comment. All closed and nothing to create: the latest closed one."
            ),
            Field("CallGear Data API", .heading),
            Field(
                "Data API address", path: "callGear.dataAPIURL",
                .text(
                    \.profile.callGear.dataAPIURLText, masked: false,
                    placeholder: profile.region.defaultDataAPIURL)),
            Field(
                "Data API key", path: "callGear.dataAPIKey",
                .text(\.profile.callGear.dataAPIKeyText, masked: true, placeholder: "not set")),
            Field("Other settings", .heading),
            Field(
                "Integration is active", path: "integrationActive", .toggle(\.profile.integrationActive),
                hint:
                    "Nothing configured takes effect until this is on and saved. Also in the header: F6 or Ctrl-T from any screen."
            ),
        ]
    }

    /// A CallGear list as ticks: untick to drop an entry, type and Ctrl-N to add one.
    func typedList(_ label: String, _ path: WritableKeyPath<CallGearSettings, [String]>, key: String) -> Field {
        let base: WritableKeyPath<Workspace, CallGearSettings> = \.profile.callGear
        let full = base.appending(path: path)
        return Field(
            label, path: "callGear.\(key)", .multi(.typedList, get: { $0[keyPath: full] }, set: { $0[keyPath: full] = $1 }),
            hint: "Type a new entry into the filter and press Ctrl-N; untick one to drop it.")
    }

    func simulate() -> [Field] {
        let channels = profile.callGear.channels
        var rows = [
            Field("Sample event", .heading),
            Field(
                "Kind", path: "sample.kind",
                .choice(
                    options: ["Chat", "Offline request"], get: { $0.sample.kind == .chat ? 0 : 1 },
                    set: { $0.sample.kind = $1 == 0 ? .chat : .offline })),
        ]
        if workspace.sample.kind == .chat {
            let phases = [RoutingPhase.started, .message, .ended]
            rows.append(
                Field(
                    "Phase", path: "sample.phase",
                    .choice(
                        options: phases.map(\.label), get: { phases.firstIndex(of: $0.sample.phase) ?? 0 },
                        set: { $0.sample.phase = phases[$1] })))
            rows.append(
                Field(
                    "Channel", path: "sample.channel",
                    .pick(
                        .channel, get: { $0.sample.channelID.isEmpty ? nil : $0.sample.channelID },
                        set: { $0.sample.channelID = $1 ?? "" }),
                    hint: channels.isEmpty ? "Type the CallGear channels in Chats → CallGear channels first." : nil))
        }
        rows += [
            Field("Site", path: "sample.site", .text(\.sample.site, masked: false, placeholder: "example.com")),
            Field("Visitor name", path: "sample.name", .text(\.sample.visitorName, masked: false, placeholder: "")),
            Field("Visitor phone", path: "sample.phone", .text(\.sample.phone, masked: false, placeholder: "+7 …")),
            Field("Visitor e-mail", path: "sample.email", .text(\.sample.email, masked: false, placeholder: "")),
            Field("Text", path: "sample.text", .text(\.sample.text, masked: false, placeholder: "the message or request")),
            Field("Run", .heading),
            Field("Preview", .action(.previewOffline, summary: "as if the portal knew nobody")),
            Field("Dry run on the portal", .action(.dryRun, summary: "looks the visitor up, writes nothing")),
            Field("Apply as a test", .action(.applyTest, summary: "writes marked [TEST] records — asks first")),
        ]
        return rows
    }

    // MARK: Rules

    func responsibleRules(_ kind: CommunicationKind) -> [Field] {
        let settings = ConditionRef.settings(kind)
        let rules = profile.settings(for: kind).responsibleRules
        var rows: [Field] = rules.enumerated().map { i, rule in
            Field(
                "\(i + 1). \(names.summary(rule.condition))", path: "\(kind.settingsKey).responsibleRules[\(i)]",
                .open(.responsibleRule(kind, i), summary: "→ " + names.user(rule.responsible)),
                delete: { $0[keyPath: settings].responsibleRules.remove(at: i) },
                move: { ws, by in ws[keyPath: settings].responsibleRules.moveElement(at: i, by: by) })
        }
        rows.append(Field("Add rule", .action(.addResponsibleRule(kind), summary: "a condition and a responsible")))
        return rows
    }

    func responsibleRule(_ kind: CommunicationKind, _ i: Int) -> [Field] {
        let settings = ConditionRef.settings(kind)
        guard profile.settings(for: kind).responsibleRules.indices.contains(i) else { return [] }
        let rule = profile.settings(for: kind).responsibleRules[i]
        let path = "\(kind.settingsKey).responsibleRules[\(i)]"
        return [
            Field(
                "Condition", path: "\(path).condition",
                .open(.condition(.responsible(kind, i)), summary: names.summary(rule.condition))),
            Field(
                "Responsible", path: "\(path).responsible",
                .pick(
                    .user, get: { ws in ws[keyPath: settings].responsibleRules[i].responsible.nilIfEmpty },
                    set: { $0[keyPath: settings].responsibleRules[i].responsible = $1 ?? "" }), required: true),
        ]
    }

    /// Lead stage, deal funnel and deal stage — as many as the creation choice needs. A
    /// new funnel clears the stage: stages belong to one funnel.
    func stageFields(
        _ target: WritableKeyPath<Workspace, StageTarget>, current: StageTarget, path: String, creating: ContactHandling,
        labels: (lead: String, funnel: String, stage: String)
    ) -> [Field] {
        var rows: [Field] = []
        if creating.createsLead {
            rows.append(
                Field(
                    labels.lead, path: "\(path).leadStage",
                    .pick(.leadStage, get: { $0[keyPath: target].leadStage }, set: { $0[keyPath: target].leadStage = $1 }),
                    required: true))
        }
        if creating.createsDeal {
            rows.append(
                Field(
                    labels.funnel, path: "\(path).dealCategory",
                    .pick(
                        .funnel, get: { $0[keyPath: target].dealCategory },
                        set: { ws, value in
                            if ws[keyPath: target].dealCategory != value { ws[keyPath: target].dealStage = nil }
                            ws[keyPath: target].dealCategory = value
                        }), required: true,
                    hint: "The deal funnel. Choosing another funnel clears the stage: stages belong to one funnel."))
            rows.append(
                Field(
                    labels.stage, path: "\(path).dealStage",
                    .pick(
                        .dealStage(funnel: current.dealCategory), get: { $0[keyPath: target].dealStage },
                        set: { $0[keyPath: target].dealStage = $1 }), required: true))
        }
        return rows
    }

    func funnelRules(_ kind: CommunicationKind, repeated: Bool) -> [Field] {
        let path: WritableKeyPath<CommunicationSettings, FunnelSettings> =
            repeated ? \.repeatedContact.funnels : \.firstContact.funnels
        let funnels = ConditionRef.settings(kind).appending(path: path)
        let rules = profile.settings(for: kind)[keyPath: path].rules
        let base = "\(kind.settingsKey).\(repeated ? "repeatedContact" : "firstContact").funnels.rules"
        var rows: [Field] = rules.enumerated().map { i, rule in
            Field(
                "\(i + 1). \(names.summary(rule.condition))", path: "\(base)[\(i)]",
                .open(.funnelRule(kind, repeated: repeated, i), summary: "→ " + names.target(rule.target)),
                delete: { $0[keyPath: funnels].rules.remove(at: i) },
                move: { ws, by in ws[keyPath: funnels].rules.moveElement(at: i, by: by) })
        }
        rows.append(
            Field("Add rule", .action(.addFunnelRule(kind, repeated: repeated), summary: "a stage filter and its stages")))
        return rows
    }

    func funnelRule(_ kind: CommunicationKind, repeated: Bool, _ i: Int) -> [Field] {
        let handlingPath: WritableKeyPath<CommunicationSettings, ContactHandling> = repeated ? \.repeatedContact : \.firstContact
        let handling = profile.settings(for: kind)[keyPath: handlingPath]
        guard handling.funnels.rules.indices.contains(i) else { return [] }
        let rulePath = ConditionRef.settings(kind).appending(path: handlingPath).appending(path: \.funnels.rules[i])
        let target = rulePath.appending(path: \.target)
        let rule = handling.funnels.rules[i]
        let path = "\(kind.settingsKey).\(repeated ? "repeatedContact" : "firstContact").funnels.rules[\(i)]"
        var rows = [
            Field(
                "Stage filter", path: "\(path).condition",
                .open(.condition(.funnel(kind, repeated: repeated, i)), summary: names.summary(rule.condition)))
        ]
        rows += stageFields(
            target, current: rule.target, path: "\(path).target", creating: handling,
            labels: ("Lead status", "Deal category", "Deal stage"))
        return rows
    }

    func condition(_ ref: ConditionRef) -> [Field] {
        let condition = workspace[keyPath: ref.keyPath]
        var rows: [Field] = []
        if condition.anyOf.isEmpty {
            rows.append(Field("No conditions: it always holds. Add one below.", .note))
        }
        for (g, group) in condition.anyOf.enumerated() {
            rows.append(Field(g == 0 ? "All of these (&)" : "OR all of these (&)", .heading))
            for (c, clause) in group.allOf.enumerated() {
                rows.append(
                    Field(
                        "\(clause.param.label) · \(clause.mode.label)", path: "\(ref.path).anyOf[\(g)].allOf[\(c)]",
                        .open(
                            .clause(ref, group: g, index: c),
                            summary: clause.values.isEmpty ? "(no values)" : clause.values.joined(separator: ", ")),
                        delete: { ws in
                            ws[keyPath: ref.keyPath].anyOf[g].allOf.remove(at: c)
                            if ws[keyPath: ref.keyPath].anyOf[g].allOf.isEmpty { ws[keyPath: ref.keyPath].anyOf.remove(at: g) }
                        }))
            }
            rows.append(Field("Add condition (&)", .action(.addClause(ref, group: g), summary: "to this group")))
        }
        rows.append(Field(condition.anyOf.isEmpty ? "Add condition" : "Add OR group", .action(.addGroup(ref), summary: "")))
        return rows
    }

    func clause(_ ref: ConditionRef, _ g: Int, _ c: Int) -> [Field] {
        let condition = workspace[keyPath: ref.keyPath]
        guard condition.anyOf.indices.contains(g), condition.anyOf[g].allOf.indices.contains(c) else { return [] }
        let clause = ref.keyPath.appending(path: \.anyOf[g].allOf[c])
        let params = ConditionParam.allCases.filter { $0.applies(to: ref.kind) }
        let modes = ConditionMode.allCases
        let current = condition.anyOf[g].allOf[c]
        let path = "\(ref.path).anyOf[\(g)].allOf[\(c)]"
        return [
            Field(
                "Param", path: "\(path).param",
                .choice(
                    options: params.map(\.label), get: { params.firstIndex(of: $0[keyPath: clause].param) ?? 0 },
                    set: { $0[keyPath: clause].param = params[$1] })),
            Field(
                "Operator", path: "\(path).mode",
                .choice(
                    options: modes.map(\.label), get: { modes.firstIndex(of: $0[keyPath: clause].mode) ?? 0 },
                    set: { $0[keyPath: clause].mode = modes[$1] }),
                hint: "Allow: applies to requests with these values. Forbid: to requests without them."),
            Field(
                "Value", path: "\(path).values",
                .multi(.values(current.param), get: { $0[keyPath: clause].values }, set: { $0[keyPath: clause].values = $1 }),
                required: true,
                hint: "Pick from the CallGear lists, or type a new value in the filter and press Ctrl-N to add it."),
        ]
    }

    // MARK: Templates, mappings, channels

    func templates() -> [Field] {
        var rows: [Field] = profile.other.templates.enumerated().map { i, template in
            Field(
                "\(template.eventType.label)", path: "other.templates[\(i)]", .open(.template(i), summary: template.text),
                delete: { $0.profile.other.templates.remove(at: i) })
        }
        rows.append(Field("Add template", .action(.addTemplate, summary: "one per event type")))
        return rows
    }

    func template(_ i: Int) -> [Field] {
        guard profile.other.templates.indices.contains(i) else { return [] }
        let kinds = CommunicationKind.allCases
        let template = profile.other.templates[i]
        let known = TemplateVariable.names(for: template.eventType, customOfflineFields: profile.callGear.offlineFields)
        let samples = Dictionary(uniqueKeysWithValues: TemplateVariable.all.map { ($0.name, $0.sample) })
        let preview = NameTemplate.parse(template.text, known: known).render(samples)
        var text = Field(
            "Template", path: "other.templates[\(i)].text",
            .text(\.profile.other.templates[i].text, masked: false, placeholder: "{{chat_channel_name}} …"),
            required: true,
            hint: "While editing: Ctrl-V inserts a variable from a searchable list; Ctrl-Z restores the last saved text.")
        text.template = i
        return [
            Field(
                "Event type", path: "other.templates[\(i)].eventType",
                .choice(
                    options: kinds.map(\.label), get: { kinds.firstIndex(of: $0.profile.other.templates[i].eventType) ?? 0 },
                    set: { $0.profile.other.templates[i].eventType = kinds[$1] }),
                required: true),
            text,
            Field("Preview", .note),
            Field("  " + preview, .note),
        ]
    }

    func mappings() -> [Field] {
        var rows: [Field] = profile.other.fieldMappings.enumerated().map { i, m in
            Field(
                "\(m.source) → \(m.entity.rawValue)", path: "other.fieldMappings[\(i)]",
                .open(
                    .mapping(i),
                    summary: "\(names.field(m.field, of: m.entity)) · \(m.update == .always ? "always update" : "on creation")"),
                delete: { $0.profile.other.fieldMappings.remove(at: i) })
        }
        rows.append(Field("Add mapping", .action(.addMapping, summary: "a CallGear field into a Bitrix24 field")))
        return rows
    }

    func mapping(_ i: Int) -> [Field] {
        guard profile.other.fieldMappings.indices.contains(i) else { return [] }
        let entities = CRMEntity.allCases
        let mapping = profile.other.fieldMappings[i]
        return [
            Field(
                "DataAPI field", path: "other.fieldMappings[\(i)].source",
                .pick(
                    .variable(nil), get: { $0.profile.other.fieldMappings[i].source.nilIfEmpty },
                    set: { $0.profile.other.fieldMappings[i].source = $1 ?? "" }),
                required: true),
            Field(
                "Bitrix24 entity", path: "other.fieldMappings[\(i)].entity",
                .choice(
                    options: entities.map(\.label),
                    get: { entities.firstIndex(of: $0.profile.other.fieldMappings[i].entity) ?? 0 },
                    set: { ws, index in
                        if ws.profile.other.fieldMappings[i].entity != entities[index] {
                            ws.profile.other.fieldMappings[i].field = ""
                        }
                        ws.profile.other.fieldMappings[i].entity = entities[index]
                    })),
            Field(
                "Bitrix24 field", path: "other.fieldMappings[\(i)].field",
                .pick(
                    .field(mapping.entity), get: { $0.profile.other.fieldMappings[i].field.nilIfEmpty },
                    set: { $0.profile.other.fieldMappings[i].field = $1 ?? "" }),
                required: true, hint: "The portal's real fields, user fields (UF_CRM_…) included; read-only ones are refused."),
            Field(
                "Update", path: "other.fieldMappings[\(i)].update",
                .choice(
                    options: ["On creation only", "On every communication"],
                    get: { $0.profile.other.fieldMappings[i].update == .always ? 1 : 0 },
                    set: { $0.profile.other.fieldMappings[i].update = $1 == 1 ? .always : .onCreate })),
        ]
    }

    func channels() -> [Field] {
        var rows: [Field] = profile.callGear.channels.enumerated().map { i, ch in
            Field(
                "\(ch.id.isEmpty ? "?" : ch.id)  \(ch.name)", path: "callGear.channels[\(i)]",
                .open(.channel(i), summary: ch.type),
                delete: { $0.profile.callGear.channels.remove(at: i) })
        }
        rows.append(Field("Add channel", .action(.addChannel, summary: "ID, name and type from CallGear Widgets → Channels")))
        return rows
    }

    func channel(_ i: Int) -> [Field] {
        guard profile.callGear.channels.indices.contains(i) else { return [] }
        let types = ChatChannel.knownTypes
        return [
            Field(
                "ID", path: "callGear.channels[\(i)].id",
                .text(\.profile.callGear.channels[i].id, masked: false, placeholder: "111"), required: true),
            Field(
                "Name", path: "callGear.channels[\(i)].name",
                .text(\.profile.callGear.channels[i].name, masked: false, placeholder: "WhatsApp Web 111")),
            Field(
                "Type", path: "callGear.channels[\(i)].type",
                .choice(
                    options: types, get: { types.firstIndex(of: $0.profile.callGear.channels[i].type) ?? 0 },
                    set: { $0.profile.callGear.channels[i].type = types[$1] })),
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

extension CallGearSettings {
    /// The optional address as form text: empty means the region's default.
    var dataAPIURLText: String {
        get { dataAPIURL ?? "" }
        set { dataAPIURL = newValue.isEmpty ? nil : newValue }
    }

    var dataAPIKeyText: String {
        get { dataAPIKey?.value ?? "" }
        set { dataAPIKey = newValue.isEmpty ? nil : Secret(newValue) }
    }
}
