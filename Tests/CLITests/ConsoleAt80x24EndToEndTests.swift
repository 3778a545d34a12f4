import Foundation
import TestSupport
import Testing

/// The release binary at 80×24 on a real terminal, as an operator over SSH sees it: the
/// whole Simulate result read by scrolling, a user's name in the plan, a hint read whole,
/// Quit on the key bar at 72×20, a filtered list ticked with Space, `q` asking first.
@Suite(.serialized) struct ConsoleAt80x24EndToEndTests {
    let e2e = ConsoleEndToEndTests()

    /// The text inside a pop-up's frame, its lines joined.
    static func paneText(_ screen: String) -> String {
        screen.split(separator: "\n").compactMap { line -> String? in
            guard let first = line.firstIndex(of: "│"), let last = line.lastIndex(of: "│"), first < last else { return nil }
            return line[line.index(after: first)..<last].trimmingCharacters(in: .whitespaces)
        }.joined(separator: " ")
    }

    @Test func theWholeDryRunIsReadByScrollingWithNames() throws {
        let cli = CLIRunner()
        let s = try e2e.console(cli, ["demo"], width: 80, height: 24)
        try s.waitFor("● live")
        try s.keys("7")
        try s.waitFor("Sample event")
        try e2e.choose(s, "Dry run on the portal")
        let first = try s.waitFor("Result — lines 1–")
        // A user by name, not by ID.
        var seen = first
        for _ in 0..<15 {
            try s.keys("NPage")
            usleep(60_000)
            seen += try s.screen()
        }
        #expect(seen.contains("Why:"), "\(seen)")
        // A user by name, the ID beside it (a wrapped line may split the ID off).
        #expect(seen.range(of: #"[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+\s+\(user"#, options: .regularExpression) != nil, "\(seen)")
        let last = try s.screen()
        #expect(!last.contains("Result — lines 1–"), "PgDn scrolled: \(last)")
        // Back to the top with ↓ into the pane and Home.
        try e2e.focus(s, "Apply as a test")
        try s.keys("F10")
        try s.waitFor("EXIT=0")
    }

