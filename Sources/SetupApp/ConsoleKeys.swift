import Foundation
import TerminalUI

/// The keymaps in force: the console's own, with what the operator's keys file rebinds
/// (`$XDG_CONFIG_HOME/callgear-setup/keys`, else `~/.config/callgear-setup/keys`). The key
/// bar, the help and dispatch all read these, so a rebinding shows everywhere it acts.
///
/// A line is `KEYMAP.ACTION = KEY[, KEY…]` — `form.down = j, Down`; `#` starts a comment.
/// KEYMAP is `global`, `sidebar`, `form` or `result`; ACTION is the action's name as
/// `--help`-free text lists it (`help`, `save`, `find`, `up`, `down`, `edit`, …).
public struct ConsoleKeys: Sendable {
    var global = ConsoleProgram.globalKeys
    var sidebar = ConsoleProgram.sidebarKeys
    var form = FormScreen.keymap
    var result = ConsoleProgram.resultKeys

    public init() {}

    /// Where the keys file is looked for.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/callgear-setup/keys" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/callgear-setup/keys"
    }

    /// The file applied line by line; every line it cannot take is reported as
    /// `FILE:LINE: what` and skipped (the rest still applies). A missing file is no error.
    public static func load(path: String) -> (keys: ConsoleKeys, problems: [String]) {
        var keys = ConsoleKeys()
        guard FileManager.default.fileExists(atPath: path) else { return (keys, []) }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 64 * 1024,
            let text = String(data: data, encoding: .utf8)
        else {
            return (
                keys,
                [
                    tr(
                        "\(path): not a UTF-8 text file of at most 64 KiB — the built-in keys are used",
                        ru: "\(path): не текстовый файл UTF-8 до 64 КиБ — действуют встроенные клавиши")
                ]
            )
        }
        var problems: [String] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            if let problem = keys.apply(line) { problems.append("\(path):\(number + 1): \(TextSanitizer.line(problem))") }
        }
        return (keys, problems)
    }

    /// One line; the reason when it cannot be taken.
    mutating func apply(_ line: String) -> String? {
        let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let dot = parts[0].firstIndex(of: ".") else {
            return tr(
                "expected KEYMAP.ACTION = KEY, KEY (e.g. form.down = j, Down)",
                ru: "ожидается КАРТА.ДЕЙСТВИЕ = КЛАВИША, КЛАВИША (например, form.down = j, Down)")
        }
        let map = String(parts[0][..<dot])
        let name = String(parts[0][parts[0].index(after: dot)...])
        let names = parts[1].split(separator: ",").map(String.init)
        var newKeys: [Key] = []
        for keyName in names {
            guard let key = Key(name: keyName) else {
                return
                    tr("unknown key '", ru: "неизвестная клавиша '") + keyName.trimmingCharacters(in: .whitespaces)
                    + tr(
                        "' — keys are letters, Space, Enter, Esc, Tab, Up, Down, Left, Right, Home, End, PgUp, PgDn, Ins, Del, F1–F12, C-x",
                        ru:
                            "' — клавиши: буквы, Space, Enter, Esc, Tab, Up, Down, Left, Right, Home, End, PgUp, PgDn, Ins, Del, F1–F12, C-x"
                    )
            }
            newKeys.append(key)
        }
        guard !newKeys.isEmpty else { return tr("no key given for \(parts[0])", ru: "не указана клавиша для \(parts[0])") }
        func rebind<A>(_ keymap: inout Keymap<A>) -> String? {
            guard let action = keymap.action(named: name) else {
                return tr("no action '\(name)' in \(map) — it has: ", ru: "нет действия '\(name)' в \(map) — есть: ")
                    + keymap.bindings.map { "\($0.action)" }.joined(separator: ", ")
            }
            keymap = keymap.rebinding(action, to: newKeys)
            return nil
        }
        switch map {
        case "global": return rebind(&global)
        case "sidebar": return rebind(&sidebar)
        case "form": return rebind(&form)
        case "result": return rebind(&result)
        default:
            return tr(
                "unknown keymap '\(map)' — one of global, sidebar, form, result",
                ru: "неизвестная карта '\(map)' — одна из global, sidebar, form, result")
        }
    }
}
