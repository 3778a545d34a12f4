import Bitrix24
import PortalRouting
import SetupModel
import TerminalUI

/// The form on the right: moving between rows, editing the focused one, opening and
/// leaving nested forms, adding, deleting and moving list rows. Its keymap is the one the
/// key bar and help show while a form has the focus.
enum FormScreen {
    enum Action: Hashable, Sendable {
        case up, down, home, end, edit, back, previousOption, nextOption, add, delete, moveUp, moveDown, sidebar, section
    }

    /// The digit keys that jump to a section, as one binding for the bar, the help and dispatch.
    static let sectionDigits: [Key] = [
        .character("1"), .character("2"), .character("3"), .character("4"), .character("5"), .character("6"), .character("7"),
        .character("8"),
    ]

    static let keymap = Keymap<Action>(
        Localized("Form", ru: "Форма"),
        [
            KeyBinding([.up], .up, help: Localized("previous field", ru: "предыдущее поле")),
            KeyBinding([.down], .down, help: Localized("next field", ru: "следующее поле")),
            KeyBinding([.home], .home, help: Localized("first field", ru: "первое поле")),
            KeyBinding([.end], .end, help: Localized("last field", ru: "последнее поле")),
            KeyBinding(
                [.enter, .character(" ")], .edit, label: Localized("Edit", ru: "Изменить"),
                help: Localized(
                    "edit the field: flip a switch, type, pick, open a list",
                    ru: "изменить поле: переключить, ввести, выбрать, открыть список")),
            KeyBinding(
                [.escape], .back, label: Localized("Back", ru: "Назад"),
                help: Localized(
                    "leave a list or rule; from a section, go to the side list",
                    ru: "выйти из списка или правила; из раздела — к разделам")),
            KeyBinding(
                [.left], .previousOption,
                help: Localized(
                    "a choice: the previous option; elsewhere: back, as Esc",
                    ru: "выбор: предыдущий вариант; иначе — назад, как Esc")),
            KeyBinding([.right], .nextOption, help: Localized("a choice: the next option", ru: "выбор: следующий вариант")),
            KeyBinding(
                [.character("a"), .insert], .add,
                help: Localized("add a row to the list shown", ru: "добавить строку в показанный список")),
            KeyBinding(
                [.character("d"), .delete], .delete,
                help: Localized("delete the focused row (asks first)", ru: "удалить строку под курсором (сначала спросит)")),
            KeyBinding(
                [.character("[")], .moveUp,
                help: Localized(
                    "move the focused rule up (rules apply in order)", ru: "поднять правило (правила применяются по порядку)")),
            KeyBinding([.character("]")], .moveDown, help: Localized("move the focused rule down", ru: "опустить правило")),
            KeyBinding(
                [.tab, .backTab], .sidebar,
                help: Localized("switch between the side list and the form", ru: "переключиться между разделами и формой")),
            KeyBinding(
                sectionDigits, .section,
                help: Localized("jump to section 1–8 (outside the onboarding)", ru: "перейти к разделу 1–8 (вне подключения)")),
        ])

    enum EditingAction: Hashable, Sendable {
        case keep, cancel, insertVariable, revert, clear, deleteWord
    }

    /// Inside a text field. Keep, Cancel, Variable and Revert are the console's; the rest are
    /// the field's own (dispatched to it).
    static let editingKeymap = Keymap<EditingAction>(
        Localized("Typing", ru: "Ввод текста"),
        [
            KeyBinding(
                [.enter], .keep, label: Localized("Keep", ru: "Готово"), help: Localized("keep the text", ru: "оставить текст")),
            KeyBinding(
                [.escape], .cancel, label: Localized("Cancel", ru: "Отмена"),
                help: Localized("leave the field unchanged", ru: "оставить поле без изменений")),
            KeyBinding(
                [.control("v")], .insertVariable, label: Localized("Variable", ru: "Перем."),
                help: Localized(
                    "templates: insert a {{variable}} from a searchable list",
                    ru: "шаблоны: вставить {{переменную}} из списка с поиском")),
            KeyBinding(
                [.control("r")], .revert, label: Localized("Revert", ru: "Вернуть"),
                help: Localized("templates: restore the last saved text", ru: "шаблоны: вернуть сохранённый текст")),
            KeyBinding([.control("u")], .clear, help: Localized("clear the field", ru: "очистить поле")),
            KeyBinding(
                [.control("w")], .deleteWord,
                help: Localized("delete the word before the caret", ru: "удалить слово перед курсором")),
        ])

