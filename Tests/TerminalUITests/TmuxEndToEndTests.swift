import Foundation
import TestSupport
import Testing

/// The engine on a real terminal: the TUISampler binary inside tmux, driven with
/// send-keys and read with capture-pane, as an operator over SSH would use it.
@Suite(.serialized) struct TmuxEndToEndTests {
    typealias Session = TmuxSession

    static var sampler: String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("TUISampler").path
    }

    static var command: String {
        "env TERM=xterm-256color LANG=C.UTF-8 \(sampler); echo EXIT=$?"
    }

    @Test func cyrillicFunctionKeysAliasesAndResize() throws {
        let s = try Session(command: Self.command)
        try s.waitFor("TUI sampler — 80×24")
        try s.literal("Привет")
        try s.waitFor("Name    Привет")
        try s.keys("F1")
        try s.waitFor("Help — Esc or F1 closes")
        try s.keys("Escape")
        try s.keys("C-t")
        try s.waitFor("Active: ON")
        try s.keys("F2")
        try s.waitFor("Saved: Привет")
        try s.keys("C-s")
        try s.keys("Tab")
        try s.literal("?")
        try s.waitFor("last key: ?")
        try s.keys("Escape")
        try s.keys("Tab")
        try s.literal("ёлкин")
        try s.waitFor("1/10000")
        try s.keys("Enter")
        try s.waitFor("Responsible: Семён Ёлкин")
        try s.resize(100, 30)
        try s.waitFor("TUI sampler — 100×30")
        try s.resize(50, 12)
        try s.waitFor("need 60×16, have 50×12")
        try s.resize(80, 24)
        try s.waitFor("TUI sampler — 80×24")
        try s.keys("F10")
        let end = try s.waitFor("EXIT=0")
        #expect(end.contains("name=Привет"))
        #expect(end.contains("active=true"))
        #expect(end.contains("chosen=Семён Ёлкин"))
        #expect(end.contains("saves=2"))
    }

    @Test func controlQQuitsAndTheTerminalIsRestored() throws {
        let s = try Session(command: Self.command)
        try s.waitFor("TUI sampler")
        try s.literal("abc")
        try s.keys("C-q")
        let end = try s.waitFor("EXIT=0")
        #expect(end.contains("name=abc"))
        #expect(!end.contains("TUI sampler"))
    }

    @Test func withoutAUTF8LocaleItFallsBackToASCII() throws {
        let s = try Session(command: "env TERM=xterm-256color LANG=C LC_ALL=C NO_COLOR=1 \(Self.sampler); echo EXIT=$?")
        let screen = try s.waitFor("TUI sampler")
        // No Cyrillic reaches a terminal that cannot show it, and the layout holds.
        #expect(!screen.contains("Пользователь"))
        #expect(screen.contains("?"))
        #expect(screen.contains("F10Quit"))
        try s.keys("C-q")
        try s.waitFor("EXIT=0")
    }

    @Test func themeFromTheCommandLineSwitchableLiveAndBrokenFilesReported() throws {
        let temporary = TemporaryFolder("cgs-themes")
        let folder = temporary.path
        let shipped = ThemeTests.themesFolder
        for name in ["default", "light"] {
            try FileManager.default.copyItem(atPath: "\(shipped)/\(name).theme", toPath: "\(folder)/\(name).theme")
        }
        try "# mine\ntitle = purple\n".write(toFile: "\(folder)/broken.theme", atomically: true, encoding: .utf8)
        let run = "env TERM=xterm-256color LANG=C.UTF-8 \(Self.sampler) --theme-dir \(folder)"
        let good = try Session(command: "\(run) --theme light; echo EXIT=$?")
        try good.waitFor("theme light")
        try good.keys("C-o")
        try good.waitFor("theme default")
        try good.keys("F9")
        try good.waitFor("theme light")
        let broken = try Session(command: "\(run) --theme broken; echo EXIT=$?")
        let screen = try broken.waitFor("theme default")
        // The message names file and line; at 80 columns the long temporary path cuts its end.
        #expect(screen.contains("theme: \(folder)/broken.theme:2: unknown"))
    }

    @Test func hangupEndsCleanly() throws {
        let s = try Session(command: Self.command)
        try s.waitFor("TUI sampler")
        #expect(kill(try s.programPID(), SIGHUP) == 0)
        let end = try s.waitFor("EXIT=0")
        #expect(end.contains("status=signal hangup"))
    }
}
