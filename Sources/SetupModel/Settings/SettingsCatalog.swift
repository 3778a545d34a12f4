/// The settings catalog: one entry per setting of the vendor's cabinet — path, English and
/// Russian label, hint, section, required, when it applies, its default, and how it is read
/// and written. Screens, validation, routing explanations, `profile show`, diffs and search
/// derive from it. To add a setting: the model property, one entry here, its row in a
/// screen's layout, and routing behaviour if it has any.
public enum SettingsCatalog {
    /// A new profile, as the model's initialisers make it: the source of every default.
    public static let defaultProfile = Profile(name: "", region: .latvia)

    public static let entries: [SettingDefinition] = build()

    private static let byPattern: [SettingPath: Int] = Dictionary(
        uniqueKeysWithValues: entries.enumerated().map { ($1.pattern, $0) })

    /// The entry of exactly this place, if the place is a setting.
    public static func entry(at path: SettingPath) -> SettingDefinition? {
        byPattern[path.pattern].map { entries[$0] }
    }

    /// The entry `path` belongs to: its own, or the nearest one above it (a problem deep in a
    /// condition belongs to the condition's clause).
    public static func owner(of path: SettingPath) -> SettingDefinition? {
        var current: SettingPath? = path
        while let p = current, !p.isEmpty {
            if let entry = entry(at: p) { return entry }
            current = p.parent
        }
        return nil
    }

    /// The value at a concrete path of the profile, if the path is a setting that is there.
    public static func value(at path: SettingPath, in profile: Profile) -> SettingValue? {
        entry(at: path)?.value(in: profile, at: path)
    }

    /// The section whose screen shows `path`.
    public static func section(of path: SettingPath) -> SettingsSection? { owner(of: path)?.section }

    /// A label a person reads for any path: the entry's, and for an entry of a list its
    /// position counted from 1 ("Funnel rule 2").
    public static func label(of path: SettingPath, _ language: Language = .current) -> String {
        guard let entry = owner(of: path) else { return path.description }
        var text = entry.label.text(language)
        if entry.pattern.steps.last == .anyIndex, entry.pattern.steps.count <= path.steps.count,
            case .index(let i) = path.steps[entry.pattern.steps.count - 1]
        {
            text += " \(i + 1)"
        }
        return text
    }

    /// The labels from the outermost setting down to `path`: "Chat responsible filter ›
    /// Responsible rule 2 › Responsible". What explanations and reports show.
    public static func trail(of path: SettingPath, _ language: Language = .current) -> String {
        var labels: [String] = []
        var current: SettingPath? = path
        while let p = current, !p.isEmpty {
            if entry(at: p) != nil { labels.append(label(of: p, language)) }
            current = p.parent
        }
        return labels.isEmpty ? path.description : labels.reversed().joined(separator: " › ")
    }

    // MARK: Building

    static func build() -> [SettingDefinition] {
        var all: [SettingDefinition] = []
        all += profileEntries()
        all += callGearEntries()
        for kind in CommunicationKind.allCases {
            all += communicationEntries(kind)
        }
        all += otherEntries()
        all += accountFormEntries()
        for owner in ConditionOwner.all {
            all += conditionEntries(owner)
        }
        return all
    }

    static func def(
        _ pattern: SettingPath, _ en: String, ru: String, hint: Localized, section: SettingsSection,
        required: Bool = false, kind: SettingKind, applies: @escaping @Sendable (Profile, SettingPath) -> Bool = { _, _ in true },
        read: @escaping @Sendable (Profile, [Int]) -> SettingValue?,
        write: (@Sendable (inout Profile, [Int], SettingValue) -> Void)? = nil
    ) -> SettingDefinition {
        SettingDefinition(
            pattern: pattern, label: Localized(en, ru: ru), hint: hint, section: section, required: required, kind: kind,
            applies: applies, read: read, write: write)
    }

    static func hint(_ en: String, ru: String) -> Localized { Localized(en, ru: ru) }

    private static func profileEntries() -> [SettingDefinition] {
        [
            def(
                .name, "Profile name", ru: "Название профиля",
                hint: hint(
                    "The handle used on the command line; unique in the store.",
                    ru: "Имя для командной строки; в хранилище не повторяется."), section: .accounts, required: true,
                kind: .text(masked: false), read: { p, _ in .text(p.name) },
                write: { p, _, v in if case .text(let t) = v { p.name = t } }),
            def(
                .region, "Region", ru: "Регион",
                hint: hint(
                    "Latvia: go.callgear.com and the Bitrix24 app \"CallGear\"; Dubai: go.callgear.ae and \"CallGear UAE\".",
                    ru: "Латвия: go.callgear.com и приложение Битрикс24 «CallGear»; Дубай: go.callgear.ae и «CallGear UAE»."),
                section: .accounts, required: true,
                kind: .choice(Region.allCases.map { ChoiceOption($0.rawValue, Localized($0.englishName, ru: $0.russianName)) }),
                read: { p, _ in .choice(p.region.rawValue) },
                write: { p, _, v in if case .choice(let raw) = v, let r = Region(rawValue: raw) { p.region = r } }),
            def(
                .account, "Account", ru: "Аккаунт",
                hint: hint(
                    "The Bitrix24 portal this profile sets up. Add portals below; one CallGear account may serve several.",
                    ru:
                        "Портал Битрикс24, который настраивает профиль. Порталы добавляются ниже; один аккаунт CallGear может обслуживать несколько."
                ), section: .accounts, required: true, kind: .account,
                read: { p, _ in .reference(p.account.isEmpty ? nil : p.account) },
                write: { p, _, v in if case .reference(let id) = v { p.account = id ?? "" } }),
            def(
                .integrationActive, "Integration is active", ru: "Интеграция активна",
                hint: hint(
                    "Nothing configured takes effect until this is on and saved. Also in the header: F6 or Ctrl-T from any screen.",
                    ru:
                        "Пока переключатель выключен и не сохранён, ничто из настроенного не работает. Также в заголовке: F6 или Ctrl-T с любого экрана."
                ), section: .other, kind: .toggle, read: { p, _ in .toggle(p.integrationActive) },
                write: { p, _, v in if case .toggle(let b) = v { p.integrationActive = b } }),
        ]
    }