    enum PickerAction: Hashable, Sendable {
        case take, cancel, tick, tickAll, addTyped
    }

    /// In a single-choice pick list (arrows, PgUp/PgDn, Home/End and typing move the list).
    static let singlePickerKeymap = Keymap<PickerAction>(
        Localized("Pick list", ru: "Список выбора"),
        [
            KeyBinding(
                [.enter], .take, label: Localized("Choose", ru: "Выбрать"),
                help: Localized("take the highlighted item", ru: "взять выделенный пункт")),
            KeyBinding(
                [.escape], .cancel, label: Localized("Cancel", ru: "Отмена"),
                help: Localized("clear the filter, then leave without choosing", ru: "очистить отбор, затем выйти без выбора")),
        ])

    /// In a multi-select.
    static let pickerKeymap = Keymap<PickerAction>(
        Localized("Multi-select", ru: "Множественный выбор"),
        [
            KeyBinding(
                [.enter], .take, label: Localized("Keep", ru: "Готово"), help: Localized("keep the ticks", ru: "оставить отметки")
            ),
            KeyBinding(
                [.character(" ")], .tick, label: Localized("Tick", ru: "Отметить"),
                help: Localized("multi-select: tick or untick", ru: "отметить или снять отметку")),
            KeyBinding(
                [.control("a")], .tickAll,
                help: Localized("multi-select: tick or untick every visible item", ru: "отметить или снять все видимые пункты")),
            KeyBinding(
                [.control("n")], .addTyped, label: Localized("New", ru: "Новое"),
                help: Localized(
                    "condition values: add the typed filter text as a value",
                    ru: "значения условия: добавить введённый текст как значение")),
            KeyBinding(
                [.escape], .cancel, label: Localized("Cancel", ru: "Отмена"),
                help: Localized("clear the filter, then leave without choosing", ru: "очистить отбор, затем выйти без выбора")),
        ])

    /// The forms see the text being typed, so previews (a template's) follow the keys.
    static func forms(_ model: ConsoleModel) -> Forms {
        var workspace = model.workspace
        if let editing = model.editing { editing.commit(&workspace, editing.field.text) }
        var forms = Forms(workspace: workspace, names: names(model), accounts: model.accounts)
        forms.callGearFromAPI = model.callGearLists != nil
        forms.profiles = model.profiles
        forms.readiness = model.readiness
        forms.catalog = model.catalog
        forms.replayCounts = model.replay.counts
        return forms
    }

    static func names(_ model: ConsoleModel) -> Names {
        Names(catalog: model.catalog, channels: model.profile.callGear.channels)
    }

    /// The rows of the form shown now; `problems` when the caller has them already.
    static func rows(_ model: ConsoleModel, problems: [ValidationProblem]? = nil) -> [Field] {
        if let onboarding = model.onboarding, model.stack.isEmpty {
            return forms(model).onboarding(
                onboarding.step, problems: problems ?? model.problems, verification: model.verification,
                isNew: model.version == nil)
        }
        return forms(model).fields(model.context)
    }

    static func focusIndex(_ rows: [Field], _ model: ConsoleModel) -> Int {
        let stored = model.focus[model.focusKey] ?? rows.firstIndex(where: \.isFocusable) ?? 0
        return min(max(0, stored), max(0, rows.count - 1))
    }

