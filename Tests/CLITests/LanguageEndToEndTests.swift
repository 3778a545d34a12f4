import Foundation
import TestSupport
import Testing

/// The language on the real binary: `LANG=ru_RU.UTF-8` (a locale this machine does not
/// have) gives Russian, `--lang` and the operator's config file choose it, and the console
/// under tmux speaks Russian with the vendor's English label of the focused setting in sight.
@Suite(.serialized) struct LanguageEndToEndTests {
    let e2e = ConsoleEndToEndTests()

    func withProfile() throws -> CLIRunner {
        let cli = CLIRunner()
        let imported = try cli.run(["profile", "import", cli.example("profile-dubai.json")])
        #expect(imported.code == 0, "\(imported.err)")
        return cli
    }

    func writeConfig(_ cli: CLIRunner, _ text: String) throws -> String {
        let folder = cli.folder + "/config/callgear-setup"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: folder + "/config", atomically: true, encoding: .utf8)
        return folder + "/config"
    }

    @Test func theLocaleVariablesAndLangChooseTheWords() throws {
        let cli = try withProfile()
        let russian = try cli.run(["profile", "list"], environment: ["LANG": "ru_RU.UTF-8"])
        #expect(russian.code == 0 && russian.out.contains("НАЗВАНИЕ") && russian.out.contains("да"), "\(russian.out)")
        let english = try cli.run(["profile", "list", "--lang", "en"], environment: ["LANG": "ru_RU.UTF-8"])
        #expect(english.out.contains("NAME") && !english.out.contains("НАЗВАНИЕ"), "\(english.out)")
        // LC_ALL outranks LANG, as in every POSIX program.
        let lcAll = try cli.run(["profile", "list"], environment: ["LANG": "ru_RU.UTF-8", "LC_ALL": "C.UTF-8"])
        #expect(lcAll.out.contains("NAME"), "\(lcAll.out)")
        // Messages and errors too, with the same exit codes.
        let missing = try cli.run(["profile", "show", "nope", "--lang=ru"])
        #expect(missing.code == 2 && missing.err.contains("нет профиля 'nope'"), "\(missing.err)")
        let bad = try cli.run(["profile", "list", "--lang", "de"])
        #expect(bad.code == 2 && bad.err.contains("--lang: 'de' is not ru or en"), "\(bad.err)")
    }

    /// `profile show` in Russian: the catalog's Russian labels, the vendor's English one in
    /// brackets (to find it in the cabinet), values in Russian.
    @Test func profileShowSpeaksRussianWithTheCabinetsLabels() throws {
        let cli = try withProfile()
        let shown = try cli.run(["profile", "show", "demo-dubai", "--lang", "ru"])
        #expect(shown.code == 0, "\(shown.err)")
        #expect(shown.out.contains("Профиль demo-dubai — версия 1"), "\(shown.out)")
        #expect(shown.out.contains("Интеграция активна (Integration is active): вкл"), "\(shown.out)")
        #expect(shown.out.contains("Чаты (Chats)"), "\(shown.out)")
        let english = try cli.run(["profile", "show", "demo-dubai"])
        #expect(english.out.contains("Integration is active: on") && !english.out.contains("Интеграция активна"))
    }

    /// The config file's language wins over the locale, `--lang` over the file; a line it
    /// cannot take is named FILE:LINE and left out, and the command still runs.
    @Test func theConfigFileChoosesAndNamesItsBadLines() throws {
        let cli = try withProfile()
        let path = try writeConfig(cli, "# mine\nlanguage = ru\nmouse = sometimes\ncolour = red\n")
        let environment = ["XDG_CONFIG_HOME": cli.folder + "/config", "LANG": "en_US.UTF-8"]
        let listed = try cli.run(["profile", "list"], environment: environment)
        #expect(listed.code == 0 && listed.out.contains("НАЗВАНИЕ"), "\(listed.out)")
        #expect(listed.err.contains("\(path):3: mouse — on или off, а не 'sometimes'"), "\(listed.err)")
        #expect(listed.err.contains("\(path):4: неизвестная настройка 'colour'"), "\(listed.err)")
        let flag = try cli.run(["profile", "list", "--lang", "en"], environment: environment)
        #expect(flag.out.contains("NAME") && flag.err.contains("\(path):3: mouse is on or off, not 'sometimes'"), "\(flag.err)")
    }

    /// The release binary under tmux with `LANG=ru_RU.UTF-8`, a locale this machine does not
    /// have: Russian words on a working UTF-8 screen, the focused setting's English label in
    /// sight, and a letter in the Russian layout acting as its key.
    @Test func theConsoleSpeaksRussianOnARealTerminal() throws {
        let cli = CLIRunner()
        let s = try e2e.console(cli, ["demo"], width: 80, height: 24, environment: "LANG=ru_RU.UTF-8")
        var screen = try s.waitFor("Списки загружены")
        #expect(screen.contains("Интеграция активна") && screen.contains("F1Справка"), "\(screen)")
        try s.keys("2")
        try s.waitFor("Включить чаты")
        try e2e.focus(s, "Ответственный за чаты")
        screen = try s.waitFor("EN: Default chat responsible")
        #expect(screen.contains("Ответственный за чаты по умолчанию*:"), "the whole Russian label: \(screen)")
        // «й» is the Q key: quit (nothing is unsaved, so it leaves at once).
        try s.literal("й")
        try s.waitFor("EXIT=0")
    }

    /// `mouse = off` in the config file: the console asks the terminal for no mouse reports,
    /// so the terminal's own selection works; without the file it asks for them.
    @Test func theConfigFileTurnsTheMouseOff() throws {
        let cli = CLIRunner()
        _ = try writeConfig(cli, "mouse = off\n")
        let off = try e2e.console(
            cli, ["demo"], width: 80, height: 24, environment: "LANG=C.UTF-8 XDG_CONFIG_HOME=\(cli.folder)/config")
        try off.waitFor("● live")
        #expect(try off.tmux(["display", "-p", "-t", off.name, "#{mouse_any_flag}"]).hasPrefix("0"))
        try off.keys("F10")
        try off.waitFor("EXIT=0")
        let other = CLIRunner()
        let on = try e2e.console(other, ["demo"], width: 80, height: 24)
        try on.waitFor("● live")
        #expect(try on.tmux(["display", "-p", "-t", on.name, "#{mouse_any_flag}"]).hasPrefix("1"))
        try on.keys("F10")
        try on.waitFor("EXIT=0")
    }
}
