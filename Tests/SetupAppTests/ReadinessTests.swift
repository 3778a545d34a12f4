import AccountAccess
import Bitrix24
import CallGearAPI
import Foundation
import PortalRouting
import ProfileStore
import Sandbox
import SetupApp
import SetupModel
import TestSupport
import Testing
import Transport

/// The readiness check against the sandbox portal and Data API emulator over loopback, with
/// a real store: every line of the checklist both ways — ✓ on a sound set-up, ✗ or ⚠ where
/// the portal or the CallGear account would stop a chat from reaching the CRM.
@Suite struct ReadinessTests {
    struct Setup {
        let portal: SandboxPortal
        let dataAPI: DataAPIEmulator
        let store: ProfileStore
        let account: Account
        let folder: TemporaryFolder
        var profile: Profile

        func run() async throws -> ReadinessRun.Outcome {
            try await ReadinessRun.run(
                profile, account: account, store: store, timeouts: Timeouts(connectMs: 5_000, totalMs: 30_000)
            ) { _ in }
        }

        func stop() async {
            await portal.stop()
            await dataAPI.stop()
        }
    }

    /// Chats on WhatsApp 111 for Анна Соколова (5); first contact: a lead at «В работе» and a
    /// deal in funnel 2 at «Новая»; UTM_SOURCE mapped into the lead.
    static func setUp(_ configure: (inout SandboxPortal.Faults) -> Void = { _ in }) async throws -> Setup {
        let portal = SandboxPortal()
        var faults = SandboxPortal.Faults()
        configure(&faults)
        await portal.setFaults(faults)
        let base = try await portal.start()
        let dataAPI = DataAPIEmulator()
        let endpoint = try await dataAPI.start()
        let folder = TemporaryFolder("cgs-readiness")
        let store = try ProfileStore(path: folder.path + "/store.sqlite")
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        let account = Account(name: "Sandbox", domain: domain, authorization: .webhook(webhook))
        try store.addAccount(account)
        var profile = Profile(name: "ready", region: .dubai, account: domain.description)
        profile.callGear.channels = [ChatChannel(id: "111", name: "WhatsApp Web 111", type: "whatsapp")]
        profile.callGear.dataAPIKey = Secret(dataAPI.key)
        profile.callGear.dataAPIURL = endpoint
        profile.chats = CommunicationSettings(enabled: true, channels: ["111"], defaultResponsible: "5")
        profile.chats.firstContact = ContactHandling(
            create: [.lead, .deal],
            funnels: FunnelSettings(
                applyCustomStages: true, defaults: StageTarget(leadStage: "IN_PROCESS", dealCategory: "2", dealStage: "C2:NEW")))
        profile.other.fieldMappingEnabled = true
        profile.other.fieldMappings = [FieldMapping(source: "utm_source", entity: .lead, field: "UTM_SOURCE")]
        return Setup(portal: portal, dataAPI: dataAPI, store: store, account: account, folder: folder, profile: profile)
    }

    func line(_ outcome: ReadinessRun.Outcome, _ subject: String) -> [ReadinessCheck.Line] {
        outcome.lines.filter { $0.subject == subject }
    }

    @Test func aSoundSetUpPassesEveryCheckInTwoRequests() async throws {
        let s = try await Self.setUp()
        await s.portal.setOpenLines([SandboxData.OpenLine(id: 1, name: "Сайт", crmCreate: nil)])
        let outcome = try await s.run()
        #expect(!outcome.hasFailures, "\(outcome.lines.map(\.display))")
        #expect(outcome.portalRequests <= 2)
        #expect(line(outcome, "chats.defaultResponsible").first?.text == "Анна Соколова (user 5) is an active employee")
        #expect(line(outcome, "chats.firstContact.funnels.defaults").map(\.status) == [.ok, .ok])
        #expect(line(outcome, "other.fieldMappings[0]").first?.status == .ok)
        #expect(line(outcome, "portal: CRM mode").first?.status == .ok)
        #expect(line(outcome, "portal: webhook user").first?.status == .ok)
        #expect(line(outcome, "portal: Open Channels").first?.status == .ok)
        #expect(line(outcome, "portal: operating time").first?.status == .ok)
        #expect(line(outcome, "chats.channels").first?.text == "the channel «WhatsApp Web 111» (111) is active in CallGear")
        // With the lists cached, the check is one request.
        let before = await s.portal.requestCount
        _ = try await s.run()
        #expect(await s.portal.requestCount - before == 1)
        await s.stop()
    }

