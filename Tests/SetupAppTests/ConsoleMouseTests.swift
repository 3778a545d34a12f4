import SetupApp
import SetupModel
import TerminalUI
import Testing

/// Clicks and the wheel at 80×24, aimed at what the screen shows.
@Suite struct ConsoleMouseTests {
    /// Where `text` starts on the screen: (column, line).
    static func position(of text: String, in screen: String) -> (x: Int, y: Int)? {
        for (y, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: text) { return (line.distance(from: line.startIndex, to: range.lowerBound), y) }
        }
        return nil
    }

    static func click(_ h: inout ConsoleHarness, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let at = position(of: text, in: h.screen) else {
            Issue.record("“\(text)” is not on the screen:\n\(h.screen)", sourceLocation: sourceLocation)
            return
        }
        h.driver.send(.event(.mouse(MouseEvent(.press, x: at.x + 1, y: at.y))))
    }

    @Test func clicksOpenSectionsEditRowsAndTickItems() async throws {
        var h = try await ConsoleHarness.make(width: 80, height: 24)
        await h.settle()
        // A section in the side list.
        Self.click(&h, "6 Other settings")
        #expect(h.driver.model.section == .other)
        // A row: the first click focuses it, the second flips it.
        Self.click(&h, "Add data to closed leads/deals")
        #expect(h.focusedLine.contains("Add data to closed leads/deals"))
        #expect(!h.driver.model.profile.other.addToClosed)
        Self.click(&h, "Add data to closed leads/deals")
        #expect(h.driver.model.profile.other.addToClosed)
        // A list item is ticked with a click.
        Self.click(&h, "2 Chats")
        Self.click(&h, "Chats channels")
        Self.click(&h, "Chats channels")
        #expect(h.screen.contains("selected"), "\(h.screen)")
        Self.click(&h, "Telegram bot 35")
        h.press(.enter)
        #expect(h.driver.model.profile.chats.channels == ["111", "35"], "\(h.driver.model.profile.chats.channels)")
        // The header's switch.
        Self.click(&h, "Integration is active")
        #expect(h.driver.model.profile.integrationActive)
        // A dialog's button and a key of the key bar.
        Self.click(&h, "F10Quit")
        #expect(h.screen.contains("Unsaved changes"))
        Self.click(&h, "[C] Cancel")
        #expect(!h.screen.contains("Unsaved changes") && !h.driver.quit)
        Self.click(&h, "F2Save")
        await h.settle()
        #expect(h.driver.model.status.text.contains("Saved acme as version 2"), "\(h.driver.model.status.text)")
        await h.stop()
    }

    @Test func theWheelScrollsFormsListsAndTheResult() async throws {
        var h = try await ConsoleHarness.make(profile: ReadableAt80x24Tests.busy, width: 80, height: 24)
        await h.settle()
        h.press(.character("7"))
        h.focus("Kind")
        h.driver.send(.event(.mouse(MouseEvent(.wheelDown, x: 40, y: 5))))
        #expect(h.focusedLine.contains("Site"), "three rows down: \(h.screen)")
        h.focus("Preview")
        h.press(.enter)
        await h.settle()
        let before = h.driver.model.simulation.count
        #expect(before > 0 && h.screen.contains(" Result — lines 1–"))
        h.driver.send(.event(.mouse(MouseEvent(.wheelDown, x: 40, y: 20))))
        #expect(!h.screen.contains(" Result — lines 1–"), "the result scrolled: \(h.screen)")
        await h.stop()
    }
}
