import Foundation
import Routing
import SetupModel
import Testing

/// The routing rules as a table that reads like the vendor's document: each row is a
/// set-up, an event and what the portal knows, then what must happen and which setting
/// must be named as the reason.
@Suite struct RoutingTableTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        var setUp: @Sendable (inout Profile) -> Void = { _ in }
        var event: RoutingEvent = RoutingTableTests.whatsapp()
        var facts: ClientFacts = .none
        var actions: [String]
        var because: [String] = []
        var testDescription: String { name }
    }

    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static func at(daysAgo: Int) -> Date { now.addingTimeInterval(Double(-daysAgo) * 86_400) }
    static func deal(_ id: String, closed: Bool = false, daysAgo: Int = 1) -> ClientFacts.Entity {
        .init(.deal, id, closed: closed, created: at(daysAgo: daysAgo), responsible: "8")
    }
    static func lead(_ id: String, closed: Bool = false, daysAgo: Int = 1) -> ClientFacts.Entity {
        .init(.lead, id, closed: closed, created: at(daysAgo: daysAgo), responsible: "8")
    }
    static func contact(_ id: String) -> ClientFacts.Entity { .init(.contact, id, created: at(daysAgo: 30)) }
    static func company(_ id: String) -> ClientFacts.Entity { .init(.company, id, created: at(daysAgo: 30)) }

    static func whatsapp(
        phase: RoutingEvent.Phase = .started, phone: String? = "+79991234567", email: String? = nil,
        site: String? = "shop.example"
    ) -> RoutingEvent {
        var event = RoutingEvent(
            kind: .chat, phase: phase, channel: .init(id: "101", name: "WhatsApp Web 111", type: "whatsapp"), site: site,
            visitor: .init(name: "Анна", phone: phone, email: email), communicationId: "5001", text: "Здравствуйте")
        event.campaign = "Winter sale"
        return event
    }

    static func telegram() -> RoutingEvent {
        var event = whatsapp()
        event.channel = .init(id: "102", name: "Telegram bot", type: "telegram")
        return event
    }

    static func offlineRequest() -> RoutingEvent {
        var event = RoutingEvent(
            kind: .offline, site: "shop.example", visitor: .init(name: "Борис", phone: "+74950001122"), communicationId: "7001",
            text: "Перезвоните мне")
        event.form = .init(type: "callback", name: "Обратный звонок")
        return event
    }

    /// Chats on for WhatsApp (101) only, default responsible 5, first contact → lead,
    /// repeated → nothing with comments "To deals", created on chat start; offline
    /// requests → deal, responsible 7.
    static var base: Profile {
        var p = Profile(name: "t", region: .dubai, account: "https://acme.bitrix24.ru", integrationActive: true)
        p.chats = CommunicationSettings(
            enabled: true, channels: ["101"], defaultResponsible: "5", firstContact: ContactHandling(create: [.lead]),
            repeatedContact: ContactHandling(create: []), commentPriority: .toDeals, createOn: .chatStart)
        p.offline = CommunicationSettings(
            enabled: true, defaultResponsible: "7", firstContact: ContactHandling(create: [.deal]),
            repeatedContact: ContactHandling(create: []), commentPriority: .toLeads, createOn: .chatEnd)
        return p
    }

    static let newLead = "create lead \"Chat WhatsApp Web 111 Анна +79991234567\" at the portal's first stage, responsible user 5"
    static let streamToNewLead = "add each message as a comment to the new lead as the chat goes"

    static let rows: [Row] = [
        // First and repeated contact.
        Row(
            name: "first contact: nothing known creates a lead", actions: [newLead, streamToNewLead],
            because: ["portal", "chats.defaultResponsible"]),
        Row(
            name: "no contact details at all: always first, even if the portal knows people",
            event: whatsapp(phone: nil), facts: ClientFacts([deal("1")]),
            actions: [
                "create lead \"Chat WhatsApp Web 111 Анна\" at the portal's first stage, responsible user 5", streamToNewLead,
            ],
            because: ["visitor"]),
        Row(
            name: "repeated contact, To deals, deal only", facts: ClientFacts([deal("1")]),
            actions: ["add each message as a comment to deal #1 as the chat goes"], because: ["chats.commentPriority"]),
        Row(
            name: "repeated contact, To deals, lead only", facts: ClientFacts([lead("3")]),
            actions: ["add each message as a comment to lead #3 as the chat goes"]),
        Row(
            name: "repeated contact, To deals, both", facts: ClientFacts([lead("3"), deal("1")]),
            actions: ["add each message as a comment to deal #1 as the chat goes"]),
        Row(
            name: "repeated contact, To deals, contact only", facts: ClientFacts([contact("9")]),
            actions: ["add each message as a comment to contact #9 as the chat goes"]),
        Row(
            name: "repeated contact, To deals, company only", facts: ClientFacts([company("4")]),
            actions: ["add each message as a comment to company #4 as the chat goes"]),
        Row(
            name: "repeated contact, To leads, both", setUp: { $0.chats.commentPriority = .toLeads },
            facts: ClientFacts([lead("3"), deal("1")]), actions: ["add each message as a comment to lead #3 as the chat goes"]),
        Row(
            name: "repeated contact, To leads, deal only", setUp: { $0.chats.commentPriority = .toLeads },
            facts: ClientFacts([deal("1")]), actions: ["add each message as a comment to deal #1 as the chat goes"]),
        Row(
            name: "repeated contact, To leads, contact only", setUp: { $0.chats.commentPriority = .toLeads },
            facts: ClientFacts([contact("9")]), actions: ["add each message as a comment to contact #9 as the chat goes"]),
        Row(
            name: "repeated contact, To both: the newest deal and the newest lead",
            setUp: { $0.chats.commentPriority = .toBoth },
            facts: ClientFacts([lead("3", daysAgo: 9), lead("4", daysAgo: 2), deal("1", daysAgo: 5), deal("2", daysAgo: 1)]),
            actions: [
                "add each message as a comment to deal #2 as the chat goes",
                "add each message as a comment to lead #4 as the chat goes",
            ]),
        Row(
            name: "repeated contact, To both, lead only", setUp: { $0.chats.commentPriority = .toBoth },
            facts: ClientFacts([lead("3")]), actions: ["add each message as a comment to lead #3 as the chat goes"]),
        Row(
            name: "repeated contact, To both, contact only", setUp: { $0.chats.commentPriority = .toBoth },
            facts: ClientFacts([contact("9")]), actions: ["add each message as a comment to contact #9 as the chat goes"]),
        Row(
            name: "repeated contact that creates a deal links it to the contact",
            setUp: { $0.chats.repeatedContact = ContactHandling(create: [.deal]) },
            facts: ClientFacts([contact("9"), deal("1")]),
            actions: [
                "create deal \"Chat WhatsApp Web 111 Анна +79991234567\" in funnel 0 at the portal's first stage, responsible user 5, linked to contact #9",
                "add each message as a comment to the new deal as the chat goes",
            ],
            because: ["chats.repeatedContact.create", "chats.repeatedContact.funnels.applyCustomStages"]),
        Row(
            name: "repeated contact with activity only: comment and activity on the found deal",
            setUp: { $0.chats.repeatedContact = ContactHandling(create: [.activity]) }, facts: ClientFacts([deal("1")]),
            actions: ["add each message as a comment to deal #1 as the chat goes", "add an activity to deal #1 for user 8"]),

        // Closed leads and deals.
        Row(
            name: "open and closed deals, switch off: the newest open one",
            facts: ClientFacts([deal("1", closed: true, daysAgo: 1), deal("2", daysAgo: 5)]),
            actions: ["add each message as a comment to deal #2 as the chat goes"], because: ["other.addToClosed"]),
        Row(
            name: "open and closed deals, switch on: still the newest open one", setUp: { $0.other.addToClosed = true },
            facts: ClientFacts([deal("1", closed: true, daysAgo: 1), deal("2", daysAgo: 5)]),
            actions: ["add each message as a comment to deal #2 as the chat goes"]),
        Row(
            name: "all deals closed, switch on: the newest closed one", setUp: { $0.other.addToClosed = true },
            facts: ClientFacts([deal("1", closed: true, daysAgo: 1), deal("2", closed: true, daysAgo: 5)]),
            actions: ["add each message as a comment to deal #1 as the chat goes"]),
        Row(
            name: "all deals closed, switch off: passed over for the open lead",
            facts: ClientFacts([deal("1", closed: true), lead("3")]),
            actions: ["add each message as a comment to lead #3 as the chat goes"]),
        Row(
            name: "all closed, switch off, nothing else: a first contact after all",
            facts: ClientFacts([deal("1", closed: true), lead("3", closed: true)]), actions: [newLead, streamToNewLead],
            because: ["other.addToClosed", "chats.commentPriority"]),

        // The closed rule spans leads and deals: any open record before any closed one.
        Row(
            name: "To deals, switch on: last year's won deal does not beat an open lead",
            setUp: { $0.other.addToClosed = true },
            facts: ClientFacts([deal("1", closed: true, daysAgo: 365), lead("3", daysAgo: 2)]),
            actions: ["add each message as a comment to lead #3 as the chat goes"], because: ["other.addToClosed"]),
        Row(
            name: "To deals, switch off: the same open lead (the switch takes no target away)",
            facts: ClientFacts([deal("1", closed: true, daysAgo: 365), lead("3", daysAgo: 2)]),
            actions: ["add each message as a comment to lead #3 as the chat goes"]),
        Row(
            name: "To leads, switch on: an open deal before the newest closed lead",
            setUp: {
                $0.other.addToClosed = true
                $0.chats.commentPriority = .toLeads
            },
            facts: ClientFacts([lead("3", closed: true, daysAgo: 1), deal("1", daysAgo: 9)]),
            actions: ["add each message as a comment to deal #1 as the chat goes"]),
        Row(
            name: "every lead and deal closed, switch on, To deals: the newest closed deal",
            setUp: { $0.other.addToClosed = true },
            facts: ClientFacts([lead("3", closed: true, daysAgo: 1), deal("1", closed: true, daysAgo: 9)]),
            actions: ["add each message as a comment to deal #1 as the chat goes"]),
        Row(
            name: "To both, an open lead and closed deals, switch on: only the open lead",
            setUp: {
                $0.other.addToClosed = true
                $0.chats.commentPriority = .toBoth
            },
            facts: ClientFacts([lead("3", daysAgo: 4), deal("1", closed: true, daysAgo: 1)]),
            actions: ["add each message as a comment to lead #3 as the chat goes"]),
        // Newest means newest: one second, IDs compared as numbers.
        Row(
            name: "records of the same second: lead 100 is newer than lead 99",
            setUp: { $0.chats.commentPriority = .toLeads },
            facts: ClientFacts([lead("99", daysAgo: 1), lead("100", daysAgo: 1)]),
            actions: ["add each message as a comment to lead #100 as the chat goes"]),

        // Funnel rules: allow and forbid, AND and OR, defaults.
        Row(
            name: "a rule with Allow site AND Allow channel type applies", setUp: withRules,
            actions: [
                "create lead \"Chat WhatsApp Web 111 Анна +79991234567\" at stage IN_PROCESS, responsible user 5",
                streamToNewLead,
            ], because: ["chats.firstContact.funnels.rules[0]"]),
        Row(
            name: "AND fails on one clause: the next rule's Forbid applies", setUp: withRules,
            event: whatsapp(site: "other.example"),
            actions: [
                "create lead \"Chat WhatsApp Web 111 Анна +79991234567\" at stage PROCESSED, responsible user 5", streamToNewLead,
            ],
            because: ["chats.firstContact.funnels.rules[1]"]),
        Row(
            name: "OR: the second group of a rule holds", setUp: withRules, event: telegramTicked(site: "other.example"),
            actions: [
                "create lead \"Chat Telegram bot Анна +79991234567\" at stage PROCESSED, responsible user 5",
                streamToNewLead,
            ], because: ["chats.firstContact.funnels.rules[1]"]),
        Row(
            name: "no rule applies: the defaults", setUp: withRules, event: noCampaign(site: "other.example"),
            actions: [
                "create lead \"Chat WhatsApp Web 111 Анна +79991234567\" at stage NEW, responsible user 5", streamToNewLead,
            ],
            because: ["chats.firstContact.funnels.defaults"]),
        Row(
            name: "a deal takes funnel and stage from the rule",
            setUp: { p in
                withRules(&p)
                p.chats.firstContact.create = [.deal]
            },
            actions: [
                "create contact \"Анна\" from the visitor's name, phone and e-mail, responsible user 5",
                "create deal \"Chat WhatsApp Web 111 Анна +79991234567\" in funnel 2 at stage C2:NEW, responsible user 5, linked to the new contact",
                "add each message as a comment to the new deal as the chat goes",
            ]),

        // The responsible filter.
        Row(
            name: "a responsible rule holds",
            setUp: {
                $0.chats.responsibleRules = [
                    ResponsibleRule(condition: cond([Clause(.site, .allow, ["shop.example"])]), responsible: "9")
                ]
            },
            actions: [
                "create lead \"Chat WhatsApp Web 111 Анна +79991234567\" at the portal's first stage, responsible user 9",
                streamToNewLead,
            ],
            because: ["chats.responsibleRules[0]"]),
        Row(
            name: "no responsible rule holds: the default",
            setUp: {
                $0.chats.responsibleRules = [
                    ResponsibleRule(condition: cond([Clause(.site, .allow, ["x.example"])]), responsible: "9")
                ]
            },
            actions: [newLead, streamToNewLead], because: ["chats.defaultResponsible"]),

        // Start and end of chat.
        Row(
            name: "created on chat start: a later message is a comment to the chat's lead", event: whatsapp(phase: .message),
            actions: ["add the text as a comment to the new lead"], because: ["chats.createOn"]),
        Row(
            name: "created on chat start: the end adds nothing", event: whatsapp(phase: .ended),
            actions: ["nothing: created on \"Start chat\": the end of the chat adds nothing, its messages are already in"]),
        Row(
            name: "created on chat end: nothing at the start", setUp: { $0.chats.createOn = .chatEnd },
            actions: ["nothing: created on \"End chat\": nothing happens until the chat ends"]),
        Row(
            name: "created on chat end: acts at the end with the transcript", setUp: { $0.chats.createOn = .chatEnd },
            event: whatsapp(phase: .ended),
            actions: [newLead, "add the chat's transcript as a comment to the new lead when it ends"]),

        // The switches and the filter of chats and requests.
        Row(
            name: "integration inactive", setUp: { $0.integrationActive = false },
            actions: ["nothing: \"Integration is active\" is off, so nothing configured takes effect"],
            because: ["integrationActive"]),
        Row(
            name: "chats disabled", setUp: { $0.chats.enabled = false }, actions: ["nothing: \"Enable chats\" is off"],
            because: ["chats.enabled"]),
        Row(
            name: "channel not ticked", event: telegram(),
            actions: ["nothing: the channel \"Telegram bot\" (102) is not ticked in \"Chats channels\""],
            because: ["chats.channels"]),
        Row(
            name: "the transfer filter forbids the site",
            setUp: { p in
                p.other.filterEnabled = true
                p.other.chatFilter = cond([Clause(.site, .forbid, ["shop.example"])])
            },
            actions: ["nothing: the filter of chats and requests does not let this chat through"], because: ["other.chatFilter"]),
        Row(
            name: "the transfer filter lets the site through",
            setUp: { p in
                p.other.filterEnabled = true
                p.other.chatFilter = cond([Clause(.site, .forbid, ["spam.example"])])
            },
            actions: [newLead, streamToNewLead], because: ["other.chatFilter"]),

        // Notification, copies, templates, mapping, offline requests.
        Row(
            name: "notify the responsible of a new lead", setUp: { $0.chats.notifyOnCreate = true },
            actions: [newLead, streamToNewLead, "notify user 5 about the new lead"], because: ["chats.notifyOnCreate"]),
        Row(
            name: "comments copied to the contact and company", setUp: { $0.chats.copyCommentsToContact = true },
            facts: ClientFacts([deal("1"), contact("9"), company("4")]),
            actions: [
                "add each message as a comment to deal #1 as the chat goes",
                "add each message as a comment to contact #9 as the chat goes",
                "add each message as a comment to company #4 as the chat goes",
            ], because: ["chats.copyCommentsToContact"]),
        Row(
            name: "a name template and mapped fields",
            setUp: { p in
                p.other.templatesEnabled = true
                p.other.templates = [
                    NameTemplate(eventType: .chat, text: "{{chat_channel_type}}: {{visitor_name}} ({{utm_source}})")
                ]
                p.other.fieldMappingEnabled = true
                p.other.fieldMappings = [
                    FieldMapping(source: "communication_id", entity: .lead, field: "UF_CRM_1700000002"),
                    FieldMapping(source: "campaign_name", entity: .lead, field: "SOURCE_DESCRIPTION"),
                    FieldMapping(source: "utm_source", entity: .lead, field: "UF_CRM_1700000001"),
                ]
            },
            actions: [
                "create lead \"whatsapp: Анна ()\" at the portal's first stage, responsible user 5, fields SOURCE_DESCRIPTION=Winter sale, UF_CRM_1700000002=5001",
                streamToNewLead,
            ], because: ["other.templates", "other.fieldMappings[2]"]),
        Row(
            name: "mappings that update on every communication refresh the found deal",
            setUp: { p in
                p.other.fieldMappingEnabled = true
                p.other.fieldMappings = [
                    FieldMapping(source: "campaign_name", entity: .deal, field: "UF_CRM_CAMPAIGN", update: .always),
                    FieldMapping(source: "communication_id", entity: .deal, field: "UF_CRM_FIRST", update: .onCreate),
                ]
            },
            facts: ClientFacts([deal("1")]),
            actions: ["add each message as a comment to deal #1 as the chat goes", "update deal #1: UF_CRM_CAMPAIGN=Winter sale"]),
        Row(
            name: "offline request, first contact: a deal with the request as comment", event: offlineRequest(),
            actions: [
                "create contact \"Борис\" from the visitor's name, phone and e-mail, responsible user 7",
                "create deal \"Offline request Обратный звонок Борис +74950001122\" in funnel 0 at the portal's first stage, responsible user 7, linked to the new contact",
                "add the text as a comment to the new deal",
            ], because: ["offline.enabled"]),
        Row(
            name: "offline request, repeated, To leads", event: offlineRequest(), facts: ClientFacts([deal("1"), lead("3")]),
            actions: ["add the text as a comment to lead #3"], because: ["offline.commentPriority"]),
        Row(
            name: "offline requests disabled", setUp: { $0.offline.enabled = false }, event: offlineRequest(),
            actions: ["nothing: \"Enable offline requests\" is off"]),
    ]

    static func cond(_ clauses: [Clause]...) -> Condition {
        Condition(anyOf: clauses.map { ConditionGroup(allOf: $0) })
    }

    /// Rule 1: site shop.example AND type whatsapp → IN_PROCESS (funnel 2, C2:NEW).
    /// Rule 2: (campaign not "Summer") OR (type telegram) → PROCESSED.
    /// Defaults: NEW.
    @Sendable static func withRules(_ p: inout Profile) {
        p.chats.firstContact.funnels = FunnelSettings(
            applyCustomStages: true,
            rules: [
                FunnelRule(
                    condition: cond([Clause(.site, .allow, ["shop.example"]), Clause(.chatChannelType, .allow, ["WhatsApp"])]),
                    target: StageTarget(leadStage: "IN_PROCESS", dealCategory: "2", dealStage: "C2:NEW")),
                FunnelRule(
                    condition: cond(
                        [Clause(.campaign, .forbid, ["Summer"]), Clause(.campaign, .allow, ["Winter sale"])],
                        [Clause(.chatChannelType, .allow, ["telegram"])]),
                    target: StageTarget(leadStage: "PROCESSED", dealCategory: "3", dealStage: "C3:NEW")),
            ],
            defaults: StageTarget(leadStage: "NEW", dealCategory: "0", dealStage: "NEW"))
        p.chats.channels = ["101", "102"]
    }

    static func telegramTicked(site: String) -> RoutingEvent {
        var event = telegram()
        event.site = site
        event.campaign = nil
        return event
    }

    static func noCampaign(site: String) -> RoutingEvent {
        var event = whatsapp(site: site)
        event.campaign = nil
        return event
    }

    @Test(arguments: rows)
    func row(_ row: Row) {
        var profile = Self.base
        row.setUp(&profile)
        let plan = RoutingEngine.plan(profile, event: row.event, facts: row.facts)
        #expect(plan.actions.map(\.description) == row.actions, "\(plan.explanation.map(\.description).joined(separator: "\n"))")
        let named = Set(plan.explanation.map(\.setting))
        for setting in row.because {
            #expect(named.contains(setting), "no reason names \(setting): \(plan.explanation.map(\.description))")
        }
    }

    @Test func everyDecisionIsExplained() {
        var profile = Self.base
        Self.withRules(&profile)
        profile.chats.notifyOnCreate = true
        let plan = RoutingEngine.plan(profile, event: Self.whatsapp(), facts: .none)
        #expect(
            plan.explanation.map(\.setting) == [
                "chats.channels", "other.filterEnabled", "chats.createOn", "portal", "chats.defaultResponsible",
                "chats.firstContact.funnels.rules[0]", "other.templatesEnabled", "chats.notifyOnCreate",
            ])
    }

    /// A look-up that came back full says so: there may be more than were considered.
    @Test func aFullLookupIsSaid() {
        var facts = ClientFacts((0..<20).map { Self.lead("\($0 + 1)", daysAgo: 40 - $0) } + [Self.deal("7")])
        facts.fullKinds = [.lead]
        let plan = RoutingEngine.plan(Self.base, event: Self.whatsapp(), facts: facts)
        #expect(plan.actions.map(\.description) == ["add each message as a comment to deal #7 as the chat goes"])
        #expect(
            plan.explanation.contains { $0.text == "at least 20 leads match the phone or e-mail; the newest 20 were considered" })
    }

    /// Plans and reasons speak in the portal's names; two users of one name stay apart by ID.
    @Test func plansSpeakInNames() {
        var profile = Self.base
        Self.withRules(&profile)
        profile.chats.notifyOnCreate = true
        let names = PortalNames(
            users: ["5": "Мария Смирнова", "8": "Мария Смирнова"], leadStages: ["IN_PROCESS": "В работе", "NEW": "Новый"],
            funnels: ["2": "Продажи B2B"], dealStages: ["2": ["C2:NEW": "Новая"]])
        let plan = RoutingEngine.plan(profile, event: Self.whatsapp(), facts: .none, portal: PortalContext(names: names))
        let text = plan.actions.map { $0.text(names) }
        #expect(
            text[0]
                == "create lead \"Chat WhatsApp Web 111 Анна +79991234567\" at stage «В работе», responsible Мария Смирнова (user 5)"
        )
        #expect(text.contains("notify Мария Смирнова (user 5) about the new lead"))
        #expect(plan.explanation.contains { $0.text == "the default responsible, Мария Смирнова (user 5)" })
        #expect(plan.explanation.contains { $0.text.contains("lead stage «В работе»") })
        let deal = RoutingPlan.Action.create(
            .init(
                kind: .deal, title: "t", stage: "C2:NEW", funnel: "2", responsible: "8", fields: [:], contactID: nil,
                companyID: nil))
        #expect(
            deal.text(names)
                == "create deal \"t\" in funnel Продажи B2B (2) at stage «Новая», responsible Мария Смирнова (user 8)")
        // Without the lists, IDs.
        #expect(deal.text(.none) == "create deal \"t\" in funnel 2 at stage C2:NEW, responsible user 8")
    }

    /// Simple CRM mode has no leads: the plan says what the portal does instead.
    @Test func simpleCRMModeIsWarnedAbout() {
        let plan = RoutingEngine.plan(Self.base, event: Self.whatsapp(), facts: .none, portal: PortalContext(crmMode: 2))
        #expect(plan.warnings.count == 1)
        #expect(plan.warnings[0].contains("simple CRM mode") && plan.warnings[0].contains("becomes a deal"))
        #expect(plan.explanation.contains { $0.setting == "chats.firstContact.create" && $0.text.contains("simple CRM") })
    }

    @Test func theWordingNamesARecordOnce() {
        var profile = Self.base
        profile.chats.commentPriority = .toDeals
        let plan = RoutingEngine.plan(profile, event: Self.whatsapp(), facts: ClientFacts([Self.lead("126")]))
        #expect(plan.explanation.contains { $0.text == "\"To deals\": no deal to write to, so lead #126" })
        #expect(!plan.explanation.contains { $0.text.contains("lead lead") })
    }
}
