import SetupApp
import SetupModel
import TerminalUI
import Testing

/// `/` finds a setting by either language or its value and jumps to it; Ctrl-Z and Ctrl-Y
/// undo and redo every change of the session, across sections, saying what.
@Suite struct SearchAndUndoTests {
    @Test func slashFindsBySettingLabelInEitherLanguageAndJumps() async throws {
        var h = try await ConsoleHarness.make(profile: { p in
            p.chats.responsibleRules = [
                ResponsibleRule(
                    condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, ["shop.example"])])]),
                    responsible: "7")
            ]
        })
        await h.settle()
        h.press(.character("/"))
        #expect(h.screen.contains("Find a setting"), "\(h.screen)")
        h.type("закрытые")  // Russian: "Add data to closed leads/deals"
        h.press(.enter)
        #expect(h.focusedLine.contains("Add data to closed leads/deals"), "\(h.screen)")
        #expect(h.screen.contains("Other settings"))
        // English, a value inside a rule's condition: the jump opens the rule and the clause.
        h.press(.character("/"))
        h.type("shop.example")
        h.press(.enter)
        #expect(h.focusedLine.contains("Value"), "\(h.screen)")
        #expect(h.screen.contains("shop.example"))
        // A user by name, and n steps on to the next result.
        h.press(.character("/"))
        h.type("Соколова")
        h.press(.enter)
        #expect(h.focusedLine.contains("Default chat responsible"), "\(h.screen)")
        h.press(.character("/"))
        h.type("responsible")
        h.press(.enter)
        #expect(h.screen.contains("result 1 of"), "\(h.screen)")
        h.press(.character("n"))
        #expect(h.screen.contains("result 2 of"), "\(h.screen)")
        h.press(.character("N"))
        #expect(h.screen.contains("result 1 of"), "\(h.screen)")
        await h.stop()
    }

    @Test func undoAndRedoAcrossSectionsSayWhat() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        h.focus("Enable chats")
        h.press(.enter)  // chats off
        h.press(.character("6"))
        h.focus("Add data to closed leads/deals")
        h.press(.enter)  // on
        #expect(!h.driver.model.profile.chats.enabled && h.driver.model.profile.other.addToClosed)
        h.press(.control("z"))
        #expect(!h.driver.model.profile.other.addToClosed)
        #expect(
            h.driver.model.status.text.contains("Undid: Add data to closed leads/deals → off"), "\(h.driver.model.status.text)")
        h.press(.control("z"))
        #expect(h.driver.model.profile.chats.enabled)
        #expect(!h.driver.model.isDirty, "back to the saved profile")
        h.press(.control("y"))
        #expect(!h.driver.model.profile.chats.enabled)
        #expect(h.driver.model.status.text.contains("Redid: Enable chats → off"))
        // Saving keeps the history: undo after a save makes the profile changed again.
        h.press(.function(2))
        await h.settle()
        #expect(!h.driver.model.isDirty)
        h.press(.control("z"))
        #expect(h.driver.model.profile.chats.enabled && h.driver.model.isDirty)
        // A pick is undone with the name it returns to.
        h.press(.character("2"))
        h.focus("Default chat responsible")
        h.press(.enter)
        h.type("Смирнова")
        h.press(.enter)
        #expect(h.driver.model.profile.chats.defaultResponsible == "1")
        h.press(.control("z"))
        #expect(
            h.driver.model.status.text.contains("Undid: Default chat responsible → Анна Соколова"),
            "\(h.driver.model.status.text)")
        await h.stop()
    }
}