    static func handle(_ key: Key, _ model: inout ConsoleModel, program: ConsoleProgram) -> Effect<ConsoleMsg> {
        let rows = rows(model)
        var index = focusIndex(rows, model)
        let field = rows.indices.contains(index) ? rows[index] : nil
        guard var action = model.keys.form.action(for: key) else { return .none }
        // A choice cycles with ← and →; other fields leave ← for going back.
        if action == .previousOption || action == .nextOption {
            if case .choice(let options, let get, let set)? = field?.kind {
                let current = get(model.workspace)
                set(&model.workspace, (current + (action == .nextOption ? 1 : options.count - 1)) % max(1, options.count))
                afterEdit(field?.path ?? .root, &model)
                return .none
            }
            guard action == .previousOption else { return .none }
            action = .back
        }
        func move(_ step: Int) {
            var i = index
            repeat { i += step } while rows.indices.contains(i) && !rows[i].isFocusable
            if rows.indices.contains(i) { index = i }
        }
        switch action {
        case .up: move(-1)
        case .down:
            // Past the last row on Simulate: into the result, to read it with ↑↓.
            if rows[(index + 1)...].allSatisfy({ !$0.isFocusable }), model.result != nil, model.section.hasResultPane,
                model.stack.isEmpty, model.onboarding == nil
            {
                model.resultFocused = true
                return .none
            }
            move(1)
        case .home: index = rows.firstIndex(where: \.isFocusable) ?? 0
        case .end: index = rows.lastIndex(where: \.isFocusable) ?? 0
        case .sidebar:
            model.sidebarFocused = true
            return .none
        case .back:
            if model.stack.isEmpty {
                model.sidebarFocused = true
            } else {
                model.stack.removeLast()
            }
            return .none
        case .edit:
            guard let field else { return .none }
            return edit(field, &model, program: program)
        case .add:
            if let add = rows.last, case .action(let action, _) = add.kind, isAdd(action) {
                return perform(action, &model, program: program)
            }
            return .none
        case .delete:
            guard let field, field.delete != nil else {
                model.status = StatusLine(tr("This row cannot be deleted", ru: "Эту строку удалить нельзя"))
                return .none
            }
            model.modal = ModalState(
                modal: Modal(
                    title: tr("Delete", ru: "Удаление"),
                    lines: [tr("Delete \"\(field.label)\"?", ru: "Удалить «\(field.label)»?")],
                    choices: [Modal.Choice("y", tr("Delete", ru: "Удалить")), Modal.Choice("n", tr("Keep", ru: "Оставить"))]),
                purpose: .deleteRow(field.path))
            return .none
        case .section:
            if model.onboarding == nil, model.stack.isEmpty, let n = key.character?.wholeNumberValue,
                let section = Section(rawValue: n - 1)
            {
                model.section = section
            }
            return .none
        case .previousOption, .nextOption:
            return .none
        case .moveUp, .moveDown:
            guard let field, let mover = field.move else { return .none }
            if mover(&model.workspace, action == .moveUp ? -1 : 1) { move(action == .moveUp ? -1 : 1) }
        }
        model.focus[model.focusKey] = index
        return .none
    }

    static func isAdd(_ action: ConsoleAction) -> Bool {
        switch action {
        case .addResponsibleRule, .addFunnelRule, .addClause, .addGroup, .addTemplate, .addMapping, .addChannel, .newAccount: true
        default: false
        }
    }

    static func edit(_ field: Field, _ model: inout ConsoleModel, program: ConsoleProgram) -> Effect<ConsoleMsg> {
        switch field.kind {
        case .heading, .note:
            return .none
        case .toggle(let get, let set):
            set(&model.workspace, !get(model.workspace))
            afterEdit(field.path, &model)
        case .choice(let options, let get, let set):
            set(&model.workspace, (get(model.workspace) + 1) % max(1, options.count))
            afterEdit(field.path, &model)
        case .text(let get, let set, let masked, let placeholder):
            var text = TextField(get(model.workspace), masked: masked, placeholder: placeholder)
            text.caret = text.text.count
            // The value column it scrolls in, found once here rather than on every key typed.
            text.show(columns: ConsoleProgram.formColumns(formWidth: ConsoleProgram.formWidth(model), rows: rows(model)).value)
            var editing = Editing(path: field.path, field: text, commit: set)
            if let i = field.template {
                editing.savedText = model.saved.other.templates.indices.contains(i) ? model.saved.other.templates[i].text : ""
                editing.kind = model.profile.other.templates[i].eventType
            }
            model.editing = editing
        case .pick(let picker, let get, let set):
            var list: PickList
            if let kept = model.pickLists[picker] {
                list = kept
            } else {
                let items = Pickers.items(picker, model)
                if items.isEmpty {
                    model.status = StatusLine(Pickers.emptyReason(picker, model), kind: .warning)
                    return .none
                }
                list = PickList(items)
                if Pickers.followsCatalog(picker) { model.pickLists[picker] = list }
            }
            list.select(id: get(model.workspace))
            model.picker = PickerState(title: field.label, single: list, commit: .single(field.path, picker, set: set))
        case .multi(let picker, let get, let set):
            var items = Pickers.items(picker, model)
            let current = get(model.workspace)
            for value in current where !items.contains(where: { $0.id == value }) {
                items.append(
                    PickItem(
                        id: value, title: TextSanitizer.line(value),
                        detail: picker == .typedList ? "" : tr("not in the list", ru: "нет в списке")))
            }
            var acceptsNew = false
            if case .values = picker { acceptsNew = true }
            if picker == .typedList { acceptsNew = true }
            if items.isEmpty && !acceptsNew {
                model.status = StatusLine(Pickers.emptyReason(picker, model), kind: .warning)
                return .none
            }
            model.picker = PickerState(
                title: field.label, multi: MultiSelect(items, selected: Set(current)),
                commit: .multi(field.path, get: get, set: set),
                acceptsNew: acceptsNew)
        case .open(let context, _):
            model.stack.append(context)
        case .action(let action, _):
            return perform(action, &model, program: program)
        }
        return .none
    }

