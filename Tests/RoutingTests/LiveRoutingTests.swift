import Bitrix24
import Foundation
import PortalRouting
import Routing
import Sandbox
import SetupModel
import Testing
import Transport

/// The dry run and the test apply against the demo sandbox over real HTTP: the facts are
/// gathered from the portal, the plan is computed from them, and applying it leaves marked
/// records that are read back.
@Suite struct LiveRoutingTests {
    func client(_ portal: SandboxPortal, timeouts: Timeouts = .standard) async throws -> PortalClient {
        let base = try await portal.start()
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        return PortalClient(domain: domain, webhook: webhook, timeouts: timeouts)
    }

    func event(phone: String?, email: String? = nil) -> RoutingEvent {
        RoutingEvent(
            kind: .chat, phase: .started, channel: .init(id: "101", name: "WhatsApp", type: "whatsapp"), site: "shop.example",
            visitor: .init(name: "Клиент", phone: phone, email: email), communicationId: "9001", text: "Добрый день")
    }

    @Test func factsOfAClientWithAnOpenDealAClosedLeadAndAWonDeal() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        let facts = try await FactGatherer(client: client).gather(for: .init(phone: "8 999 123-45-67"))
        #expect(await portal.requestCount == 2)
        #expect(facts.of(.contact).map(\.id) == ["1"])
        #expect(facts.of(.lead).map(\.id) == ["1"] && facts.of(.lead).first?.isClosed == true)
        #expect(facts.of(.deal).map(\.id) == ["1", "2"])
        #expect(facts.of(.deal).map(\.isClosed) == [false, true])
        let plan = RoutingEngine.plan(RoutingTableTests.base, event: event(phone: "8 999 123-45-67"), facts: facts)
        #expect(plan.actions.map(\.description) == ["add each message as a comment to deal #1 as the chat goes"])
        await portal.stop()
    }

    @Test func byEmailAndByCompany() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        let gatherer = FactGatherer(client: client)
        let galina = try await gatherer.gather(for: .init(email: "galina@example.ru"))
        #expect(galina.entities.map { "\($0.kind.rawValue)#\($0.id)" } == ["contact#3"])
        let company = try await gatherer.gather(for: .init(phone: "+7 (812) 333-44-55"))
        #expect(company.of(.company).map(\.id) == ["1"] && company.of(.deal).map(\.id) == ["3"])
        let nobody = try await gatherer.gather(for: .init(phone: "+1 555 000 0000"))
        #expect(nobody.isEmpty)
        await portal.stop()
    }

    @Test func applyCreatesMarkedRecordsThatAreReadBack() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        var profile = RoutingTableTests.base
        profile.chats.notifyOnCreate = true
        profile.chats.firstContact = ContactHandling(
            create: [.lead, .activity],
            funnels: FunnelSettings(applyCustomStages: true, defaults: StageTarget(leadStage: "IN_PROCESS")))
        let newcomer = event(phone: "+7 900 000-00-01")
        let facts = try await FactGatherer(client: client).gather(for: newcomer.visitor)
        let plan = RoutingEngine.plan(profile, event: newcomer, facts: facts)
        let report = await PlanApplier(client: client).apply(plan, event: newcomer, marker: "callgear-setup-test-0001")
        #expect(report.complete, "\(report.steps)")
        #expect(report.steps.first?.outcome == .created(.lead, id: "4"))
        let lead = try #require(await portal.data.records.first { $0.kind == .lead && $0.id == 4 })
        #expect(lead.title.hasPrefix("[TEST] Chat WhatsApp Клиент"))
        #expect(lead.stage == "IN_PROCESS" && lead.assignedByID == 5)
        #expect(lead.extra["ORIGIN_ID"] == "callgear-setup-test-0001" && lead.extra["ORIGINATOR_ID"] == "callgear-setup")
        #expect(lead.phones == ["+7 900 000-00-01"])
        #expect(await portal.comments.map(\.comment) == ["[callgear-setup-test-0001] Message: Добрый день"])
        #expect(await portal.activities.map(\.entityID) == [4])
        #expect(await portal.notifications.map(\.userID) == [5])
        // The operator finds the test data by its marker.
        let found = try await client.call("crm.lead.list", ["filter": ["ORIGIN_ID": "callgear-setup-test-0001"]])
        #expect(found.total == 1)
        await portal.stop()
    }

    @Test func aRefusedStepStopsTheRunAndSaysWhy() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        var profile = RoutingTableTests.base
        profile.chats.firstContact.funnels = FunnelSettings(applyCustomStages: true, defaults: StageTarget(leadStage: "GONE"))
        let plan = RoutingEngine.plan(profile, event: event(phone: nil), facts: .none)
        let report = await PlanApplier(client: client).apply(plan, event: event(phone: nil))
        #expect(!report.complete)
        #expect(report.steps.count == 1)
        guard case .failed(let why) = report.steps[0].outcome else {
            Issue.record("not failed: \(report.steps)")
            return
        }
        #expect(why.contains("STATUS_ID"))
        #expect(await portal.comments.isEmpty)
        await portal.stop()
    }

    @Test func aWriteThatTimesOutIsNotRepeated() async throws {
        let portal = SandboxPortal()
        var faults = SandboxPortal.Faults()
        // Wide margins: on a loaded machine a 600 ms budget could expire before the sandbox even
        // read the request, and the count would be 0 for a reason that has nothing to do with retries.
        faults.latencyMs = 4_000
        await portal.setFaults(faults)
        let client = try await client(portal, timeouts: Timeouts(connectMs: 2_000, totalMs: 2_000))
        let plan = RoutingEngine.plan(RoutingTableTests.base, event: event(phone: nil), facts: .none)
        let report = await PlanApplier(client: client).apply(plan, event: event(phone: nil), marker: "callgear-setup-test-slow")
        guard case .failed(let why)? = report.steps.last?.outcome else {
            Issue.record("not failed: \(report.steps)")
            return
        }
        #expect(why.contains("may or may not") && why.contains("callgear-setup-test-slow"))
        // Past the portal's answer to the first request: a repeated write would have arrived by now.
        try await Task.sleep(for: .milliseconds(3_000))
        #expect(await portal.requestCount == 1)
        await portal.stop()
    }

    /// A 5xx page may come from a proxy after the portal did the work: the same caveat as a
    /// timeout, and the write is not repeated.
    @Test func aWriteAnsweredWithAServerErrorPageIsNotRepeated() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        var faults = SandboxPortal.Faults()
        faults.htmlStatus = 502
        await portal.setFaults(faults)
        let plan = RoutingEngine.plan(RoutingTableTests.base, event: event(phone: nil), facts: .none)
        let report = await PlanApplier(client: client).apply(plan, event: event(phone: nil), marker: "callgear-setup-test-5xx")
        guard case .failed(let why)? = report.steps.last?.outcome else {
            Issue.record("not failed: \(report.steps)")
            return
        }
        #expect(why.contains("HTTP 502") && why.contains("may or may not have been written"), "\(why)")
        #expect(why.contains("callgear-setup-test-5xx"))
        #expect(await portal.requestCount == 1, "the write was sent once")
        await portal.stop()
    }
}