    private static func callGearEntries() -> [SettingDefinition] {
        let channels = SettingPath.callGear.channels
        let channel = channels[0].pattern
        @Sendable func has(_ p: Profile, _ i: [Int]) -> Bool { i.count == 1 && p.callGear.channels.indices.contains(i[0]) }
        return [
            def(
                SettingPath.callGear.dataAPIURL, "Data API address", ru: "Адрес Data API",
                hint: hint(
                    "Empty: the region's address. Dubai's is inferred, so it may need typing here.",
                    ru: "Пусто — адрес региона. Для Дубая он выведен, поэтому его может понадобиться ввести."),
                section: .other, kind: .text(masked: false), read: { p, _ in .text(p.callGear.dataAPIURL ?? "") },
                write: { p, _, v in if case .text(let t) = v { p.callGear.dataAPIURL = t.isEmpty ? nil : t } }),
            def(
                SettingPath.callGear.dataAPIKey, "Data API key", ru: "Ключ Data API",
                hint: hint(
                    "With a key the channels and CallGear lists load from the Data API; without one they are typed by hand.",
                    ru: "С ключом каналы и списки CallGear загружаются из Data API; без него их вводят вручную."),
                section: .other, kind: .text(masked: true), read: { p, _ in .text(p.callGear.dataAPIKey?.value ?? "") },
                write: { p, _, v in if case .text(let t) = v { p.callGear.dataAPIKey = t.isEmpty ? nil : Secret(t) } }),
            def(
                channels, "CallGear channels", ru: "Каналы CallGear",
                hint: hint(
                    "Without a Data API key the channel list is typed here: ID, name and type of each.",
                    ru: "Без ключа Data API список каналов вводится здесь: ID, название и тип каждого."),
                section: .chats, kind: .entries, read: { p, _ in .entries(p.callGear.channels.count) }),
            def(
                channel, "Channel", ru: "Канал",
                hint: hint("A CallGear chat channel: ID, name and type.", ru: "Канал чатов CallGear: ID, название и тип."),
                section: .chats, kind: .entry,
                read: { p, i in has(p, i) ? .entries(1) : nil }),
            def(
                channel.id, "ID", ru: "ID",
                hint: hint("The channel's ID in CallGear Widgets → Channels.", ru: "ID канала в CallGear: Виджеты → Каналы."),
                section: .chats, required: true, kind: .text(masked: false),
                read: { p, i in has(p, i) ? .text(p.callGear.channels[i[0]].id) : nil },
                write: { p, i, v in if case .text(let t) = v { p.callGear.channels[i[0]].id = t } }),
            def(
                channel.channelName, "Name", ru: "Название",
                hint: hint("The channel's name as CallGear shows it.", ru: "Название канала, как его показывает CallGear."),
                section: .chats, kind: .text(masked: false),
                read: { p, i in has(p, i) ? .text(p.callGear.channels[i[0]].name) : nil },
                write: { p, i, v in if case .text(let t) = v { p.callGear.channels[i[0]].name = t } }),
            def(
                channel.type, "Type", ru: "Тип",
                hint: hint(
                    "The Data API's channel type: whatsapp, telegram, comagic (site chat), …",
                    ru: "Тип канала в Data API: whatsapp, telegram, comagic (чат на сайте), …"),
                section: .chats,
                kind: .choice(ChatChannel.knownTypes.map { ChoiceOption($0, Localized($0, ru: $0)) }),
                read: { p, i in has(p, i) ? .choice(p.callGear.channels[i[0]].type) : nil },
                write: { p, i, v in if case .choice(let t) = v { p.callGear.channels[i[0]].type = t } }),
        ]
    }
}

extension Region {
    /// The region's name in Russian, as the vendor's instruction writes it.
    public var russianName: String {
        switch self {
        case .latvia: "Латвия"
        case .dubai: "Дубай"
        }
    }
}

extension SettingsCatalog {
    /// Every setting of this profile as a concrete path: each entry once, and each entry of a
    /// list once per element the profile holds (rule 3's responsible, clause 1.2's values).
    /// Only what applies to the profile. What search and undo's messages walk.
    public static func instances(in profile: Profile) -> [SettingPath] {
        var found: [SettingPath] = []
        var seen: Set<SettingPath> = []
        func add(_ path: SettingPath) {
            guard let entry = entry(at: path), !SettingPath.AccountForm.base.contains(path), entry.applies(profile, path),
                entry.value(in: profile, at: path) != nil, seen.insert(path).inserted
            else { return }
            found.append(path)
        }
        for entry in entries where !entry.pattern.steps.contains(.anyIndex) { add(entry.pattern) }
        func walk(_ node: JSONNode, _ path: SettingPath) {
            add(path)
            switch node.value {
            case .object(let members): for (key, value) in members { walk(value, path.key(key)) }
            case .array(let items): for (i, item) in items.enumerated() { walk(item, path[i]) }
            default: break
            }
        }
        walk(profile.jsonTree, .root)
        return found
    }
}