    static func perform(_ action: ConsoleAction, _ model: inout ConsoleModel, program: ConsoleProgram) -> Effect<ConsoleMsg> {
        switch action {
        case .addResponsibleRule(let kind):
            let settings = ConditionRef.settings(kind)
            model.workspace[keyPath: settings].responsibleRules.append(ResponsibleRule(condition: .always, responsible: ""))
            model.stack.append(.responsibleRule(kind, model.workspace[keyPath: settings].responsibleRules.count - 1))
        case .addFunnelRule(let kind, let repeated):
            let path: WritableKeyPath<CommunicationSettings, FunnelSettings> =
                repeated ? \.repeatedContact.funnels : \.firstContact.funnels
            let funnels = ConditionRef.settings(kind).appending(path: path)
            model.workspace[keyPath: funnels].rules.append(FunnelRule(condition: .always, target: StageTarget()))
            model.stack.append(.funnelRule(kind, repeated: repeated, model.workspace[keyPath: funnels].rules.count - 1))
        case .addClause(let ref, let group):
            let param = ConditionParam.allCases.first { $0.applies(to: ref.kind) } ?? .site
            model.workspace[keyPath: ref.keyPath].anyOf[group].allOf.append(Clause(param, .allow, []))
            model.stack.append(
                .clause(ref, group: group, index: model.workspace[keyPath: ref.keyPath].anyOf[group].allOf.count - 1))
        case .addGroup(let ref):
            let param = ConditionParam.allCases.first { $0.applies(to: ref.kind) } ?? .site
            model.workspace[keyPath: ref.keyPath].anyOf.append(ConditionGroup(allOf: [Clause(param, .allow, [])]))
            model.stack.append(.clause(ref, group: model.workspace[keyPath: ref.keyPath].anyOf.count - 1, index: 0))
        case .addTemplate:
            let used = Set(model.profile.other.templates.map(\.eventType))
            guard let kind = CommunicationKind.allCases.first(where: { !used.contains($0) }) else {
                model.status = StatusLine(
                    tr("There is already a template for each event type", ru: "Шаблон уже есть для каждого типа события"),
                    kind: .warning)
                return .none
            }
            model.workspace.profile.other.templates.append(
                NameTemplate(eventType: kind, text: NameTemplate.defaultTitle(for: kind)))
            model.stack.append(.template(model.profile.other.templates.count - 1))
        case .addMapping:
            model.workspace.profile.other.fieldMappings.append(FieldMapping(source: "", entity: .lead, field: ""))
            model.stack.append(.mapping(model.profile.other.fieldMappings.count - 1))
        case .addChannel:
            model.workspace.profile.callGear.channels.append(ChatChannel(id: "", name: "", type: "whatsapp"))
            model.stack.append(.channel(model.profile.callGear.channels.count - 1))
        case .newAccount:
            model.workspace.account = AccountDraft()
            model.stack.append(.account)
        case .editAccount(let domain):
            guard let account = model.accounts.first(where: { $0.domain.description == domain }) else { return .none }
            model.workspace.account = AccountDraft(account)
            model.stack.append(.account)
        case .saveAccount:
            return program.saveAccount(&model)
        case .deleteAccount:
            guard let domain = model.workspace.account.original else { return .none }
            model.modal = ModalState(
                modal: Modal(
                    title: tr("Delete account", ru: "Удаление аккаунта"),
                    lines: [
                        tr("Delete the account \(domain)?", ru: "Удалить аккаунт \(domain)?"),
                        tr("Refused while a profile uses it.", ru: "Нельзя, пока им пользуется профиль."),
                    ],
                    choices: [Modal.Choice("y", tr("Delete", ru: "Удалить")), Modal.Choice("n", tr("Keep", ru: "Оставить"))]),
                purpose: .deleteAccount(domain))
        case .verifyAccount:
            return program.verify(&model)
        case .checkReadiness:
            return program.checkReadiness(&model)
        case .refreshKeys:
            return program.refreshKeys(&model)
        case .reloadCatalog:
            return program.loadCatalog(&model)
        case .previewOffline:
            return program.simulate(&model, live: false, apply: false)
        case .dryRun:
            return program.simulate(&model, live: true, apply: false)
        case .runReplay:
            return program.startReplay(&model, compare: false)
        case .replayChanges:
            return program.startReplay(&model, compare: true)
        case .applyTest:
            model.modal = ModalState(
                modal: Modal(
                    title: tr("Apply as a test", ru: "Применить как тест"),
                    lines: [
                        tr(
                            "This creates records on \(model.profile.account):",
                            ru: "Будут созданы записи на \(model.profile.account):"),
                        tr(
                            "titles start with [TEST], ORIGIN_ID starts with callgear-setup-test-.",
                            ru: "названия начинаются с [TEST], ORIGIN_ID — с callgear-setup-test-."),
                        tr("Go ahead?", ru: "Продолжить?"),
                    ], choices: [Modal.Choice("y", tr("Apply", ru: "Применить")), Modal.Choice("n", tr("Cancel", ru: "Отмена"))]),
                purpose: .applyTest)
        case .activateAndSave:
            return program.save(&model, overwrite: false)
        case .jump(let path):
            jump(to: path, &model)
        case .openProfile(let name):
            guard name != model.profile.name || model.version == nil else {
                model.status = StatusLine(tr("\(name) is the profile open now", ru: "«\(name)» уже открыт"))
                return .none
            }
            return program.switchProfile(to: name, &model)
        case .newProfile:
            return program.switchProfile(to: nil, &model)
        }
        return .none
    }

