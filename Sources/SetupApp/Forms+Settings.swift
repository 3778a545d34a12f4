import SetupModel

/// Rows of catalog settings: the widget follows the entry's kind and the value is read and
/// written through the entry's binding, so a form names a setting and nothing else about it.
extension Forms {
    /// A value setting's row. `options` replaces a choice's labels where the screen says more
    /// (the region with its cabinet); `placeholder` is what an empty text field shows.
    func setting(
        _ path: SettingPath, placeholder: String = "", options: [String]? = nil, hint: String? = nil, label: String? = nil
    ) -> Field {
        guard let entry = SettingsCatalog.entry(at: path) else {
            return Field(tr("(no setting \(path))", ru: "(нет настройки \(path))"), .note)
        }
        let read: (Workspace) -> SettingValue? = { entry.value(in: $0.profile, at: path) }
        let write: (inout Workspace, SettingValue) -> Void = { entry.set($1, in: &$0.profile, at: path) }
        func reference(_ ws: Workspace) -> String? {
            if case .reference(let id)? = read(ws) { return id }
            return nil
        }
        func list(_ ws: Workspace) -> [String] {
            if case .list(let items)? = read(ws) { return items }
            return []
        }
        let setReference: (inout Workspace, String?) -> Void = { write(&$0, .reference($1)) }
        let setList: (inout Workspace, [String]) -> Void = { write(&$0, .list($1)) }
        let kind: Field.Kind
        switch entry.kind {
        case .toggle:
            kind = .toggle(
                get: {
                    if case .toggle(let on)? = read($0) { return on }
                    return false
                }, set: { write(&$0, .toggle($1)) })
        case .text(let masked):
            kind = .text(
                get: {
                    if case .text(let text)? = read($0) { return text }
                    return ""
                }, set: { write(&$0, .text($1)) }, masked: masked, placeholder: placeholder)
        case .choice(let choices):
            kind = .choice(
                options: options ?? choices.map(\.label.text),
                get: { ws in
                    guard case .choice(let raw)? = read(ws) else { return 0 }
                    return choices.firstIndex { $0.raw == raw } ?? 0
                },
                set: { ws, i in if choices.indices.contains(i) { write(&ws, .choice(choices[i].raw)) } })
        case .user: kind = .pick(.user, get: reference, set: setReference)
        case .leadStage: kind = .pick(.leadStage, get: reference, set: setReference)
        case .funnel: kind = .pick(.funnel, get: reference, set: setReference)
        case .dealStage:
            let funnel = sibling(path, \.dealCategory)?.referenceID
            kind = .pick(.dealStage(funnel: funnel), get: reference, set: setReference)
        case .account: kind = .pick(.account, get: reference, set: setReference)
        case .channels: kind = .multi(.channel, get: list, set: setList)
        case .entities: kind = .multi(.entities([.lead, .deal, .activity]), get: list, set: setList)
        case .conditionValues:
            let param = sibling(path, \.param)?.choiceRaw.flatMap(ConditionParam.init(rawValue:))
            kind = .multi(.values(param ?? .site), get: list, set: setList)
        case .crmField:
            let entity = sibling(path, \.entity)?.choiceRaw.flatMap(CRMEntity.init(rawValue:))
            kind = .pick(.field(entity ?? .lead), get: reference, set: setReference)
        case .variable: kind = .pick(.variable(nil), get: reference, set: setReference)
        case .listValue:
            let entity = sibling(path, \.entity)?.choiceRaw.flatMap(CRMEntity.init(rawValue:))
            let field = sibling(path, \.field)?.referenceID
            kind = .pick(.listValue(entity ?? .lead, field: field ?? ""), get: reference, set: setReference)
        case .entries, .condition, .entry:
            return Field(tr("(\(path) opens on its own screen)", ru: "(\(path) открывается на своём экране)"), .note)
        }
        return Field(setting: path, kind, label: label, hint: hint)
    }

    /// The value of the setting beside `path` (the funnel beside a stage, the param beside a
    /// clause's values, the entity beside a mapping's field).
    func sibling(_ path: SettingPath, _ name: KeyPath<SettingPath, SettingPath>) -> SettingValue? {
        path.parent.flatMap { SettingsCatalog.value(at: $0[keyPath: name], in: profile) }
    }

    /// A row that opens a list, a condition or an entry on its own screen.
    func opener(
        _ path: SettingPath, _ context: FormContext, summary: String, label: String? = nil,
        delete: ((inout Workspace) -> Void)? = nil, move: ((inout Workspace, Int) -> Bool)? = nil
    ) -> Field {
        Field(setting: path, .open(context, summary: summary), label: label, delete: delete, move: move)
    }

    /// Whether the catalog says `path` means something for the profile on screen.
    func applies(_ path: SettingPath) -> Bool {
        SettingsCatalog.entry(at: path)?.applies(profile, path) ?? true
    }
}
