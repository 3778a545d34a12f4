import Testing

@testable import SetupApp

/// The console's keymaps: every F-key has an alias (some SSH clients swallow F-keys), and no
/// key means two things on one screen.
@Suite struct KeymapTests {
    @Test func everyFunctionKeyHasAnAlias() {
        #expect(ConsoleProgram.globalKeys.functionKeysWithoutAlias.isEmpty)
        #expect(FormScreen.keymap.functionKeysWithoutAlias.isEmpty)
        #expect(ConsoleProgram.sidebarKeys.functionKeysWithoutAlias.isEmpty)
    }

    /// The help lists every keymap the console dispatches from, the side list's included.
    @Test func theHelpShowsEveryKeymap() async throws {
        var h = try await ConsoleHarness.make(height: 60)
        await h.settle()
        h.press(.function(1))
        for title in ["Everywhere", "Side list", "Form", "Typing"] {
            #expect(h.screen.contains(title), "\(title): \(h.screen)")
        }
        #expect(h.screen.contains("jump to section 1–8"))
        h.press(.escape)
        #expect(!h.screen.contains("Side list  "))
        await h.stop()
    }

    @Test func noKeyIsBoundTwiceOnAScreen() {
        // Esc is layered on purpose: while the lists load it stops them, otherwise it is the
        // screen's "back" (the binding's help says both).
        let global = ConsoleProgram.globalKeys.bindings.filter { $0.action != .cancelLoading }.flatMap(\.keys)
        for keys in [
            global + FormScreen.keymap.bindings.flatMap(\.keys),
            global + ConsoleProgram.sidebarKeys.bindings.flatMap(\.keys),
            FormScreen.editingKeymap.bindings.flatMap(\.keys), FormScreen.pickerKeymap.bindings.flatMap(\.keys),
        ] {
            #expect(Set(keys).count == keys.count, "\(keys)")
        }
    }
}