    /// Review: show the field a problem is about — its section, and the row whose path is
    /// the longest prefix of the problem's path (a rule row for a problem inside the rule).
    static func jump(to path: SettingPath, _ model: inout ConsoleModel) {
        let steps: [Onboarding.Step] = [.chats, .entityCreation, .funnels, .offline, .other]
        let sections: [Section] = [.accounts, .chats, .entityCreation, .funnels, .offline, .other]
        guard let section = sections.first(where: { $0.owns(path) }) else { return }
        if model.onboarding != nil {
            // The account is chosen on "Connect the portal"; name and region on the first step.
            let step = steps.first { $0.section == section } ?? (path == .account ? .account : .region)
            model.onboarding = Onboarding(step: step)
        }
        model.section = section
        model.stack = []
        model.sidebarFocused = false
        // Down through the screens a rule or a condition opens, to the row of the setting itself.
        while let best = Field.owner(of: path, in: rows(model)) {
            let row = rows(model)[best]
            model.focus[model.focusKey] = best
            guard row.path != path, case .open(let context, _) = row.kind, model.stack.count < 6 else { break }
            model.stack.append(context)
            if rows(model).isEmpty {
                model.stack.removeLast()
                break
            }
        }
        model.status = StatusLine(tr("Jumped to ", ru: "Переход: ") + SettingsCatalog.label(of: path))
    }

    static func deleteRow(_ path: SettingPath, _ model: inout ConsoleModel) {
        let rows = rows(model)
        guard let field = rows.first(where: { $0.path == path }), let delete = field.delete else { return }
        delete(&model.workspace)
        model.status = StatusLine(tr("Deleted ", ru: "Удалено: ") + field.label)
    }

    static func commitSingle(_ id: String?, _ commit: PickerCommit, _ model: inout ConsoleModel) {
        switch commit {
        case .insertVariable:
            guard let id, var editing = model.editing else { return }
            editing.field.insert("{{\(id)}}")
            editing.field.message = liveProblem(editing, model)
            model.editing = editing
        case .single(let path, let picker, let set):
            var caution: String?
            if case .field(let entity) = picker, let id {
                switch Pickers.compatibility(field: id, of: entity, at: path, model) {
                case .refused(let reason)?:
                    model.status = StatusLine(reason, kind: .error)
                    return
                case .caution(let reason)?: caution = reason
                default: break
                }
            }
            set(&model.workspace, id)
            afterEdit(path, &model)
            if let caution { model.status = StatusLine(caution, kind: .warning) }
        case .multi, .search:
            break
        }
    }

