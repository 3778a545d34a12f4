import Foundation
import Sandbox
import SetupApp
import SetupModel
import TerminalUI
import Testing

/// The console's Replay screen at 80×24, headless: progress while the traffic is read, the
/// summary under the form, the events listed by outcome with the chosen one's plan and
/// reasons, what the unsaved changes change, and Esc stopping a running replay.
@Suite struct ReplayConsoleTests {
    func harness(_ emulator: DataAPIEmulator) async throws -> ConsoleHarness {
        let endpoint = try await emulator.start()
        return try await ConsoleHarness.make(
            profile: { p in
                p.callGear.dataAPIURL = endpoint
                p.callGear.dataAPIKey = Secret(emulator.key)
                p.integrationActive = true
            }, width: 80, height: 24)
    }

    @Test func progressSummaryEventsAndWhatTheChangesChange() async throws {
        let emulator = DataAPIEmulator()
        var h = try await harness(emulator)
        await h.settle()
        h.press(.character("8"))
        #expect(h.screen.contains("Period (the account's clock)") && h.screen.contains("Look visitors up in the portal"))
        h.focus("Look visitors up")
        h.press(.enter)
        h.focus("Replay")
        h.press(.enter)
        // One request at a time: the status line shows where the reading is.
        // The default period: the last 30 days of the sandbox's six weeks.
        let period = try #require(ReplayForm().period)
        let traffic = await emulator.seededTraffic()
        func inPeriod(_ rows: [SandboxTraffic.Row]) -> Int {
            rows.count { ReportTime($0["date_time"] as! String).map { period.from <= $0 && $0 <= period.till } ?? false }
        }
        let chats = inPeriod(traffic.chats)
        let requests = inPeriod(traffic.offlineRequests)
        await h.driver.complete("replay")
        let progress = h.driver.model.status.text
        #expect(progress.hasPrefix("[") && progress.contains("%  reading the reports: 1000 of \(chats)"), "\(progress)")
        #expect(progress.contains("Esc stops"))
        await h.settle()
        #expect(h.driver.model.status.text.hasPrefix("Replay done: \(chats + requests) events"), "\(h.driver.model.status.text)")
        #expect(h.screen.contains("\(chats) chats, \(requests) offline requests"), "\(h.screen)")
        #expect(h.screen.contains("lines 1–"), "the summary is a pane that scrolls")
        // Known clients' chats went into their records: the look-ups happened.
        let result = try #require(h.driver.model.replay.result)
        #expect(result.items.contains { $0.outcome.category == .existing })
        #expect(await h.portal.comments.isEmpty, "nothing written")

        // The events, filtered to the ones that come to nothing; the chosen one's reasons show.
        h.focus("Show")
        h.press(.right, .right, .right)
        #expect(h.focusedLine.contains("‹ nothing ›"), "\(h.focusedLine)")
        h.focus("Events")
        h.press(.enter)
        #expect(h.screen.contains("→ channel not ticked"), "\(h.screen)")
        #expect(!h.screen.contains("→ new lead"))
        h.press(.enter)
        let chosen = try #require(h.driver.model.workspace.replay.selected)
        #expect(h.driver.model.status.text.contains("plan and reasons are first in the pane"), "not “nothing to save”")
        let pane = h.driver.model.result?.paragraphs ?? []
        #expect(pane.contains("Why:") && pane.contains { $0.contains("is not ticked in \"Chats channels\"") }, "\(pane)")
        #expect(pane.contains { $0.contains(chosen) == false && $0.contains("→ channel not ticked") })

        // Tick the Telegram channel, unsaved: the comparison names the chats it brings in.
        h.press(.character("2"))
        h.focus("Chats channels")
        h.press(.enter)
        h.type("Telegram")
        h.press(.character(" "), .enter)
        #expect(h.driver.model.profile.chats.channels.contains("35"), "\(h.screen)")
        h.press(.character("8"))
        h.focus("What my unsaved changes change")
        h.press(.enter)
        await h.settle()
        let compared = h.driver.model.result?.paragraphs.joined(separator: "\n") ?? ""
        #expect(compared.contains("What the unsaved changes change:"), "\(compared)")
        #expect(compared.contains("chats: nothing: channel not ticked → "), "\(compared)")
        #expect(compared.contains("[Chats channels]"))
        #expect(await emulator.callsByMethod["get.chats_report"] == 3, "the traffic was read once and planned twice")
        await emulator.stop()
        await h.stop()
    }

    @Test func escStopsARunningReplayAndBadDatesSayWhat() async throws {
        let emulator = DataAPIEmulator()
        var h = try await harness(emulator)
        await h.settle()
        h.press(.character("8"))
        h.fill("From", "2026-02-30")
        h.focus("Replay")
        h.press(.enter)
        #expect(h.driver.model.status.text.contains("The period is not readable"), "\(h.driver.model.status.text)")
        h.fill("From", ReportTime(Date()).adding(seconds: -20 * 86_400).day)
        h.focus("Replay")
        h.press(.enter)
        await h.driver.complete("replay")
        #expect(h.driver.model.status.text.contains("reading the reports"))
        h.press(.escape)
        #expect(h.driver.model.status.text == "Replay stopped")
        await h.settle()
        #expect(h.driver.model.replay.result == nil, "a stopped replay leaves no half result")
        #expect(h.driver.model.section == .replay)
        await emulator.stop()
        await h.stop()
    }
}
