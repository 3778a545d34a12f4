import Foundation
import TestSupport
import Testing

/// The release binary's console on a real terminal (tmux), against a sandbox portal in
/// its own process, with a private HOME: keys in, screens read, and what was saved checked
/// through `profile export`.
@Suite(.serialized) struct ConsoleEndToEndTests {
    /// `make test` builds it first; `swift test` alone needs
    /// `swift build -c release --product callgear-setup`.
    static var binary: String? {
        if let given = ProcessInfo.processInfo.environment["CGS_CONSOLE_BINARY"] { return given }
        let release = CLIRunner.repositoryRoot + "/.build/release/callgear-setup"
        return FileManager.default.isExecutableFile(atPath: release) ? release : nil
    }

    func console(
        _ cli: CLIRunner, _ args: [String], width: Int = 100, height: Int = 30, environment: String = "LANG=C.UTF-8"
    ) throws -> TmuxSession {
        guard let binary = Self.binary else {
            Issue.record("no release binary: run `swift build -c release --product callgear-setup` (make test does)")
            throw POSIXError(.ENOENT)
        }
        let command =
            "env -i HOME=\(cli.folder) PATH=/usr/bin:/bin TERM=xterm-256color \(environment) \(binary) \(args.joined(separator: " ")) --store \(cli.store); echo EXIT=$?"
        return try TmuxSession(command: command, width: width, height: height)
    }

    /// Moves the focus to the row whose line contains `label`.
    func focus(_ s: TmuxSession, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for direction in ["Down", "Up"] {
            for _ in 0..<30 {
                if try s.cursorLine().contains(label) { return }
                try s.keys(direction)
                usleep(40_000)
            }
        }
        Issue.record("no row “\(label)”:\n\(try s.screen())", sourceLocation: sourceLocation)
    }

    /// Focuses the row and presses Enter on it.
    func choose(_ s: TmuxSession, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try focus(s, label, sourceLocation: sourceLocation)
        try s.keys("Enter")
    }

    /// Types into the focused text field and keeps the text.
    func fill(_ s: TmuxSession, _ label: String, _ text: String) throws {
        try choose(s, label)
        try s.waitFor("EnterKeep")
        try s.keys("C-u")
        try s.literal(text)
        try s.keys("Enter")
        try s.waitFor("F1Help")
    }

    func escape(_ s: TmuxSession) throws {
        try s.keys("Escape")
        usleep(150_000)
    }

    @Test func dubaiOnboardingWithKeysOnlyThenExport() throws {
        let cli = CLIRunner()
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo")
        defer { portal.stop() }
        let domain = String(portal.webhook.split(separator: "/rest/")[0])
        let s = try console(cli, ["onboard", "--region", "dubai"])
        try s.waitFor("Step 1 of 10 — Region and profile")
        try s.waitFor("https://go.callgear.ae/login")
        try fill(s, "Profile name", "acme-dubai")
        try s.keys("NPage")
        try s.waitFor("Step 2 of 10 — Connect the portal")
        try s.waitFor("\"CallGear UAE\"")
        // Cyrillic in a name field.
        try fill(s, "Name", "Портал Дубай")
        try s.waitFor("Портал Дубай")
        try fill(s, "Bitrix24 portal domain", domain)
        try fill(s, "Webhook URL", portal.webhook)
        try choose(s, "Save account")
        try s.waitFor("Step 3 of 10 — Verify connection")
        try s.waitFor("as user 1 (administrator)")
        try s.keys("NPage")
        try s.waitFor("Step 4 of 10 — Chats")
        try choose(s, "Enable chats")
        try choose(s, "CallGear channels")
        try s.waitFor("Add channel")
        try s.keys("a")
        try s.waitFor("Channel 1")
        try fill(s, "ID", "111")
        try fill(s, "Name", "WhatsApp Web 111")
        try escape(s)
        try escape(s)
        try s.waitFor("Step 4 of 10 — Chats")
        try choose(s, "Chats channels")
        try s.waitFor("0 selected")
        try s.keys("Space")
        try s.waitFor("1 selected")
        try s.keys("Enter")
        try choose(s, "Default chat responsible")
        try s.literal("Мария")
        try s.waitFor("filter: Мария")
        try s.keys("Enter")
        for step in 5...9 {
            try s.keys("NPage")
            try s.waitFor("Step \(step) of 10")
        }
        try s.waitFor("No problems")
        try s.keys("NPage")
        try s.waitFor("Step 10 of 10 — Integration is active")
        try choose(s, "Integration is active")
        try s.waitFor("[■] Integration is active")
        try choose(s, "Save")
        try s.waitFor("Saved acme-dubai as version 1 — Integration is active")
        try s.keys("F10")
        try s.waitFor("EXIT=0")

        let exported = try cli.run(["profile", "export", "acme-dubai"])
        #expect(exported.code == 0, "\(exported.err)")
        let json = exported.out
        #expect(json.contains("\"integrationActive\" : true"))
        #expect(json.contains("\"region\" : \"dubai\""))
        #expect(json.contains("\"name\" : \"Портал Дубай\""))
        #expect(json.contains("\"account\" : \"\(domain)\""))
        #expect(json.contains("\"channels\" : [\n        \"111\"\n      ]"), "\(json)")
    }

