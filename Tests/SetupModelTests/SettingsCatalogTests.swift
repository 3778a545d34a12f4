import Foundation
import Testing

@testable import SetupModel

/// Walks the settings catalog: every entry names a real place in the document, says enough
/// for a person in both languages, reads and writes what it names, and every problem
/// validation can report belongs to an entry that applies when the problem occurs.
struct SettingsCatalogTests {
    /// Every list of every place holds an entry, every condition a group with a clause, every
    /// optional value is set: so that every catalog path exists in its encoding.
    static var fullyFilled: Profile {
        var p = Fixtures.profile
        p.callGear.dataAPIURL = "https://dataapi.example/v2.0"
        let clause = { (param: ConditionParam) in Condition(anyOf: [ConditionGroup(allOf: [Clause(param, .allow, ["x"])])]) }
        for kind in CommunicationKind.allCases {
            let param: ConditionParam = kind == .chat ? .site : .formName
            var s = p.settings(for: kind)
            s.enabled = true
            s.defaultResponsible = "1"
            s.responsibleRules = [ResponsibleRule(condition: clause(param), responsible: "7")]
            let target = StageTarget(leadStage: "NEW", dealCategory: "0", dealStage: "NEW")
            let funnels = FunnelSettings(
                applyCustomStages: true, rules: [FunnelRule(condition: clause(param), target: target)], defaults: target)
            s.firstContact = ContactHandling(create: [.lead, .deal], funnels: funnels)
            s.repeatedContact = ContactHandling(create: [.lead, .deal, .activity], funnels: funnels)
            s.commentPriority = .toBoth
            if kind == .chat { p.chats = s } else { p.offline = s }
        }
        p.offline.channels = ["111"]
        p.other.chatFilter = clause(.site)
        p.other.offlineFilter = clause(.formType)
        p.other.fieldMappings[0].value = "79"
        p.other.templates.append(NameTemplate(eventType: .offline, text: "Заявка {{visitor_name}}"))
        return p
    }

    /// A concrete path for a pattern: every "any position" is the first.
    static func concrete(_ pattern: SettingPath) -> SettingPath {
        SettingPath(parsing: pattern.description.replacingOccurrences(of: "[]", with: "[0]"))!
    }

    static func node(at path: SettingPath, in root: JSONNode) -> JSONNode? {
        var node = root
        for step in path.steps {
            switch (step, node.value) {
            case (.key(let key), .object(let members)):
                guard let next = members.first(where: { $0.key == key })?.value else { return nil }
                node = next
            case (.index(let i), .array(let items)):
                guard items.indices.contains(i) else { return nil }
                node = items[i]
            default:
                return nil
            }
        }
        return node
    }

    static var profileEntries: [SettingDefinition] {
        SettingsCatalog.entries.filter { !SettingPath.AccountForm.base.contains($0.pattern) }
    }

    @Test func everyPathExistsInAFullyFilledProfile() throws {
        let profile = Self.fullyFilled
        let encoder = JSONEncoder()
        encoder.userInfo[.includeSecrets] = true
        let tree = try JSONParser.parse(Array(try encoder.encode(profile)))
        for entry in Self.profileEntries {
            let path = Self.concrete(entry.pattern)
            #expect(Self.node(at: path, in: tree) != nil, "\(path) is not in the document")
            #expect(entry.value(in: profile, at: path) != nil, "\(path) reads nothing")
            // Comment priority applies only while repeated contact creates no lead or deal.
            var activityOnly = profile
            for kind in CommunicationKind.allCases {
                if kind == .chat {
                    activityOnly.chats.repeatedContact.create = [.activity]
                } else {
                    activityOnly.offline.repeatedContact.create = [.activity]
                }
            }
            let applies = entry.applies(profile, path) || entry.applies(activityOnly, path)
            #expect(applies, "\(path) does not apply to a filled profile")
            #expect(SettingsCatalog.entry(at: path)?.pattern == entry.pattern)
        }
    }

