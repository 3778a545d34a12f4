import Foundation
import SetupApp
import SetupModel
import TerminalUI
import Testing

/// At 80×24 everything the console knows can be read: Simulate's result by scrolling, a
/// hint whole, a long status whole, more rows flagged, Quit always on the key bar, and a
/// rule on any condition parameter tried with the sample event.
@Suite struct ReadableAt80x24Tests {
    /// A plan long enough to overflow: responsible rules, funnels, templates, mappings, notices.
    static func busy(_ p: inout Profile) {
        p.integrationActive = true
        p.chats.responsibleRules = [
            ResponsibleRule(
                condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.tag, .allow, ["vip"])])]), responsible: "7")
        ]
        p.chats.firstContact = ContactHandling(create: [.lead, .deal, .activity])
        p.chats.notifyOnCreate = true
        p.chats.copyCommentsToContact = true
        p.other.templatesEnabled = true
        p.other.templates = [NameTemplate(eventType: .chat, text: "Чат {{chat_channel_name}} — {{visitor_phone_number}}")]
        p.other.fieldMappingEnabled = true
        p.other.fieldMappings = [
            FieldMapping(source: "utm_source", entity: .lead, field: "SOURCE_DESCRIPTION"),
            FieldMapping(source: "visitor_name", entity: .deal, field: "COMMENTS"),
        ]
    }

    @Test func theWholeSimulationIsReadByScrolling() async throws {
        var h = try await ConsoleHarness.make(profile: Self.busy, width: 80, height: 24)
        await h.settle()
        h.press(.character("7"))
        h.focus("Preview")
        h.press(.enter)
        await h.settle()
        let paragraphs = h.driver.model.simulation
        #expect(paragraphs.count > 12, "\(paragraphs)")
        let header = try #require(h.screen.split(separator: "\n").first { $0.contains(" Result — lines 1–") })
        #expect(header.contains("of "), "\(h.screen)")
        // Page through the pane and collect what it shows: every paragraph's words appear.
        var seen = h.screen
        for _ in 0..<12 {
            h.press(.pageDown)
            seen += h.screen
        }
        for paragraph in paragraphs {
            for word in paragraph.split(separator: " ").suffix(2) {
                #expect(seen.contains(word), "“\(word)” of “\(paragraph)” never showed")
            }
        }
        #expect(h.screen.contains("lines ") && !h.screen.contains(" Result — lines 1–"), "scrolled: \(h.screen)")
        // ↓ past the last row goes into the pane; Home and End move it; ↑ at the top leaves it.
        h.focus("utm_campaign")
        h.press(.down)
        #expect(h.screen.contains("↑↓ PgUp/PgDn Home/End"), "\(h.screen)")
        h.press(.home)
        #expect(h.screen.contains(" Result — lines 1–"))
        h.press(.end)
        #expect(!h.screen.contains(" Result — lines 1–"))
        h.press(.home, .up)
        #expect(h.focusedLine.contains("utm_campaign"), "\(h.screen)")
        await h.stop()
    }

    @Test func aHintIsReadWholeAndTheKeyBarKeepsQuit() async throws {
        var h = try await ConsoleHarness.make(profile: { $0.chats.repeatedContact.create = [] }, width: 80, height: 24)
        await h.settle()
        h.press(.character("3"))
        h.focus("Comment priority")
        let hint = try #require(SettingsCatalog.entry(at: SettingPath.chats.commentPriority)?.hint.en)
        #expect(!h.screen.contains(hint), "too long for one line")
        h.press(.function(3))
        // The pane's text: what lies between its frame's sides, line by line.
        let flat = h.screen.split(separator: "\n").compactMap { line -> String? in
            guard let first = line.firstIndex(of: "│"), let last = line.lastIndex(of: "│"), first < last else { return nil }
            return line[line.index(after: first)..<last].trimmingCharacters(in: .whitespaces)
        }.joined(separator: " ")
        #expect(flat.contains(hint), "\(h.screen)")
        #expect(h.screen.contains("Comment priority on repeated contact*: ‹ To deals ›"))
        h.press(.escape)
        #expect(!h.screen.contains("По-русски"))
        h.driver.resize(width: 72, height: 20)
        #expect(h.screen.contains("F10Quit") && h.screen.contains("F1Help"), "\(h.screen)")
        await h.stop()
    }

    @Test func aLongStatusIsShownWholeAndMoreRowsAreFlagged() async throws {
        var h = try await ConsoleHarness.make(
            profile: {
                $0.chats.defaultResponsible = nil
                $0.chats.firstContact.create = []
            }, width: 80, height: 24)
        await h.settle()
        h.press(.function(4), .function(2))
        await h.settle()
        let status = h.driver.model.status.text
        #expect(status.count > 80, "\(status)")
        let flat = h.screen.split(separator: "\n").suffix(5).map { $0.trimmingCharacters(in: .whitespaces) }.joined(
            separator: " ")
        #expect(flat.contains(status), "\(h.screen)")
        h.press(.character("7"))
        #expect(h.screen.contains(" below"), "\(h.screen)")
        h.focus("utm_campaign")
        #expect(h.screen.contains("▲") && h.screen.contains(" above"), "\(h.screen)")
        await h.stop()
    }

    /// A rule on a tag is tried on screen: the sample's tags reach the engine.
    @Test func theSampleOffersEveryConditionParameter() async throws {
        var h = try await ConsoleHarness.make(profile: Self.busy, width: 100, height: 40)
        await h.settle()
        h.press(.character("7"))
        for label in ["Communication group", "Ad campaign", "Source", "Tags", "utm_source", "utm_medium", "utm_campaign"] {
            h.focus(label)
        }
        h.focus("Tags")
        h.press(.enter)
        h.type("vip, новый")
        h.press(.enter)
        h.focus("Preview")
        h.press(.enter)
        await h.settle()
        #expect(
            h.driver.model.simulation.contains { $0.contains("responsible filter rule 1 holds") }, "\(h.driver.model.simulation)")
        // Offline requests add the form and the page.
        h.press(.home)
        h.focus("Kind")
        h.press(.right)
        for label in ["Form type", "Request form name", "Page of request"] { h.focus(label) }
        await h.stop()
    }
}
