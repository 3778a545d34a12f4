import Foundation
import SetupApp
import SetupModel
import TerminalUI
import TestSupport
import Testing

/// A keys file rebinds actions (vim-style j/k here); the bar, the help and dispatch follow it,
/// and a line it cannot take is named as FILE:LINE with the reason.
@Suite struct KeysFileTests {
    @Test func keyNamesParse() {
        #expect(Key(name: "j") == .character("j"))
        #expect(Key(name: " Space ") == .character(" "))
        #expect(Key(name: "C-k") == .control("k") && Key(name: "Ctrl-K") == .control("k") && Key(name: "^k") == .control("k"))
        #expect(Key(name: "F12") == .function(12) && Key(name: "PgDn") == .pageDown && Key(name: "Esc") == .escape)
        #expect(Key(name: "F13") == nil && Key(name: "jj") == nil && Key(name: "C-1") == nil && Key(name: "") == nil)
    }

    @Test func jAndKMoveAndBadLinesAreNamed() async throws {
        let folder = TemporaryFolder("cgs-keys")
        let path = folder.path + "/keys"
        try """
        # vim-style moves
        form.down = j, Down
        form.up = k, Up
        global.save = C-s, F2
        form.jump = x
        form.down = Hyper-j
        nonsense
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let (keys, problems) = ConsoleKeys.load(path: path)
        #expect(problems.count == 3, "\(problems)")
        #expect(problems[0].hasPrefix("\(path):5: no action 'jump' in form"), "\(problems)")
        #expect(problems[1].hasPrefix("\(path):6: unknown key 'Hyper-j'"), "\(problems)")
        #expect(problems[2].hasPrefix("\(path):7: expected KEYMAP.ACTION = KEY"), "\(problems)")
        var h = try await ConsoleHarness.make(width: 100, height: 40)
        await h.settle()
        h.driver.model.keys = keys
        h.focus("Enable chats")
        h.press(.character("j"))
        #expect(h.focusedLine.contains("Chats channels"), "\(h.screen)")
        h.press(.character("k"))
        #expect(h.focusedLine.contains("Enable chats"))
        h.press(.function(1))
        #expect(h.screen.contains("j/↓") && h.screen.contains("k/↑"), "the help shows the keys in force: \(h.screen)")
        await h.stop()
    }
}
