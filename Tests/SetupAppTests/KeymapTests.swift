import Testing

@testable import SetupApp

/// The console's keymaps: every F-key has an alias (some SSH clients swallow F-keys), and no
/// key means two things on one screen.
@Suite struct KeymapTests {
    @Test func everyFunctionKeyHasAnAlias() {
        #expect(ConsoleProgram.globalKeys.functionKeysWithoutAlias.isEmpty)
        #expect(FormScreen.keymap.functionKeysWithoutAlias.isEmpty)
    }

    @Test func noKeyIsBoundTwiceOnAScreen() {
        for keys in [
            ConsoleProgram.globalKeys.bindings.flatMap(\.keys) + FormScreen.keymap.bindings.flatMap(\.keys),
            FormScreen.editingKeymap.bindings.flatMap(\.keys), FormScreen.pickerKeymap.bindings.flatMap(\.keys),
        ] {
            #expect(Set(keys).count == keys.count, "\(keys)")
        }
    }
}
