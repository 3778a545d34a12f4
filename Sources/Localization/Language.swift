/// Why this module exists: the vendor's document is Russian and its cabinet English, so an
/// operator works in either. Every word a person reads is written once, in both languages,
/// where it is used (`tr("Save", ru: "Сохранить")`), and the language is decided once per
/// process — or per task, so tests can draw both languages side by side.
import Foundation
import Synchronization

/// The two languages of the console and the commands: the vendor's English cabinet and Russian.
public enum Language: String, Sendable, CaseIterable, Codable {
    case en
    case ru

    /// A test (or one task) can speak another language than the process.
    @TaskLocal public static var override: Language?

    private static let processLanguage = Atomic<UInt8>(0)

    /// The language in force here: the task's override, else the process's.
    public static var current: Language {
        override ?? (processLanguage.load(ordering: .relaxed) == 1 ? .ru : .en)
    }

    /// Set once, when the command line has been read.
    public static func setProcessLanguage(_ language: Language) {
        processLanguage.store(language == .ru ? 1 : 0, ordering: .relaxed)
    }

    /// The language the environment asks for, as POSIX decides the messages' locale:
    /// `LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first one set and non-empty wins.
    /// `ru`, `ru_RU.UTF-8`, `ru_UA` → Russian; anything else → English. Whether the
    /// locale is installed does not matter: the words are ours, not the C library's.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.lowercased().hasPrefix("ru") ? .ru : .en
            }
        }
        return .en
    }

    /// `--lang ru|en` (also `russian`, `english`, `ru_RU.UTF-8`); nil for anything else.
    public init?(argument: String) {
        let value = argument.lowercased()
        if value == "ru" || value == "russian" || value.hasPrefix("ru_") || value == "рус" || value == "русский" {
            self = .ru
        } else if value == "en" || value == "english" || value.hasPrefix("en_") || value == "c" || value == "posix" {
            self = .en
        } else {
            return nil
        }
    }
}

/// One text in both languages; which one is read is decided where it is shown.
public struct Localized: Hashable, Sendable, CustomStringConvertible {
    public let en: String
    public let ru: String

    public init(_ en: String, ru: String) {
        self.en = en
        self.ru = ru
    }

    public func text(_ language: Language) -> String { language == .en ? en : ru }

    /// In the language in force.
    public var text: String { text(Language.current) }

    public var description: String { text }
}

/// The word for a person, in the language in force: `tr("Save", ru: "Сохранить")`.
@inline(__always)
public func tr(_ en: String, ru: String) -> String {
    Language.current == .ru ? ru : en
}
