import SetupModel
import TerminalUI

/// `/` finds any setting of the profile: by its labels in English (the vendor's cabinet) and
/// Russian, its hint, its place and its current value (names, not IDs). Enter jumps to it —
/// section opened, rule opened, row focused — and `n` / `N` step through the same results.
enum SettingSearch {
    /// One item per setting of the profile, in section order.
    static func items(_ model: ConsoleModel) -> [PickItem] {
        let names = FormScreen.names(model)
        let profile = model.profile
        let paths = SettingsCatalog.instances(in: profile).enumerated().compactMap { index, path in
            SettingsCatalog.entry(at: path).map { (index, path, $0) }
        }
        .sorted { ($0.2.section.rawValue, $0.0) < ($1.2.section.rawValue, $1.0) }
        return paths.map { _, path, entry in
            let value = entry.value(in: profile, at: path).map { text($0, entry.kind, names) } ?? ""
            return PickItem(
                id: path.description, title: SettingsCatalog.trail(of: path),
                detail: "\(entry.section.title.text) · \(TextSanitizer.line(value))",
                keywords: [
                    SettingsCatalog.trail(of: path, .en), SettingsCatalog.trail(of: path, .ru), entry.hint.en, entry.hint.ru,
                    entry.section.title.en, entry.section.title.ru,
                ]
                .joined(separator: " "))
        }
    }

    /// A value as a person reads it in a result line.
    static func text(_ value: SettingValue, _ kind: SettingKind, _ names: Names) -> String {
        switch (value, kind) {
        case (.toggle(let on), _): return on ? tr("on", ru: "вкл") : tr("off", ru: "выкл")
        case (.text(let t), .text(let masked)): return t.isEmpty ? "—" : masked ? Secret(t).masked : t
        case (.choice(let raw), .choice(let options)): return options.first { $0.raw == raw }?.label.text ?? raw
        case (.reference(let id), .user): return names.user(id)
        case (.reference(let id), .leadStage): return names.leadStage(id)
        case (.reference(let id), .funnel): return names.funnel(id)
        case (.reference(let id), _): return id ?? "—"
        case (.list(let ids), .channels): return ids.map(names.channel).joined(separator: ", ")
        case (.list(let items), _): return items.joined(separator: ", ")
        case (.entries(let n), _): return "\(n)"
        default: return ""
        }
    }

    /// Opens the search over the screens.
    static func open(_ model: inout ConsoleModel) {
        let items = items(model)
        var list = PickList(items)
        list.show(rows: ConsoleProgram.pickerRows(screenHeight: model.height))
        model.picker = PickerState(
            title: tr(
                "Find a setting — English or Russian label, hint, value",
                ru: "Поиск настройки — русская или английская подпись, подсказка, значение"), single: list, commit: .search)
    }

    /// Enter on a result: jump there, and keep the results for `n` / `N`.
    static func choose(_ id: String?, among matches: [String], _ model: inout ConsoleModel) {
        guard let id, let path = SettingPath(parsing: id) else { return }
        model.searchResults = matches.compactMap(SettingPath.init(parsing:))
        model.searchIndex = model.searchResults.firstIndex(of: path) ?? 0
        jump(&model)
    }

    /// `n` (forward) or `N` (back): the next result of the last search.
    static func step(_ by: Int, _ model: inout ConsoleModel) {
        guard !model.searchResults.isEmpty else {
            model.status = StatusLine(tr("No search yet — / finds a setting", ru: "Поиска ещё не было — / ищет настройку"))
            return
        }
        let count = model.searchResults.count
        model.searchIndex = ((model.searchIndex + by) % count + count) % count
        jump(&model)
    }

    static func jump(_ model: inout ConsoleModel) {
        let path = model.searchResults[model.searchIndex]
        model.sidebarFocused = false
        FormScreen.jump(to: path, &model)
        model.status = StatusLine(
            SettingsCatalog.trail(of: path)
                + tr(
                    " — result \(model.searchIndex + 1) of \(model.searchResults.count) (n next, N back)",
                    ru: " — результат \(model.searchIndex + 1) из \(model.searchResults.count) (n далее, N назад)")
        )
    }
}