    @Test func everyEntryHasASectionBothLabelsAndAHint() {
        var patterns: Set<SettingPath> = []
        for entry in SettingsCatalog.entries {
            #expect(patterns.insert(entry.pattern).inserted, "\(entry.pattern) is in the catalog twice")
            #expect(!entry.label.en.isEmpty && !entry.label.ru.isEmpty, "\(entry.pattern) lacks a label")
            #expect(!entry.hint.en.isEmpty && !entry.hint.ru.isEmpty, "\(entry.pattern) lacks a hint")
            #expect(entry.label.en != entry.label.ru || entry.label.en.allSatisfy(\.isASCII), "\(entry.pattern)")
            #expect(SettingsSection.allCases.contains(entry.section))
        }
        // Russian labels are Russian (a few names stay as the vendor spells them).
        let untranslated = SettingsCatalog.entries.filter { $0.label.ru == $0.label.en }.map(\.pattern.description)
        #expect(
            Set(untranslated).isSubset(of: [
                "accountForm.clientID", "accountForm.clientSecret", "accountForm.accessToken", "accountForm.refreshToken",
                "callGear.channels[].id",
            ]), "\(untranslated)")
    }

    @Test func valuesWrittenThroughTheCatalogReadBack() throws {
        for entry in Self.profileEntries where entry.isWritable {
            var profile = Self.fullyFilled
            let path = Self.concrete(entry.pattern)
            let new: SettingValue =
                switch try #require(entry.value(in: profile, at: path)) {
                case .toggle(let on): .toggle(!on)
                case .text(let text): .text(text + "x")
                case .reference: .reference("42")
                case .list(let items): .list(Array(items.dropLast()))
                case .choice(let raw):
                    if case .choice(let options) = entry.kind, let other = options.first(where: { $0.raw != raw }) {
                        .choice(other.raw)
                    } else {
                        .choice(raw)
                    }
                case .entries(let n): .entries(n)
                }
            entry.set(new, in: &profile, at: path)
            #expect(entry.value(in: profile, at: path) == new, "\(path)")
        }
    }

    @Test func bindingsKeepTheModelsInvariants() throws {
        var profile = Self.fullyFilled
        let stage = SettingPath.chats.firstContact.funnels.defaults
        try #require(SettingsCatalog.entry(at: stage.dealCategory)).set(.reference("3"), in: &profile, at: stage.dealCategory)
        #expect(profile.chats.firstContact.funnels.defaults.dealStage == nil, "a new funnel clears its stage")
        let same = SettingPath.chats.firstContact.funnels.rules[0].target
        try #require(SettingsCatalog.entry(at: same.dealCategory)).set(.reference("0"), in: &profile, at: same.dealCategory)
        #expect(profile.chats.firstContact.funnels.rules[0].target.dealStage == "NEW", "the same funnel keeps it")
        let mapping = SettingPath.other.fieldMappings[0]
        try #require(SettingsCatalog.entry(at: mapping.entity)).set(.choice("deal"), in: &profile, at: mapping.entity)
        #expect(profile.other.fieldMappings[0].field.isEmpty, "another entity clears the field")
        // A position that is not there is neither read nor written.
        let gone = SettingPath.chats.responsibleRules[5].responsible
        let entry = try #require(SettingsCatalog.entry(at: gone))
        #expect(entry.value(in: profile, at: gone) == nil)
        entry.set(.reference("1"), in: &profile, at: gone)
        #expect(profile.chats.responsibleRules.count == 1)
    }

    /// Broken profiles, each one setting emptied or flipped from the fully filled one (and
    /// from a few shapes of it): every problem validation reports lies under an entry, and
    /// that entry and every entry above it apply — its row is on screen.
    @Test func everyProblemBelongsToAVisibleSetting() {
        var shapes = [Self.fullyFilled]
        var activityOnly = Self.fullyFilled
        activityOnly.chats.repeatedContact.create = [.activity]
        activityOnly.chats.commentPriority = nil
        shapes.append(activityOnly)
        var offlineOff = Self.fullyFilled
        offlineOff.offline.enabled = false
        shapes.append(offlineOff)
        var broken: [Profile] = []
        for shape in shapes {
            broken.append(shape)
            for entry in Self.profileEntries where entry.isWritable {
                let path = Self.concrete(entry.pattern)
                guard let value = entry.value(in: shape, at: path) else { continue }
                var emptied = shape
                let empty: SettingValue =
                    switch value {
                    case .toggle(let on): .toggle(!on)
                    case .text: .text("")
                    case .reference: .reference(nil)
                    case .list: .list([])
                    case .choice(let raw): .choice(raw)
                    case .entries(let n): .entries(n)
                    }
                entry.set(empty, in: &emptied, at: path)
                broken.append(emptied)
                var unknown = shape
                if case .list = value { entry.set(.list(["nope", "nope"]), in: &unknown, at: path) }
                if case .text = value { entry.set(.text("{{nope}} ~bad"), in: &unknown, at: path) }
                broken.append(unknown)
            }
        }
        var seen: Set<String> = []
        for profile in broken {
            for problem in profile.validate(knownAccounts: [Fixtures.domain.description]) {
                seen.insert(problem.path.pattern.description)
                guard let owner = SettingsCatalog.owner(of: problem.path) else {
                    Issue.record("\(problem.path) belongs to no setting: \(problem.message)")
                    continue
                }
                var current: SettingPath? = problem.path
                while let p = current, !p.isEmpty {
                    if let entry = SettingsCatalog.entry(at: p) {
                        #expect(entry.applies(profile, p), "\(problem.path) is reported while \(p) is hidden")
                    }
                    current = p.parent
                }
                #expect(SettingsCatalog.section(of: problem.path) == owner.section)
            }
        }
        // The walk really reached problems deep inside rules and conditions.
        #expect(seen.contains("chats.responsibleRules[].condition.anyOf[].allOf[].values"), "\(seen.sorted())")
        #expect(seen.contains("offline.repeatedContact.funnels.rules[].target.dealStage"), "\(seen.sorted())")
        #expect(seen.contains("chats.channels[]"), "\(seen.sorted())")
        #expect(seen.contains("other.templates[].text"), "\(seen.sorted())")
    }

    @Test func labelsAndTrailsCountFromOne() {
        #expect(SettingsCatalog.label(of: SettingPath.chats.responsibleRules[1]) == "Responsible rule 2")
        #expect(
            SettingsCatalog.trail(of: SettingPath.chats.responsibleRules[1].responsible)
                == "Chat responsible filter › Responsible rule 2 › Responsible")
        #expect(
            SettingsCatalog.label(of: SettingPath.offline.defaultResponsible, .ru)
                == "Ответственный за офлайн-заявки по умолчанию")
        #expect(SettingsCatalog.section(of: SettingPath.chats.channels[0]) == .chats)
        #expect(SettingsCatalog.section(of: SettingPath.offline.firstContact.funnels.rules[0].target.leadStage) == .offline)
    }

    @Test func pathsPrintAndParseBack() {
        let path = SettingPath.chats.firstContact.funnels.rules[2].condition.anyOf[0].allOf[1].values
        #expect(path.description == "chats.firstContact.funnels.rules[2].condition.anyOf[0].allOf[1].values")
        #expect(SettingPath(parsing: path.description) == path)
        #expect(path.indices == [2, 0, 1])
        #expect(SettingPath.chats.channels.contains(SettingPath.chats.channels[0]))
        #expect(!SettingPath.chats.channels.contains(SettingPath.chats.defaultResponsible))
        for bad in ["chats..enabled", "chats[", "chats[-1]", "chats.", ".chats", "a[0]."] {
            #expect(SettingPath(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func defaultsAreANewProfiles() {
        let fresh = Profile(name: "x", region: .latvia)
        for entry in Self.profileEntries where !entry.pattern.steps.contains(.anyIndex) && entry.pattern != .name {
            #expect(entry.defaultValue == entry.value(in: fresh, at: entry.pattern), "\(entry.pattern)")
        }
        #expect(SettingsCatalog.entry(at: SettingPath.offline.createOn) == nil, "offline requests have no create-on moment")
        #expect(SettingsCatalog.entry(at: SettingPath.chats.commentPriority)?.defaultValue == .choice("to_deals"))
    }

    /// The catalog is built once, by whichever caller comes first: a Russian first caller must
    /// not leave Russian in the English texts (CI once drew "‹ В сделки ›" on an English screen).
    @Test func theCatalogIsTheSameWhicheverLanguageBuildsIt() {
        func texts(_ language: Language) -> [String] {
            Language.$override.withValue(language) {
                SettingsCatalog.build().flatMap { entry -> [String] in
                    var all = [entry.pattern.description, entry.label.en, entry.label.ru, entry.hint.en, entry.hint.ru]
                    if case .choice(let options) = entry.kind {
                        all += options.flatMap { [$0.raw, $0.label.en, $0.label.ru] }
                    }
                    return all
                }
            }
        }
        let english = texts(.en)
        let russian = texts(.ru)
        #expect(english.count == russian.count)
        for (a, b) in zip(english, russian) where a != b {
            Issue.record("built in English: \(a) — built in Russian: \(b)")
        }
        let cyrillic = { (s: String) in s.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) } }
        for entry in SettingsCatalog.entries {
            #expect(!cyrillic(entry.label.en), "\(entry.pattern)")
            if case .choice(let options) = entry.kind {
                for option in options { #expect(!cyrillic(option.label.en), "\(entry.pattern) \(option.raw)") }
            }
        }
    }
}
