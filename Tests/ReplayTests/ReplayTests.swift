import Bitrix24
import CallGearAPI
import Foundation
import PortalRouting
import Replay
import Routing
import Sandbox
import SetupModel
import Testing

/// Replay end to end over loopback: report rows become events, every event is planned
/// offline or with the portal's facts, the live look-ups take ⌈visitors/50⌉ requests plus
/// follow-ups and agree with the one-visitor dry run, and a comparison of two versions
/// names the events that change and the setting responsible.
@Suite struct ReplayTests {
    /// The demo's profile: WhatsApp and the site chat ticked, a funnel rule for WhatsApp, a
    /// responsible rule for example.ae, activities for repeated contacts, requests as leads.
    static var profile: Profile {
        var profile = DemoData.profile
        profile.integrationActive = true
        return profile
    }

    struct Rig {
        let emulator: DataAPIEmulator
        let portal: SandboxPortal
        let dataAPI: DataAPIClient
        let client: PortalClient

        static func start() async throws -> Rig {
            let emulator = DataAPIEmulator(trafficEnd: TrafficReaderTests.end)
            let endpoint = try await emulator.start()
            let portal = SandboxPortal()
            let base = try await portal.start()
            let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
            return Rig(
                emulator: emulator, portal: portal, dataAPI: DataAPIClient(endpoint: endpoint, key: Secret(emulator.key)),
                client: PortalClient(domain: domain, webhook: webhook))
        }

        var period: ReportPeriod {
            ReportPeriod(from: TrafficReaderTests.endTime.adding(months: -2), till: TrafficReaderTests.endTime)
        }

        func job(live: Bool) -> ReplayJob {
            ReplayJob(
                reader: TrafficReader(client: dataAPI, period: period), gatherer: live ? BulkFactGatherer(client: client) : nil)
        }

        func stop() async {
            await emulator.stop()
            await portal.stop()
        }
    }