    /// The Latvia example profile: a funnel rule and a responsible rule added with keys,
    /// a resize while typing, a save, then quitting with unsaved changes.
    @Test func latviaFunnelRulesResponsibleFilterResizeAndQuitUnsaved() throws {
        let cli = CLIRunner()
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo")
        defer { portal.stop() }
        let domain = try cli.addAccount(portal, name: "Latvia")
        try cli.importExample("profile-latvia.json", replacing: "https://callgeartest.bitrix24.ru", with: domain)

        let s = try console(cli, ["--profile", "demo-latvia"])
        try s.waitFor("● live")
        try s.keys("4")
        try s.waitFor("Status filter for first client contact")
        try choose(s, "Filter of chat funnels")
        try s.waitFor("1. Chat channel name = WhatsApp Web 111")
        try s.keys("a")
        try s.waitFor("Funnel rule 2")
        try choose(s, "Stage filter")
        try choose(s, "Add condition")
        try s.waitFor("Condition 1.1")
        try focus(s, "Param")
        try s.keys("Right", "Right")
        try s.waitFor("‹ Site ›")
        try choose(s, "Value")
        try s.literal("shop.lv")
        try s.keys("C-n")
        try s.waitFor("1 selected")
        try s.keys("Enter")
        try escape(s)
        try escape(s)
        try s.waitFor("Funnel rule 2")
        try choose(s, "Lead status")
        try s.literal("Обработан")
        // "Не обработан" matches too and comes first: take the second.
        try s.waitFor("2/5")
        try s.keys("Down", "Enter")
        try choose(s, "Deal category")
        try s.literal("Опт")
        try s.keys("Enter")
        try choose(s, "Deal stage")
        try s.waitFor("C3:NEW")
        try s.keys("Enter")
        try escape(s)
        try s.waitFor("2. Site = shop.lv")
        // Rules apply in order: move the new one first.
        try focus(s, "2. Site = shop.lv")
        try s.keys("[")
        try s.waitFor("1. Site = shop.lv")

        // The responsible filter, with a resize while typing the condition's value.
        try s.keys("Escape")
        usleep(150_000)
        try s.keys("2")
        try s.waitFor("Chat responsible filter")
        try choose(s, "Chat responsible filter")
        try s.keys("a")
        try s.waitFor("Responsible rule 2")
        try choose(s, "Responsible")
        try s.literal("Ольга")
        try s.resize(120, 34)
        try s.waitFor("filter: Ольга")
        try s.resize(100, 30)
        try s.keys("Enter")
        try choose(s, "Condition")
        try choose(s, "Add condition")
        try choose(s, "Value")
        try s.literal("Рига")
        try s.resize(90, 26)
        try s.waitFor("filter: Рига")
        try s.keys("C-n", "Enter")
        try s.resize(100, 30)
        try escape(s)
        try escape(s)
        try escape(s)
        try s.waitFor("2. Chat channel name = Рига")
        try s.keys("C-s")
        try s.waitFor("Saved demo-latvia as version 2")

        // Quit with unsaved changes: asked, and discarding leaves the store as saved.
        try s.keys("C-t")
        try s.waitFor("[■] Integration is active")
        try s.keys("F10")
        try s.waitFor("Unsaved changes")
        try s.keys("d")
        try s.waitFor("EXIT=0")

        let json = try cli.run(["profile", "export", "demo-latvia"]).out
        #expect(json.contains("\"integrationActive\" : false"))
        let rules = try #require(json.range(of: "\"rules\" : ["))
        let firstRule = json[rules.upperBound...].prefix(600)
        #expect(firstRule.contains("\"shop.lv\""), "\(firstRule)")
        #expect(
            firstRule.contains("\"leadStage\" : \"PROCESSED\"") && firstRule.contains("\"dealStage\" : \"C3:NEW\""),
            "\(firstRule)")
        #expect(json.contains("\"Рига\""))
        let history = try cli.run(["profile", "history", "demo-latvia"]).out
        #expect(history.contains("chats.firstContact.funnels.rules, chats.responsibleRules"), "\(history)")
    }

    @Test func aPortalThatFailsInTheMiddleOfLoading() throws {
        let cli = CLIRunner()
        let portal = try PortalCommandTests.SandboxProcess(seed: "large", extra: ["--fail-after", "1", "--latency-ms", "300"])
        defer { portal.stop() }
        let domain = String(portal.webhook.split(separator: "/rest/")[0])
        #expect(try cli.run(["account", "add", "--domain", domain, "--webhook-stdin"], stdin: portal.webhook + "\n").code == 0)
        #expect(try cli.run(["profile", "create", "big", "--region", "latvia", "--account", domain]).code == 0)
        let s = try console(cli, ["--profile", "big"])
        try s.waitFor("loading lists")
        // Keys work while it loads.
        try s.keys("3")
        try s.waitFor("For first contact inquiries")
        try s.waitFor("✗ unreachable")
        try s.waitFor("Lists not loaded: the portal answered HTTP 503")
        try s.keys("2")
        try choose(s, "Default chat responsible")
        try s.waitFor("could not be loaded")
        try s.keys("C-q")
        try s.waitFor("EXIT=0")
    }

    /// Profile "drop" (version 1) edited in the console — "Add data to closed" switched on —
    /// and the session dropped (SIGHUP): a draft made from version 1.
    func leaveADraft(_ cli: CLIRunner) throws {
        #expect(try cli.run(["account", "add", "--domain", "http://127.0.0.1:9", "--name", "Offline"]).code == 0)
        #expect(try cli.run(["profile", "create", "drop", "--region", "dubai", "--account", "http://127.0.0.1:9"]).code == 0)
        let s = try console(cli, ["--profile", "drop"])
        try s.waitFor("F10Quit")
        try s.keys("6")
        try s.waitFor("Add data to closed leads/deals")
        try choose(s, "Add data to closed leads/deals")
        try s.waitFor("drop*")
        #expect(kill(try s.programPID(), SIGHUP) == 0)
        try s.waitFor("EXIT=")
    }

    /// An SSH drop: SIGHUP keeps the edits as a draft, and the next start offers them.
    @Test func hangupKeepsADraftOfferedOnTheNextStart() throws {
        let cli = CLIRunner()
        try leaveADraft(cli)

        let again = try console(cli, ["--profile", "drop"])
        try again.waitFor("Unsaved draft")
        try again.keys("r")
        try again.waitFor("Draft restored")
        try again.keys("C-s")
        try again.waitFor("Saved drop as version 2")
        try again.keys("C-q")
        try again.waitFor("EXIT=0")
        #expect(try cli.run(["profile", "export", "drop"]).out.contains("\"addToClosed\" : true"))
    }

    /// A draft made from version 1 restored after someone saved version 2: saving it meets
    /// the same conflict view as two live consoles, and nothing of theirs is overwritten.
    @Test func aRestoredDraftMeetsTheConflictCheck() throws {
        let cli = CLIRunner()
        try leaveADraft(cli)

        // Another operator saves version 2 meanwhile.
        let exported = try cli.run(["profile", "export", "drop"])
        let theirs = cli.write(
            "theirs.json", exported.out.replacingOccurrences(of: "\"name\" : \"Offline\"", with: "\"name\" : \"Offline\""))
        let replaced = try cli.run(["profile", "import", theirs, "--replace"])
        #expect(replaced.code == 0, "\(replaced.err)")
        #expect(replaced.err.contains("version 2"))

        let again = try console(cli, ["--profile", "drop"])
        try again.waitFor("Unsaved draft")
        try again.keys("r")
        try again.waitFor("made from version 1, but version 2 was saved since")
        try again.keys("C-s")
        let conflict = try again.waitFor("Another operator saved this profile")
        #expect(conflict.contains("other.addToClosed"), "\(conflict)")
        try again.keys("r")
        try again.waitFor("Reloaded version 2")
        try again.keys("C-q")
        try again.waitFor("EXIT=0")
        #expect(try cli.run(["profile", "export", "drop"]).out.contains("\"addToClosed\" : false"))
        #expect(try cli.run(["profile", "history", "drop"]).out.split(separator: "\n").count == 3, "no version 3")
    }

    /// The readiness check from the Accounts screen of the demo, on the release binary.
    @Test func theReadinessReportOnTheAccountsScreen() throws {
        let cli = CLIRunner()
        let s = try console(cli, ["demo"], width: 100, height: 30)
        try s.waitFor("● live")
        try s.keys("1")
        try choose(s, "Check readiness")
        let screen = try s.waitFor("Readiness:", seconds: 10)
        #expect(screen.contains("✓ ") && screen.contains("is an active employee"), "\(screen)")
        try s.keys("F10")
        try s.waitFor("EXIT=0")
    }

    /// `demo --store PATH` run twice keeps what the operator saved in the first run.
    @Test func aKeptDemoStoreKeepsTheOperatorsEdits() throws {
        let cli = CLIRunner()
        let first = try console(cli, ["demo"])
        try first.waitFor("● live")
        try first.keys("6")
        try focus(first, "Add data to closed leads/deals")
        let before = try first.cursorLine()
        try first.keys("Enter")
        try first.waitFor("demo-dubai*")
        try first.keys("C-s")
        try first.waitFor("Saved demo-dubai")
        try first.keys("C-q")
        try first.waitFor("EXIT=0")
        let saved = try cli.run(["profile", "export", "demo-dubai"]).out
        #expect(saved.contains("\"addToClosed\" : \(before.contains("[x]") ? "false" : "true")"), "\(saved)")

        let second = try console(cli, ["demo"])
        try second.waitFor("● live")
        try second.keys("C-q")
        try second.waitFor("EXIT=0")
        let again = try cli.run(["profile", "export", "demo-dubai"]).out
        #expect(again.contains("\"addToClosed\" : \(before.contains("[x]") ? "false" : "true")"), "the edit survived: \(again)")
    }

    /// Replay on the demo at 80×24: the last 30 days of the sandbox's traffic read and looked
    /// up, the summary under the form, an event chosen from the list with its reasons, and Esc
    /// stopping a run.
    @Test func theDemoReplaysItsTrafficAt80x24() throws {
        let cli = CLIRunner()
        let s = try console(cli, ["demo"], width: 80, height: 24)
        try s.waitFor("● live")
        try s.keys("8")
        try s.waitFor("Period (the account's clock)")
        try choose(s, "Look visitors up")
        try s.waitFor("[x] on")
        try choose(s, "Replay  ")
        let screen = try s.waitFor("Replay done:", seconds: 30)
        #expect(screen.contains("chats,") && screen.contains("offline requests"), "\(screen)")
        #expect(screen.contains("Result — lines 1–") || screen.contains("Replay — lines 1–"), "\(screen)")
        try choose(s, "Events  ")
        try s.waitFor("→ ")
        try s.keys("Enter")
        // The chosen event comes first in the pane: its plan, then (a page down) its reasons.
        var seen = try s.waitFor("Plan:")
        for _ in 0..<6 where !seen.contains("Why:") {
            try s.keys("NPage")
            usleep(80_000)
            seen += try s.screen()
        }
        #expect(seen.contains("Why:"), "\(seen)")
        // Back from the pane (the row search above may have gone down into it) to the form.
        if try s.screen().contains("↑↓ PgUp/PgDn Home/End") { try escape(s) }
        try s.keys("Home")  // the first field, From: a row search downwards would enter the pane
        try s.waitFor("Period (the account's clock)")
        usleep(200_000)
        // Esc stops a running replay; a new period must be read again.
        try fill(s, "From", "2026-01-01")
        try choose(s, "Replay  ")
        try s.keys("Escape")
        try s.waitFor("Replay stopped")
        try s.keys("F10")
        try s.waitFor("EXIT=0")
    }

    @Test func theDemoOpensOnTheSandboxWithLiveLists() throws {
        let cli = CLIRunner()
        let s = try console(cli, ["demo"], width: 100, height: 30)
        try s.waitFor("● live")
        let screen = try s.waitFor("Integration is active")
        #expect(screen.contains("demo-dubai"))
        try s.keys("7")
        try s.waitFor("Sample event")
        try choose(s, "Dry run on the portal")
        try s.waitFor("The portal knows:")
        try s.keys("F10")
        try s.waitFor("EXIT=0")
    }
}
