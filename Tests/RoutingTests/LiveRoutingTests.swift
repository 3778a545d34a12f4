import Bitrix24
import Foundation
import PortalRouting
import Routing
import Sandbox
import SetupModel
import Testing

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
        faults.latencyMs = 1_500
        await portal.setFaults(faults)
        let client = try await client(portal, timeouts: Timeouts(connectMs: 500, totalMs: 600))
        let plan = RoutingEngine.plan(RoutingTableTests.base, event: event(phone: nil), facts: .none)
        let report = await PlanApplier(client: client).apply(plan, event: event(phone: nil), marker: "callgear-setup-test-slow")
        guard case .failed(let why)? = report.steps.last?.outcome else {
            Issue.record("not failed: \(report.steps)")
            return
        }
        #expect(why.contains("may or may not") && why.contains("callgear-setup-test-slow"))
        try await Task.sleep(for: .milliseconds(1_200))
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
