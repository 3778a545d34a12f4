import Foundation
import SetupModel
import TextSafety

/// The operator's own defaults, kept beside the keys file: `$XDG_CONFIG_HOME/callgear-setup/config`
/// (else `~/.config/callgear-setup/config`). They belong to the person, not to a profile or
/// a store, so they live in a file of theirs:
///
///     language = ru     # ru or en; --lang wins, the file wins over LC_ALL/LC_MESSAGES/LANG
///     mouse = off       # on or off; --no-mouse wins
///
/// A line it cannot take is reported as `FILE:LINE: what` and skipped; the rest applies.
struct OperatorConfig {
    var language: Language?
    var mouse: Bool?
    /// What is wrong, in both languages: the file is read before the language is chosen
    /// (it may choose it), and its problems are told in the chosen one.
    var problems: [Localized] = []

    /// As read at start, for the console (its mouse default, its notices).
    nonisolated(unsafe) static var current = OperatorConfig()

    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/callgear-setup/config" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/callgear-setup/config"
    }

    static func load(path: String?) -> OperatorConfig {
        var config = OperatorConfig()
        guard let path, FileManager.default.fileExists(atPath: path) else { return config }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 64 * 1024,
            let text = String(data: data, encoding: .utf8)
        else {
            config.problems.append(
                Localized(
                    "\(path): not a UTF-8 text file of at most 64 KiB — it is left out",
                    ru: "\(path): не текстовый файл UTF-8 до 64 КиБ — пропущен"))
            return config
        }
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if let problem = config.apply(line) {
                let place = "\(path):\(number + 1): "
                config.problems.append(
                    Localized(place + TextSanitizer.line(problem.en), ru: place + TextSanitizer.line(problem.ru)))
            }
        }
        return config
    }

    /// One line; nil when it applied (or was blank), else what is wrong with it.
    mutating func apply(_ line: String) -> Localized? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        let parts = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else {
            return Localized(
                "expected NAME = VALUE (e.g. language = ru)", ru: "ожидается ИМЯ = ЗНАЧЕНИЕ (например, language = ru)")
        }
        switch parts[0].lowercased() {
        case "language", "lang":
            guard let language = Language(argument: parts[1]) else {
                return Localized("language is ru or en, not '\(parts[1])'", ru: "language — ru или en, а не '\(parts[1])'")
            }
            self.language = language
        case "mouse":
            switch parts[1].lowercased() {
            case "on", "yes", "true": mouse = true
            case "off", "no", "false": mouse = false
            default: return Localized("mouse is on or off, not '\(parts[1])'", ru: "mouse — on или off, а не '\(parts[1])'")
            }
        default:
            return Localized(
                "unknown setting '\(parts[0])' — one of language, mouse",
                ru: "неизвестная настройка '\(parts[0])' — одна из language, mouse")
        }
        return nil
    }
}