    @Test func reportRowsBecomeEventsWithEveryColumnTheRoutingReads() throws {
        let chat = try JSONParser.parse(
            """
            {"id": 77, "communication_id": 9001, "date_time": "2025-11-20 10:30:00", "chat_channel_id": 111,
             "chat_channel_name": "WhatsApp Web 111", "chat_channel_type": "whatsapp", "site_domain_name": "пример.рф",
             "campaign_name": "Зимняя распродажа", "source_name": null, "group_name": "Отдел продаж",
             "tags": [{"tag_id": 1, "tag_name": "vip"}, {"tag_id": 2, "tag_name": "Повторный"}], "utm_source": "google",
             "utm_medium": null, "visitor_phone_number": " +7 999 123-45-67 ", "communication_page_url": "https://x.ae/p"}
            """)
        let replayed = ReplayEvent(row: chat, kind: .chat)
        #expect(replayed.id == "77" && replayed.time == ReportTime("2025-11-20 10:30"))
        let event = replayed.event
        #expect(event.channel == RoutingEvent.Channel(id: "111", name: "WhatsApp Web 111", type: "whatsapp"))
        #expect(event.site == "пример.рф" && event.campaign == "Зимняя распродажа" && event.source == nil)
        #expect(event.communicationGroup == "Отдел продаж" && event.tags == ["vip", "Повторный"])
        #expect(event.utm == ["source": "google"] && event.communicationId == "9001" && event.page == "https://x.ae/p")
        #expect(event.visitor.phone == "+7 999 123-45-67" && event.visitor.email == nil)
        #expect(event.values(for: .chatChannelName) == ["WhatsApp Web 111"] && event.values(for: .tag).count == 2)

        let request = try JSONParser.parse(
            """
            {"id": "5", "date_time": "2025-11-21 09:00:00", "form_type": "Custom", "form_name": "Заказ звонка",
             "text": "Перезвоните", "visitor_email": "A@B.ru", "visitor_name": "Анна", "visitor_phone_number": null,
             "properties": [{"ext_id": "field_1", "value": "Дубай"}], "tags": []}
            """)
        let offline = ReplayEvent(row: request, kind: .offline).event
        #expect(offline.form == RoutingEvent.Form(type: "Custom", name: "Заказ звонка") && offline.text == "Перезвоните")
        #expect(offline.visitor == RoutingEvent.Visitor(name: "Анна", phone: nil, email: "A@B.ru") && offline.tags == nil)
        #expect(offline.fields == ["field_1": "Дубай"] && offline.variables["field_1"] == "Дубай")
        let asObject = try JSONParser.parse(#"{"id": 6, "properties": {"field_2": 1500}}"#)
        #expect(ReplayEvent(row: asObject, kind: .offline).event.fields == ["field_2": "1500"])

        // Each profile acts on a chat at its own moment.
        var profile = Self.profile
        #expect(replayed.acted(under: profile).phase == .started)
        profile.chats.createOn = .chatEnd
        #expect(replayed.acted(under: profile).phase == .ended)
    }

    @Test func offlineEveryVisitorIsUnknownAndTheSummaryAddsUp() async throws {
        let rig = try await Rig.start()
        let job = rig.job(live: false)
        let status = try await job.run()
        #expect(status.phase == .done && status.events == 3_600 && status.portalRequests == 0)
        let result = await job.result(for: Self.profile, portal: .none)
        let traffic = await rig.emulator.seededTraffic()
        // Worked out from the rows themselves: chats on a channel not ticked come to nothing.
        let unticked = traffic.chats.count { !["111", "7"].contains("\($0["chat_channel_id"]!)") }
        let onWhatsApp = traffic.chats.count { "\($0["chat_channel_id"]!)" == "111" }
        let outcomes = result.outcomes
        #expect(outcomes.first { $0.outcome.label == "channel not ticked" }?.chats == unticked)
        #expect(
            outcomes.first { $0.outcome.label == "new lead at IN_PROCESS + new deal in funnel 2 at C2:NEW" }?.chats == onWhatsApp)
        #expect(outcomes.reduce(0) { $0 + $1.chats } == 3_000 && outcomes.reduce(0) { $0 + $1.requests } == 600)
        #expect(!outcomes.contains { $0.outcome.category == .existing }, "offline, nobody is known")
        let summary = result.summaryLines.joined(separator: "\n")
        #expect(summary.hasPrefix("3000 chats, 600 offline requests"), "\(summary)")
        #expect(summary.contains("Nothing: \(unticked)") && summary.contains("Responsible for the new records:"))
        let created = result.items.count { $0.outcome.category == .created }
        #expect(result.responsibles.reduce(0) { $0 + $1.count } == created, "one responsible per event that creates")
        #expect(Set(result.responsibles.map(\.name)) == ["user 1", "user 5"], "the default and the example.ae rule")
        // In Russian, planned and summed up in the language in force.
        let russian = await Language.$override.withValue(.ru) {
            await job.result(for: Self.profile, portal: .none).summaryLines.joined(separator: "\n")
        }
        #expect(russian.hasPrefix("3000 чатов, 600 офлайн-заявок"), "\(russian)")
        #expect(russian.contains("новый лид на стадии IN_PROCESS + новая сделка, воронка 2, на стадии C2:NEW"), "\(russian)")
        #expect(russian.contains("Ничего: \(unticked)") && russian.contains("канал не отмечен"))
        await rig.stop()
    }

