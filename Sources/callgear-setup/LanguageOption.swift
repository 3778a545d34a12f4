import ArgumentParser
import Foundation
import SetupModel

/// `--lang ru|en` on every command. Declared here for help and checking; the language is
/// chosen from the raw arguments before parsing (`choose`), so even a parse failure and
/// the config file's own problems are told in it.
struct LanguageOption: ParsableArguments {
    @Option(
        name: .customLong("lang"),
        help: ArgumentHelp(
            tr(
                "Language of screens and messages: ru or en (default: the config file's 'language', else LC_ALL, LC_MESSAGES, LANG — ru_* is Russian).",
                ru:
                    "Язык экранов и сообщений: ru или en (по умолчанию — 'language' из файла настроек, иначе LC_ALL, LC_MESSAGES, LANG — ru_* значит русский)."
            ),
            valueName: "ru|en"))
    var lang: String?

    func validate() throws {
        if let lang, Language(argument: lang) == nil {
            throw ValidationError("--lang: '\(lang)' is not ru or en")
        }
    }

    /// `--lang` if given, else the config file, else the locale variables.
    static func choose(arguments: [String], config: OperatorConfig, environment: [String: String]) -> Language {
        for (i, argument) in arguments.enumerated() {
            if argument == "--lang", i + 1 < arguments.count, let chosen = Language(argument: arguments[i + 1]) {
                return chosen
            } else if argument.hasPrefix("--lang="), let chosen = Language(argument: String(argument.dropFirst(7))) {
                return chosen
            }
        }
        return config.language ?? Language.fromEnvironment(environment)
    }
}