    @Test func aHintIsReadWholeAndQuitStaysOnTheKeyBar() throws {
        let cli = CLIRunner()
        let s = try e2e.console(cli, ["demo"], width: 80, height: 24)
        try s.waitFor("● live")
        try s.keys("6")
        try s.waitFor("Filter enable")
        try e2e.focus(s, "Add data to closed leads/deals")
        try s.keys("F3")
        let pane = try s.waitFor("По-русски")
        #expect(
            Self.paneText(pane).contains(
                "Open and closed found: the latest open one gets the comment. All closed and nothing to create: the latest closed one."
            ), "\(pane)")
        try s.keys("Escape")
        try s.resize(72, 20)
        let small = try s.waitFor("F10Quit")
        #expect(small.contains("F1Help"))
        try s.keys("F10")
        try s.waitFor("EXIT=0")
    }

    @Test func spaceTicksInAFilteredListAndQAsks() throws {
        let cli = CLIRunner()
        let s = try e2e.console(cli, ["demo"], width: 80, height: 24)
        try s.waitFor("● live")
        try e2e.choose(s, "Chats channels")
        try s.waitFor("selected")
        try s.literal("Tele")
        try s.waitFor("filter: Tele")
        try s.keys("Space")
        try s.waitFor("[x] Telegram")
        try s.keys("Enter")
        try s.waitFor("Telegram")
        // Something is unsaved: q asks instead of quitting.
        try s.keys("q")
        try s.waitFor("Unsaved changes")
        try s.keys("d")
        try s.waitFor("EXIT=0")
    }

    /// State bugs a new operator hit, on the real terminal: Esc leaves the onboarding after
    /// asking; editing the Simulate sample does not claim the profile changed; a field that
    /// cannot take the source is refused with the reason; Ctrl-C asks like F10.
    @Test func stateBugsOnTheRealTerminal() throws {
        let cli = CLIRunner()
        let onboarding = try e2e.console(cli, ["onboard", "--region", "dubai"], width: 80, height: 24)
        try onboarding.waitFor("Step 1 of 10")
        try onboarding.keys("Escape")
        usleep(150_000)
        try onboarding.keys("Escape")
        try onboarding.waitFor("Leave the onboarding?")
        try onboarding.keys("l")
        try onboarding.waitFor("Onboarding left")
        try onboarding.keys("F10")
        try onboarding.waitFor("Unsaved changes")
        try onboarding.keys("d")
        try onboarding.waitFor("EXIT=0")

        let s = try e2e.console(cli, ["demo"], width: 80, height: 24)
        try s.waitFor("● live")
        try s.keys("7")
        try s.waitFor("Sample event")
        try e2e.fill(s, "Site", "shop.example")
        try s.waitFor("Sample changed")
        #expect(!(try s.screen()).contains("F2 saves"))
        try s.keys("6")
        try s.waitFor("Filter enable")
        try e2e.choose(s, "Field mapping ")
        try s.waitFor("Add mapping")
        try e2e.choose(s, "Add mapping")
        try e2e.choose(s, "Bitrix24 field")
        try s.waitFor("type to filter")
        try s.literal("Сумма")
        try s.keys("Enter")
        try s.waitFor("takes numbers")
        try s.keys("C-c")
        try s.waitFor("Unsaved changes")
        try s.keys("d")
        try s.waitFor("EXIT=0")
    }

    /// The mouse on the real terminal, as xterm reports it (SGR 1006: ESC [ < b ; x ; y M,
    /// 1-based): a click opens a section, two clicks open a list, a click ticks an item.
    /// `--no-mouse` leaves clicks to the terminal.
    @Test func clicksSentAsXtermMouseSequences() throws {
        let cli = CLIRunner()
        let s = try e2e.console(cli, ["demo"], width: 80, height: 24)
        try s.waitFor("● live")
        func click(_ text: String) throws {
            let screen = try s.screen()
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            guard let y = lines.firstIndex(where: { $0.contains(text) }), let range = lines[y].range(of: text) else {
                Issue.record("“\(text)” not on screen:\n\(screen)")
                return
            }
            let x = lines[y].distance(from: lines[y].startIndex, to: range.lowerBound)
            // Press, then release, as a terminal reports a click.
            try s.literal("\u{1B}[<0;\(x + 2);\(y + 1)M\u{1B}[<0;\(x + 2);\(y + 1)m")
            usleep(200_000)
        }
        try click("6 Other settings")
        try s.waitFor("Filter enable")
        try click("2 Chats")
        try s.waitFor("Chats channels")
        try click("Chats channels")
        try click("Chats channels")
        try s.waitFor("selected")
        try click("Telegram")
        try s.waitFor("[x] Telegram")
        try s.keys("Escape")
        try s.keys("F10")
        try s.waitFor("EXIT=0")

        let off = try e2e.console(cli, ["demo", "--no-mouse"], width: 80, height: 24)
        try off.waitFor("● live")
        try off.literal("\u{1B}[<0;4;8M\u{1B}[<0;4;8m")
        usleep(300_000)
        #expect(!(try off.screen()).contains("Filter enable"), "no mouse: the click is not the console's")
        try off.keys("F10")
        try off.waitFor("EXIT=0")
    }

    /// `/` then a Russian word, `/` then an English one, each jumps to its field; Ctrl-Z and
    /// Ctrl-Y undo and redo across two sections.
    @Test func searchInBothLanguagesAndUndoAcrossSections() throws {
        let cli = CLIRunner()
        let s = try e2e.console(cli, ["demo"], width: 80, height: 24)
        try s.waitFor("● live")
        try s.keys("/")
        try s.waitFor("Find a setting")
        try s.literal("закрытые")
        try s.waitFor("Add data to closed")
        try s.keys("Enter")
        try s.waitFor("result 1 of")
        let closed = try s.cursorLine()
        #expect(closed.contains("Add data to closed leads/deals"), "\(closed)")
        try s.keys("/")
        try s.waitFor("Find a setting")
        try s.literal("notification")
        try s.waitFor("Send a notification")
        try s.keys("Enter")
        try s.waitFor("result 1 of")
        let notification = try s.cursorLine()
        #expect(notification.contains("Send a notification"), "\(notification)")
        // Two changes in two sections, undone and redone.
        try s.keys("Enter")
        try s.keys("6")
        try s.waitFor("Filter enable")
        try e2e.choose(s, "Filter enable")
        try s.keys("C-z")
        try s.waitFor("Undid: Filter enable")
        try s.keys("C-z")
        try s.waitFor("Undid: Send a notification")
        try s.keys("C-y")
        try s.waitFor("Redid: Send a notification")
        try s.keys("F10")
        try s.waitFor("Unsaved changes")
        try s.keys("d")
        try s.waitFor("EXIT=0")
    }

    /// A keys file under the config folder rebinds on the real terminal: j and k move.
    @Test func aRebindingFromTheKeysFileTakesEffect() throws {
        let cli = CLIRunner()
        let config = cli.folder + "/.config/callgear-setup"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        try "form.down = j, Down\nform.up = k, Up\n".write(toFile: config + "/keys", atomically: true, encoding: .utf8)
        let s = try e2e.console(cli, ["demo"], width: 80, height: 24)
        try s.waitFor("● live")
        let first = try s.cursorLine()
        #expect(first.contains("Enable chats"), "\(first)")
        try s.keys("j")
        usleep(200_000)
        let moved = try s.cursorLine()
        #expect(moved.contains("Chats channels"), "\(moved)")
        try s.keys("k")
        usleep(200_000)
        let back = try s.cursorLine()
        #expect(back.contains("Enable chats"), "\(back)")
        try s.keys("F10")
        try s.waitFor("EXIT=0")
    }
}
