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
        // The demo's responsible, user 1, by name (a wrapped line may split name and ID).
        #expect(seen.contains("Мария Смирнова") || seen.contains("Смирнова (user 1)"), "\(seen)")
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
}
