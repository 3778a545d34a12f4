import Foundation
import SetupModel
import TerminalUI
import Testing

@testable import SetupApp

/// The console in Russian, headless at 80×24: every setting's Russian label is read whole
/// (on its row or under the form) with the vendor's English label beside it, and the
/// console's own words — key bar, help, dialogs, status, results — are Russian.
@Suite struct RussianConsoleTests {
    /// The screen as one line of words: wrapped lines joined, runs of spaces as one.
    static func words(_ screen: String) -> String {
        screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            .replacingOccurrences(of: " +", with: " ", options: .regularExpression)
    }

    /// A profile with every section's optional rows showing.
    static func full(_ p: inout Profile) {
        ReadableAt80x24Tests.busy(&p)
        p.offline = CommunicationSettings(enabled: true, channels: [], defaultResponsible: "5")
        p.chats.repeatedContact = ContactHandling(create: [.deal])
        p.other.filterEnabled = true
    }

    @Test func everyRussianLabelIsReadWholeWithItsEnglishLabelAt80Columns() async throws {
        try await Language.$override.withValue(.ru) {
            var h = try await ConsoleHarness.make(profile: Self.full, width: 80, height: 24)
            await h.settle()
            var checked = 0
            var viaF3 = 0
            for section in Section.allCases where section.settingsSection != nil {
                h.press(.character(Character("\(section.rawValue + 1)")))
                h.press(.home)
                var seen = Set<Int>()
                while true {
                    let rows = FormScreen.rows(h.driver.model)
                    let index = FormScreen.focusIndex(rows, h.driver.model)
                    guard seen.insert(index).inserted else { break }
                    let field = rows[index]
                    if let entry = SettingsCatalog.entry(at: field.path), field.isFocusable {
                        var screen = Self.words(h.screen)
                        // Where the lines under the form are full, F3 reads the row whole.
                        if screen.contains("… F3") {
                            h.press(.function(3))
                            screen = Self.words(h.screen)
                            h.press(.escape)
                            viaF3 += 1
                        }
                        let label = field.label.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
                        #expect(screen.contains(label), "“\(label)” is cut in \(section.title):\n\(h.screen)")
                        #expect(
                            screen.contains("EN: " + entry.label.en) || screen.contains("(English): " + entry.label.en),
                            "the vendor's label “\(entry.label.en)” is not beside “\(label)”:\n\(h.screen)")
                        #expect(
                            field.label.range(of: "[а-яё]", options: .regularExpression) != nil, "not Russian: \(field.label)")
                        checked += 1
                    }
                    h.press(.down)
                }
            }
            #expect(checked > 30, "only \(checked) settings visited")
            // Most are read right under the form; F3 is the way for the rest.
            #expect(viaF3 * 4 < checked, "\(viaF3) of \(checked) needed F3")
            await h.stop()
        }
    }

    /// The console's own words on the main screen, the help, a dialog, the F3 pane and
    /// Simulate's result: none of the English chrome is left.
    @Test func theConsolesOwnWordsAreRussian() async throws {
        try await Language.$override.withValue(.ru) {
            var h = try await ConsoleHarness.make(profile: ReadableAt80x24Tests.busy, width: 80, height: 24)
            await h.settle()
            var screens: [String] = [h.screen]
            h.press(.character("?"))
            for _ in 0..<8 {
                screens.append(h.screen)
                h.press(.pageDown)
            }
            h.press(.escape)
            h.press(.character("2"))
            h.focus("Ответственный за чаты")
            h.press(.function(3))
            screens.append(h.screen)
            h.press(.escape)
            h.press(.function(4))
            screens.append(h.screen)
            h.press(.character("7"))
            h.focus("Предпросмотр")
            h.press(.enter)
            await h.settle()
            for _ in 0..<6 {
                screens.append(h.screen)
                h.press(.pageDown)
            }
            h.press(.function(10))
            screens.append(h.screen)
            let text = screens.joined(separator: "\n").split(separator: "\n")
                // The vendor's English labels are shown on purpose, after "EN:" and in F3.
                .filter { !$0.contains("EN:") && !$0.contains("(English)") }.joined(separator: "\n")
            let english = [
                "Help", "Save", "Quit", "Undo", "Find", "Reload", "Discard", "Theme", "valid", "version", "problem",
                "Integration is active", "Result", "live", "rule", "Plan:", "Why:", "create ", "responsible", "the portal",
                "Unsaved", "Cancel", "show or hide", "previous field", "Everywhere", "Side list", "Lists loaded",
                "Simulation done", "lines ", "Condition", "Preview", "Sample", "Visitor", "Apply", "Step ",
            ]
            for word in english {
                #expect(!text.contains(word), "English “\(word)” left on a Russian screen:\n\(text)")
            }
            #expect(text.contains("Справка") && text.contains("План:") && text.contains("Почему:"), "\(text)")
            await h.stop()
        }
    }

    /// The side list is as wide as its longest section name needs: no Russian name is cut.
    @Test func theSideListFitsTheRussianSectionNames() async throws {
        try await Language.$override.withValue(.ru) {
            var h = try await ConsoleHarness.make(width: 80, height: 24)
            await h.settle()
            for section in Section.allCases {
                #expect(h.screen.contains(" \(section.rawValue + 1) \(section.title)"), "\(section.title) cut:\n\(h.screen)")
            }
            await h.stop()
        }
        // English keeps the narrower list: the form keeps its room.
        #expect(ConsoleProgram.sidebarWidth(screenWidth: 80, onboarding: false) == 24)
    }

    /// A letter typed in the Russian layout acts as the key it is on: «й» is q (quit asks),
    /// «т» is n; a dialog answers to «н» as to Y.
    @Test func lettersInTheRussianLayoutActAsTheirKeys() async throws {
        var h = try await ConsoleHarness.make(width: 80, height: 24)
        await h.settle()
        h.press(.character("2"))
        h.focus("Enable chats")
        h.press(.enter)
        h.press(.character("й"))
        #expect(h.screen.contains("Unsaved changes"), "\(h.screen)")
        h.press(.character("с"))  // C: cancel
        #expect(!h.screen.contains("Unsaved changes"))
        h.press(.character("в"))  // D: delete — this row cannot be
        #expect(h.screen.contains("cannot be deleted"), "\(h.screen)")
        await h.stop()
    }

    /// Every key's bar label and help line exist in both languages.
    @Test func everyKeyHasBothLanguages() {
        func check<A>(_ keymap: Keymap<A>) {
            for texts in [keymap.title] + keymap.bindings.flatMap({ [$0.help] + ($0.label.map { [$0] } ?? []) }) {
                #expect(!texts.en.isEmpty && texts.en.range(of: "[А-Яа-яЁё]", options: .regularExpression) == nil, "\(texts)")
                #expect(texts.ru.range(of: "[А-Яа-яЁё]", options: .regularExpression) != nil, "no Russian: \(texts.en)")
            }
        }
        check(ConsoleProgram.globalKeys)
        check(ConsoleProgram.sidebarKeys)
        check(ConsoleProgram.resultKeys)
        check(FormScreen.keymap)
        check(FormScreen.editingKeymap)
        check(FormScreen.pickerKeymap)
        check(FormScreen.singlePickerKeymap)
    }
}
