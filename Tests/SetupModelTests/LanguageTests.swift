import Foundation
import SetupModel
import Testing

/// Which language is in force and how words are chosen: the locale variables as POSIX
/// orders them, `--lang`'s spellings, Russian plurals, a task's own language.
@Suite struct LanguageTests {
    @Test func theLocaleVariablesDecideInPOSIXOrder() {
        #expect(Language.fromEnvironment([:]) == .en)
        #expect(Language.fromEnvironment(["LANG": "ru_RU.UTF-8"]) == .ru)
        #expect(Language.fromEnvironment(["LANG": "C.UTF-8"]) == .en)
        // LC_ALL wins over LC_MESSAGES, which wins over LANG; an empty one does not count.
        #expect(Language.fromEnvironment(["LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8", "LANG": "ru_RU"]) == .en)
        #expect(Language.fromEnvironment(["LC_ALL": "", "LC_MESSAGES": "ru_RU.UTF-8", "LANG": "en_GB"]) == .ru)
        #expect(Language.fromEnvironment(["LC_MESSAGES": "", "LANG": "ru_UA.UTF-8"]) == .ru)
        // A locale this machine lacks still chooses Russian: the words are ours.
        #expect(Language.fromEnvironment(["LANG": "ru_RU.KOI8-R"]) == .ru)
    }

    @Test func langArgumentSpellings() {
        for ru in ["ru", "RU", "russian", "ru_RU.UTF-8", "русский"] { #expect(Language(argument: ru) == .ru, "\(ru)") }
        for en in ["en", "English", "en_US.UTF-8", "C"] { #expect(Language(argument: en) == .en, "\(en)") }
        for bad in ["de", "", "r", "eng"] { #expect(Language(argument: bad) == nil, "\(bad)") }
    }

    @Test func russianHasThreePluralForms() {
        let forms = [
            0: "правил", 1: "правило", 2: "правила", 4: "правила", 5: "правил", 11: "правил", 12: "правил", 21: "правило",
            22: "правила", 25: "правил", 101: "правило", 111: "правил",
        ]
        for (n, form) in forms { #expect(russianPlural(n, "правило", "правила", "правил") == form, "\(n)") }
        Language.$override.withValue(.ru) {
            #expect(counted(3, "rule", "rules", ru: "правило", "правила", "правил") == "3 правила")
        }
        Language.$override.withValue(.en) {
            #expect(counted(1, "rule", "rules", ru: "правило", "правила", "правил") == "1 rule")
            #expect(counted(3, "rule", "rules", ru: "правило", "правила", "правил") == "3 rules")
        }
    }

    /// Two tasks speak two languages at once (tests of both run side by side).
    @Test func aTaskSpeaksItsOwnLanguage() async {
        async let russian = Language.$override.withValue(.ru) { () async -> String in
            await Task.yield()
            return tr("Save", ru: "Сохранить")
        }
        async let english = Language.$override.withValue(.en) { () async -> String in
            await Task.yield()
            return tr("Save", ru: "Сохранить")
        }
        #expect(await russian == "Сохранить")
        #expect(await english == "Save")
    }

    /// Words built in the model follow the language: validation, labels, region names.
    @Test func theModelSpeaksTheLanguageInForce() {
        let profile = Profile(name: "", region: .dubai)
        Language.$override.withValue(.ru) {
            #expect(profile.validate(knownAccounts: []).contains { $0.message == "у профиля должно быть название" })
            #expect(Region.dubai.displayName == "Дубай")
            #expect(SettingsCatalog.label(of: .integrationActive) == "Интеграция активна")
        }
        Language.$override.withValue(.en) {
            #expect(profile.validate(knownAccounts: []).contains { $0.message == "the profile needs a name" })
            #expect(SettingsCatalog.label(of: .integrationActive) == "Integration is active")
        }
    }

    /// Every `tr(…)` in the sources has a Russian text that is Russian.
    @Test func everyTranslatedTextHasRussian() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files =
            FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter {
                $0.hasSuffix(".swift")
            } ?? []
        let literal = #""((?:[^"\\]|\\.)*)""#
        let pattern = try NSRegularExpression(pattern: #"\btr\(\s*"# + literal + #",\s*ru:\s*"# + literal + #"\s*\)"#)
        var count = 0
        for file in files {
            let text = try String(contentsOfFile: sources.appendingPathComponent(file).path, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let en = String(text[Range(match.range(at: 1), in: text)!])
                let ru = String(text[Range(match.range(at: 2), in: text)!])
                count += 1
                let hasLetters = en.range(of: "[A-Za-z]{2,}", options: .regularExpression) != nil
                #expect(
                    !hasLetters || ru.range(of: "[А-Яа-яЁё]", options: .regularExpression) != nil
                        || ru.range(of: "[A-Za-z]", options: .regularExpression) == nil,
                    "\(file): “\(en)” has no Russian (“\(ru)”)")
            }
        }
        #expect(count > 600, "only \(count) texts found")
    }
}