    @Test func liveLooksVisitorsUpFiftyARequestAndAgreesWithTheDryRun() async throws {
        let rig = try await Rig.start()
        let job = rig.job(live: true)
        let before = await rig.portal.requestCount
        let status = try await job.run()
        let requests = await rig.portal.requestCount - before
        let cost = await job.cost
        #expect(status.visitors > 50 && cost.lookupRequests == (status.visitors + 49) / 50)
        #expect(cost.singleLookups == 0 && requests == cost.requests, "\(cost)")
        #expect(cost.followUpRequests <= cost.lookupRequests)
        let facts = try #require(await job.facts)
        // The sandbox's clients, typed as visitors type: the bulk answer is the dry run's.
        let gatherer = FactGatherer(client: rig.client)
        for visitor in [
            RoutingEvent.Visitor(phone: "+7 (999) 123-45-67", email: "anna@example.ru"),
            RoutingEvent.Visitor(phone: "8-921-555-00-00"),
            RoutingEvent.Visitor(phone: "+78123334455", email: "info@romashka.ru"),
            RoutingEvent.Visitor(email: "GALINA@example.ru"),
        ] {
            let key = try #require(VisitorKey(visitor))
            let bulk = try #require(facts[key], "\(visitor)")
            let single = try await gatherer.gather(for: visitor)
            #expect(
                Set(bulk.entities.map { "\($0.kind)#\($0.id)#\($0.isClosed)" })
                    == Set(single.entities.map { "\($0.kind)#\($0.id)#\($0.isClosed)" }))
            #expect(!bulk.isEmpty)
        }
        let result = await job.result(for: Self.profile, portal: .none)
        let existing = result.items.filter { $0.outcome.category == .existing }
        #expect(!existing.isEmpty, "known clients' chats go into their records")
        #expect(existing.allSatisfy { $0.event.event.visitor.hasContactDetails })
        #expect(await rig.portal.comments.isEmpty, "a replay writes nothing")
        await rig.stop()
    }

    @Test func transcriptsAreReadOnlyWhenAskedACallPerChat() async throws {
        let rig = try await Rig.start()
        let day = ReportPeriod(from: TrafficReaderTests.endTime.adding(seconds: -86_400), till: TrafficReaderTests.endTime)
        let plain = ReplayJob(reader: TrafficReader(client: rig.dataAPI, period: day, kinds: [.chat]), gatherer: nil)
        _ = try await plain.run()
        #expect(await plain.events.allSatisfy { $0.event.text == nil })
        let before = await rig.emulator.callsByMethod["get.chat_messages_report"] ?? 0
        #expect(before == 0)
        let job = ReplayJob(
            reader: TrafficReader(client: rig.dataAPI, period: day, kinds: [.chat]), gatherer: nil, transcripts: true)
        let status = try await job.run()
        let events = await job.events
        #expect(!events.isEmpty && status.transcripts == events.count)
        #expect(await rig.emulator.callsByMethod["get.chat_messages_report"] == events.count)
        let traffic = await rig.emulator.seededTraffic()
        for replayed in events {
            let messages = traffic.messages[Int(replayed.id)!] ?? []
            let expected = messages.map { "\($0["source"]!): \($0["text"]!)" }.joined(separator: "\n")
            #expect(replayed.event.text == expected)
        }
        // Under "End chat" the transcript is the comment the chat's record gets.
        var profile = Self.profile
        profile.chats.createOn = .chatEnd
        let result = await job.result(for: profile, portal: .none)
        #expect(
            result.items.contains {
                $0.plan.actions.contains { if case .addComment(_, .transcriptAtEnd) = $0 { true } else { false } }
            })
        await rig.stop()
    }

    @Test func aVisitorWithTwentyMatchesIsLookedUpAlone() async throws {
        var data = SandboxData.demo
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        for i in 0..<25 {
            var lead = CRMRecord(kind: .lead, id: 1_000 + i, title: "Дубль \(i)", created: now.addingTimeInterval(Double(i)))
            lead.phones = ["+7 921 555-00-00"]
            lead.stage = "NEW"
            data.records.append(lead)
        }
        let portal = SandboxPortal(data: data)
        let base = try await portal.start()
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        let gatherer = BulkFactGatherer(client: PortalClient(domain: domain, webhook: webhook))
        let visitors =
            [RoutingEvent.Visitor(phone: "89215550000")]
            + (0..<10).map { RoutingEvent.Visitor(phone: "+971 50 000 \(1000 + $0)") }
        let (facts, cost) = try await gatherer.gather(visitors)
        #expect(cost.lookupRequests == 1 && cost.singleLookups == 1 && cost.followUpRequests == 2, "\(cost)")
        let viktor = try #require(facts[VisitorKey(visitors[0])!])
        #expect(viktor.fullKinds.contains(.lead), "the one-by-one look-up says more may exist")
        #expect(facts.count == 11 && facts.values.filter(\.isEmpty).count == 10)
        await portal.stop()
    }

    @Test func aComparisonNamesTheEventsThatChangeAndTheSettingResponsible() async throws {
        let rig = try await Rig.start()
        let job = rig.job(live: true)
        _ = try await job.run()
        let after = Self.profile
        var before = after
        before.chats.channels = ["7"]
        let comparison = ReplayComparison(
            before: await job.result(for: before, portal: .none), after: await job.result(for: after, portal: .none))
        let traffic = await rig.emulator.seededTraffic()
        let onWhatsApp = traffic.chats.count { "\($0["chat_channel_id"]!)" == "111" }
        #expect(comparison.changes.reduce(0) { $0 + $1.eventIDs.count } == onWhatsApp)
        #expect(
            comparison.changes.allSatisfy {
                $0.setting == SettingPath.chats.channels && $0.before == "nothing: channel not ticked"
            })
        let first = try #require(comparison.changes.first)
        #expect(
            first.line.contains(
                " chats: nothing: channel not ticked → new lead at IN_PROCESS + new deal in funnel 2 at C2:NEW, responsible user 1"
            ), "\(first.line)")
        #expect(first.line.hasSuffix("[Chats channels]"), "\(first.line)")
        let same = ReplayComparison(
            before: await job.result(for: after, portal: .none), after: await job.result(for: after, portal: .none))
        #expect(same.changes.isEmpty && same.lines == ["No difference: all 3600 events go the same way under both versions."])
        await rig.stop()
    }
}