/// What the portal really does decides the plan: records written by a test apply are found
/// again, every kind is looked up on its own, simple CRM mode is said.
@Suite struct RoutingTruthTests {
    func client(_ portal: SandboxPortal) async throws -> PortalClient {
        let base = try await portal.start()
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        return PortalClient(domain: domain, webhook: webhook)
    }

    func chat(_ phone: String, name: String = "Ольга") -> RoutingEvent {
        RoutingEvent(
            kind: .chat, phase: .started, channel: .init(id: "101", name: "WhatsApp", type: "whatsapp"), site: "shop.example",
            visitor: .init(name: name, phone: phone), communicationId: "9100", text: "Добрый день")
    }

    /// "First contact: Deal": the deal is tied to a new contact, so the next chat from the
    /// same phone is a repeated contact that reaches that deal.
    @Test func aSecondChatFromTheSamePhoneReachesTheFirstChatsDeal() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        var profile = RoutingTableTests.base
        profile.chats.firstContact = ContactHandling(create: [.deal])
        let first = try await Simulation.live(profile, event: chat("+7 901 555-00-11"), client: client, apply: true)
        let steps = try #require(first.report?.steps)
        #expect(steps.allSatisfy { if case .failed = $0.outcome { false } else { true } }, "\(steps)")
        guard steps.count > 1, case .created(.contact, let contactID) = steps[0].outcome,
            case .created(.deal, let dealID) = steps[1].outcome
        else {
            Issue.record("no contact then deal: \(steps)")
            return
        }
        let requestsBefore = await portal.requestCount
        let second = try await Simulation.live(profile, event: chat("8 901 555 00 11"), client: client, apply: false)
        #expect(await portal.requestCount - requestsBefore == 2, "a dry run costs two requests")
        #expect(second.facts?.of(.contact).map(\.id) == [contactID])
        #expect(second.facts?.of(.deal).map(\.id) == [dealID])
        #expect(second.plan.actions.map(\.description) == ["add each message as a comment to deal #\(dealID) as the chat goes"])
        await portal.stop()
    }

    /// 20 leads with one phone used to hide the client's contact and deal: each kind is now
    /// looked up on its own, in the same single request.
    @Test func twentyLeadsDoNotHideTheDeal() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        let phone = "+7 902 777-66-55"
        for i in 0..<21 {
            let fields: [String: any Sendable] = [
                "TITLE": "Заявка \(i)", "PHONE": [["VALUE": phone, "VALUE_TYPE": "WORK"]] as [[String: any Sendable]],
            ]
            _ = try await client.call("crm.lead.add", ["fields": fields])
        }
        let contactFields: [String: any Sendable] = [
            "NAME": "Пётр", "PHONE": [["VALUE": phone, "VALUE_TYPE": "WORK"]] as [[String: any Sendable]],
        ]
        let contact = try await client.call("crm.contact.add", ["fields": contactFields])
        let contactID = try #require(PortalResponse.int(contact.result))
        let dealFields: [String: any Sendable] = ["TITLE": "Сделка Петра", "CONTACT_ID": contactID]
        let deal = try await client.call("crm.deal.add", ["fields": dealFields])
        let dealID = try #require(PortalResponse.int(deal.result))

        // The portal's cut-off is real in the sandbox: asked for every kind, only leads come back.
        let all = try await client.call("crm.duplicate.findbycomm", ["type": "PHONE", "values": [phone] as [any Sendable]])
        #expect(all.result.member("CONTACT") == nil && all.result.member("LEAD")?.items.count == 20)

        let facts = try await FactGatherer(client: client).gather(for: .init(phone: phone))
        #expect(facts.fullKinds == [.lead])
        #expect(facts.of(.deal).map(\.id) == ["\(dealID)"])
        let plan = RoutingEngine.plan(RoutingTableTests.base, event: chat(phone), facts: facts)
        #expect(plan.actions.map(\.description) == ["add each message as a comment to deal #\(dealID) as the chat goes"])
        #expect(plan.explanation.contains { $0.text.hasPrefix("at least 20 leads") })
        await portal.stop()
    }

    /// Simple CRM mode: the dry run reads the mode in its first request and warns; applied,
    /// the lead the plan creates comes back as a deal.
    @Test func simpleCRMModeIsSaidAndTheLeadBecomesADeal() async throws {
        let portal = SandboxPortal()
        await portal.setCRMMode(2)
        let client = try await client(portal)
        let simulation = try await Simulation.live(
            RoutingTableTests.base, event: chat("+7 903 111-22-33"), client: client, apply: true)
        #expect(simulation.warningLines.count == 1 && simulation.lines[0].contains("simple CRM mode"))
        let filter: [String: any Sendable] = ["%TITLE": "[TEST]"]
        let deals = try await client.call("crm.deal.list", ["filter": filter])
        let leads = try await client.call("crm.lead.list", ["filter": filter])
        #expect(deals.result.items.count == 1 && leads.result.items.isEmpty)
        await portal.stop()
    }
}