    static func commitMulti(_ multi: MultiSelect, _ commit: PickerCommit, _ model: inout ConsoleModel) {
        guard case .multi(let path, let get, let set) = commit else { return }
        // Keep the list's order for what was already chosen, then the new ticks in list order.
        let before = get(model.workspace).filter(multi.selected.contains)
        let added = multi.list.items.map(\.id).filter { multi.selected.contains($0) && !before.contains($0) }
        set(&model.workspace, before + added)
        afterEdit(path, &model)
    }

    /// After a value changed: its validation problem, if any, goes to the status line.
    static func afterEdit(_ path: SettingPath, _ model: inout ConsoleModel) {
        if path == .account { model.catalog = nil }
        if let problem = model.problems.first(where: { $0.path == path }) {
            model.status = StatusLine(
                "\(problem.severity == .error ? "✗" : "!") \(problem.message)",
                kind: problem.severity == .error ? .error : .warning)
        } else if SettingPath.Sample.base.contains(path) {
            // The sample event is not part of the profile: nothing to save.
            model.status = StatusLine(
                tr(
                    "Sample changed — Preview or Dry run shows what it becomes",
                    ru: "Пример изменён — «Предпросмотр» или «Пробный прогон» покажут, во что он превратится"))
        } else if SettingPath.ReplayForm.base.contains(path) {
            // The Replay screen's period and view are not part of the profile either.
            model.status = StatusLine(
                path == SettingPath.ReplayForm.events
                    ? tr(
                        "The chosen event's plan and reasons are first in the pane",
                        ru: "План и причины выбранного события — первыми в панели")
                    : tr(
                        "Replay runs with this — Replay or What my unsaved changes change",
                        ru: "Прогон пойдёт с этим — «Прогнать» или «Что меняют мои несохранённые правки»"))
        } else if model.isDirty {
            model.status = StatusLine(tr("Changed — F2 saves", ru: "Изменено — F2 сохранит"))
        } else {
            model.status = StatusLine(tr("As saved — nothing to save", ru: "Как сохранено — сохранять нечего"))
        }
    }

    /// A problem with the text being typed, shown under the field as the operator types:
    /// unknown template variables, a malformed domain or webhook URL.
    static func liveProblem(_ editing: Editing, _ model: ConsoleModel) -> String? {
        let text = editing.field.text
        if let kind = editing.kind {
            let known = TemplateVariable.names(for: kind, customOfflineFields: model.profile.callGear.offlineFields)
            return NameTemplate.parse(text, known: known).problems.first?.description
        }
        switch editing.path {
        case SettingPath.AccountForm.domain:
            guard !text.isEmpty else { return nil }
            do {
                _ = try PortalDomain(parsing: text)
                return nil
            } catch { return error.message }
        case SettingPath.AccountForm.webhookURL:
            guard !text.isEmpty else { return nil }
            do {
                _ = try Webhook.parse(url: text)
                return nil
            } catch { return error.message }
        default:
            return nil
        }
    }
}

extension Key {
    var character: Character? {
        if case .character(let c) = self { return c }
        return nil
    }
}

extension FormScreen {
    /// F3: the focused row read whole in a pane — label and value, its problems, the vendor's
    /// explanation, and for a setting its place and its Russian label.
    static func explainFocusedRow(_ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        let rows = rows(model)
        let index = focusIndex(rows, model)
        guard !model.sidebarFocused, rows.indices.contains(index), rows[index].isFocusable else {
            model.status = StatusLine(
                tr(
                    "Move to a field first: F3 explains the focused one",
                    ru: "Сначала встаньте на поле: F3 объясняет поле под курсором"))
            return .none
        }
        let field = rows[index]
        let names = names(model)
        var paragraphs = ["\(field.label)\(field.required ? "*" : ""): \(ConsoleProgram.valueText(field, model, names))"]
        let problems = model.problems.filter { Field.owner(of: $0.path, in: rows) == index }
        paragraphs += problems.map { "\($0.severity == .error ? "✗" : "!") \($0.message)" }
        if let hint = field.hint { paragraphs += ["", hint] }
        if let entry = SettingsCatalog.owner(of: field.path) {
            paragraphs += [
                "",
                tr("Setting: ", ru: "Настройка: ")
                    + "\(SettingsCatalog.trail(of: field.path)) — \(field.path) (\(entry.section.title.text))",
                Language.current == .ru
                    ? "In the vendor's cabinet (English): \(SettingsCatalog.trail(of: field.path, .en))"
                    : "По-русски: \(SettingsCatalog.trail(of: field.path, .ru))",
            ]
        }
        model.layers.append(.pane(TextPane(title: field.label, paragraphs: paragraphs)))
        return .none
    }
}
