import Foundation
import Sandbox
import SetupApp
import SetupModel
import TerminalUI
import TestSupport
import Testing

/// Whole console screens at fixed sizes, compared with text snapshots (the README's
/// captures come from these files). `SNAPSHOT_UPDATE=1 swift test` rewrites them.
@Suite struct ConsoleSnapshotTests {
    static let folder = SnapshotFolder(
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots").path)

    static func assert(_ buffer: Buffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        folder.assert(buffer.snapshot + "\n", named: name, sourceLocation: sourceLocation)
    }

    static func demoLike(_ p: inout Profile) {
        p.chats.responsibleRules = [
            ResponsibleRule(
                condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, ["example.ae"])])]), responsible: "7")
        ]
        p.chats.firstContact = ContactHandling(
            create: [.lead, .deal],
            funnels: FunnelSettings(
                applyCustomStages: true,
                rules: [
                    FunnelRule(
                        condition: Condition(anyOf: [
                            ConditionGroup(allOf: [Clause(.chatChannelName, .allow, ["WhatsApp Web 111"])])
                        ]),
                        target: StageTarget(leadStage: "IN_PROCESS", dealCategory: "2", dealStage: "C2:NEW"))
                ], defaults: StageTarget(leadStage: "NEW", dealCategory: "0", dealStage: "NEW")))
        p.integrationActive = true
    }

    @Test func chatsAt80x24() async throws {
        var h = try await ConsoleHarness.make(profile: Self.demoLike, width: 80, height: 24)
        await h.settle()
        Self.assert(h.driver.frame, named: "console-chats-80x24")
        await h.stop()
    }

    @Test func funnelsAt120x40() async throws {
        var h = try await ConsoleHarness.make(profile: Self.demoLike, width: 120, height: 40)
        await h.settle()
        h.press(.character("4"))
        h.press(.function(3))
        Self.assert(h.driver.frame, named: "console-funnels-120x40")
        await h.stop()
    }

    @Test func simulateResultAt80x24() async throws {
        var h = try await ConsoleHarness.make(profile: Self.demoLike, width: 80, height: 24)
        await h.settle()
        h.press(.character("7"))
        h.focus("Preview")
        h.press(.enter)
        await h.settle()
        h.press(.pageDown)
        Self.assert(h.driver.frame, named: "console-simulate-80x24")
        await h.stop()
    }

    /// Replay after a live run over a fixed month of the sandbox's traffic (its end pinned, so
    /// the counts are the same on every run): the summary under the form.
    @Test func replayAt80x24() async throws {
        let emulator = DataAPIEmulator(trafficEnd: Date(timeIntervalSince1970: 1_764_460_800))
        let endpoint = try await emulator.start()
        var h = try await ConsoleHarness.make(
            profile: { p in
                Self.demoLike(&p)
                p.callGear.dataAPIURL = endpoint
                p.callGear.dataAPIKey = Secret(emulator.key)
            }, width: 80, height: 24)
        await h.settle()
        h.press(.character("8"))
        h.fill("From", "2025-11-01")
        h.fill("To", "2025-11-30")
        h.focus("Look visitors up")
        h.press(.enter)
        h.focus("Replay")
        h.press(.enter)
        await h.settle()
        Self.assert(h.driver.frame, named: "console-replay-80x24")
        await emulator.stop()
        await h.stop()
    }

    @Test func onboardingStepAt80x24() async throws {
        var h = try await ConsoleHarness.make(onboarding: true, width: 80, height: 24)
        await h.settle()
        h.focus("Profile name")
        h.press(.enter)
        h.type("acme-dubai")
        h.press(.enter, .pageDown)
        Self.assert(h.driver.frame, named: "console-onboarding-80x24")
        await h.stop()
    }

    /// The same screens in Russian (the README shows both languages).
    @Test func chatsAt80x24InRussian() async throws {
        try await Language.$override.withValue(.ru) {
            var h = try await ConsoleHarness.make(profile: Self.demoLike, width: 80, height: 24)
            await h.settle()
            h.press(.character("2"))
            h.focus("Ответственный за чаты")
            Self.assert(h.driver.frame, named: "console-chats-80x24-ru")
            await h.stop()
        }
    }

    @Test func simulateResultAt80x24InRussian() async throws {
        try await Language.$override.withValue(.ru) {
            var h = try await ConsoleHarness.make(profile: Self.demoLike, width: 80, height: 24)
            await h.settle()
            h.press(.character("7"))
            h.focus("Предпросмотр")
            h.press(.enter)
            await h.settle()
            h.press(.pageDown)
            Self.assert(h.driver.frame, named: "console-simulate-80x24-ru")
            await h.stop()
        }
    }
}