    @Test func everyObstacleIsFoundWithItsFix() async throws {
        var s = try await Self.setUp { faults in
            faults.admin = false
            faults.operatingSeconds = 300
        }
        await s.portal.setCRMMode(2)
        await s.portal.setMandatoryFields(["lead": ["UF_CRM_1700000003"]])
        await s.portal.setOpenLines([SandboxData.OpenLine(id: 2, name: "Чат на сайте", crmCreate: "lead")])
        var faults = DataAPIEmulator.Faults()
        faults.channelStatus = [111: "inactive"]
        await s.dataAPI.setFaults(faults)
        s.profile.chats.responsibleRules = ["17", "81", "82", "999"].map {
            ResponsibleRule(condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, ["x"])])]), responsible: $0)
        }
        s.profile.chats.firstContact.funnels.rules = [
            FunnelRule(
                condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, ["a"])])]),
                target: StageTarget(leadStage: "CONVERTED", dealCategory: "2", dealStage: "C2:WON")),
            FunnelRule(
                condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, ["b"])])]),
                target: StageTarget(leadStage: "NOPE", dealCategory: "2", dealStage: "C3:NEW")),
            FunnelRule(
                condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, ["c"])])]),
                target: StageTarget(leadStage: "NEW", dealCategory: "9", dealStage: "C9:NEW")),
        ]
        s.profile.other.fieldMappings += [
            FieldMapping(source: "visitor_name", entity: .lead, field: "ID"),
            FieldMapping(source: "visitor_name", entity: .deal, field: "ASSIGNED_BY_ID"),
            FieldMapping(source: "visitor_name", entity: .deal, field: "UF_CRM_NOT_THERE"),
        ]
        s.profile.chats.channels = ["111", "77"]
        let outcome = try await s.run()
        let text = outcome.lines.map(\.display).joined(separator: "\n")
        #expect(outcome.hasFailures)
        func has(_ status: ReadinessCheck.Status, _ subject: String, _ words: String) {
            #expect(
                outcome.lines.contains { $0.status == status && $0.subject == subject && $0.text.contains(words) }, "\(text)")
        }
        has(.failure, "chats.responsibleRules[0]", "is deactivated")
        has(.failure, "chats.responsibleRules[1]", "extranet user, not an employee")
        has(.failure, "chats.responsibleRules[2]", "invited but never signed in")
        has(.failure, "chats.responsibleRules[3]", "user 999 does not exist")
        has(.failure, "chats.firstContact.funnels.rules[0]", "lead stage «Качественный лид» is a final stage")
        has(.failure, "chats.firstContact.funnels.rules[0]", "deal stage «Сделка успешна» is a final stage")
        has(.failure, "chats.firstContact.funnels.rules[1]", "lead stage NOPE does not exist")
        has(
            .failure, "chats.firstContact.funnels.rules[1]",
            "deal stage C3:NEW belongs to funnel Опт (3), not to funnel Повторные продажи (2)")
        has(.failure, "chats.firstContact.funnels.rules[2]", "funnel 9 does not exist")
        has(.failure, "other.fieldMappings[1]", "is read-only")
        has(.failure, "other.fieldMappings[2]", "is of type user")
        has(.failure, "other.fieldMappings[3]", "does not exist on the portal")
        has(.failure, "portal: lead field UF_CRM_1700000003", "requires the lead field «Тип клиента»")
        has(.failure, "portal: CRM mode", "simple CRM mode")
        has(.warning, "portal: webhook user", "not an administrator")
        has(.warning, "portal: Open Channel «Чат на сайте»", "also creates lead from chats")
        has(.warning, "portal: operating time", "300 s of the 480 s")
        has(.failure, "chats.channels", "«WhatsApp Web 111» (111) is inactive in CallGear")
        has(.failure, "chats.channels", "the channel 77 no longer exists")
        #expect(outcome.lines.filter { $0.status == .failure }.allSatisfy { $0.fix != nil }, "every ✗ says what to do")
        await s.stop()
    }

    @Test func withoutTheScopeOrAKeyItSaysWhatItCouldNotCheck() async throws {
        var s = try await Self.setUp()
        s.profile.callGear.dataAPIKey = nil
        let outcome = try await s.run()
        #expect(
            line(outcome, "portal: Open Channels").first?.text
                == "could not check Open Channels: the scope imopenlines is missing")
        #expect(line(outcome, "callGear.dataAPIKey").first?.status == .warning)
        await s.stop()
    }

    /// The console runs the same check from the Accounts screen and lists its lines there.
    @Test func theConsoleShowsTheReportOnTheAccountsScreen() async throws {
        var h = try await ConsoleHarness.make {
            $0.chats.responsibleRules = [
                ResponsibleRule(
                    condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, ["x"])])]), responsible: "81")
            ]
        }
        await h.settle()
        h.press(.character("1"))
        h.focus("Check readiness")
        h.press(.enter)
        await h.settle()
        #expect(h.screen.contains("Readiness:") && h.screen.contains("✗ — fix the ✗ lines"), "\(h.screen)")
        #expect(h.driver.model.readiness.contains { $0.hasPrefix("✓ Анна Соколова (user 5) is an active employee") })
        #expect(h.driver.model.readiness.contains { $0.hasPrefix("✗ Внешний Подрядчик (user 81) is an extranet user") })
        await h.stop()
    }
}
