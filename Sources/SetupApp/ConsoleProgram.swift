import AppLog
import Bitrix24
import Foundation
import ProfileStore
import Routing
import SetupModel
import TerminalUI

/// The console: the vendor's settings screens on the terminal engine. `update` decides,
/// effects (`ConsoleEffects`) talk to the store and the portal, `view` (`ConsoleView`) draws.
public struct ConsoleProgram: Program {
    public typealias Model = ConsoleModel
    public typealias Msg = ConsoleMsg

    let environment: ConsoleEnvironment

    public init(environment: ConsoleEnvironment) {
        self.environment = environment
    }

    /// Keys that work on every screen.
    enum GlobalAction: Hashable, Sendable {
        case help, save, toggleActive, hints, reload, discard, theme, quit, next, back, cancelLoading
        case find, nextResult, previousResult, undo, redo
    }

    static let globalKeys = Keymap<GlobalAction>(
        Localized("Everywhere", ru: "Везде"),
        [
            KeyBinding(
                [.function(1), .character("?")], .help, label: Localized("Help", ru: "Справка"),
                help: Localized("show or hide this help", ru: "показать или скрыть эту справку")),
            KeyBinding(
                [.function(2), .control("s")], .save, label: Localized("Save", ru: "Сохр."),
                help: Localized(
                    "save the profile (a version in its history)", ru: "сохранить профиль (новая версия в его истории)")),
            KeyBinding(
                [.character("/"), .control("f")], .find, label: Localized("Find", ru: "Поиск"),
                help: Localized(
                    "find any setting: English or Russian label, hint, current value; Enter jumps to it",
                    ru: "найти любую настройку: по английской или русской подписи, подсказке, значению; Enter — перейти")),
            KeyBinding(
                [.character("n")], .nextResult,
                help: Localized("the next result of the last search", ru: "следующий результат последнего поиска")),
            KeyBinding(
                [.character("N")], .previousResult,
                help: Localized("the previous result of the last search", ru: "предыдущий результат последнего поиска")),
            KeyBinding(
                [.control("z")], .undo, label: Localized("Undo", ru: "Отмена"),
                help: Localized(
                    "undo the last change to the profile (outside text fields)",
                    ru: "отменить последнее изменение профиля (вне текстовых полей)")),
            KeyBinding([.control("y")], .redo, help: Localized("redo what was undone", ru: "вернуть отменённое")),
            KeyBinding(
                [.function(3), .character("h")], .hints, label: Localized("About", ru: "О поле"),
                help: Localized(
                    "the focused field read whole: label, value, problem and the vendor's explanation",
                    ru: "поле под курсором целиком: подпись, значение, ошибка и пояснение вендора")),
            KeyBinding(
                [.function(4), .control("t")], .toggleActive, label: Localized("Active", ru: "Актив."),
                help: Localized(
                    "switch \"Integration is active\" on or off (saved with the profile)",
                    ru: "включить или выключить «Интеграция активна» (сохраняется с профилем)")),
            KeyBinding(
                [.function(5), .control("r")], .reload, label: Localized("Reload", ru: "Обнов."),
                help: Localized("load the pick lists from the portal again", ru: "заново загрузить списки выбора с портала")),
            KeyBinding(
                [.function(8), .control("x")], .discard, label: Localized("Discard", ru: "Сброс"),
                help: Localized(
                    "throw away unsaved changes (asks first)", ru: "отбросить несохранённые изменения (сначала спросит)")),
            KeyBinding(
                [.function(9), .control("o")], .theme, label: Localized("Theme", ru: "Тема"),
                help: Localized("switch to the next colour theme", ru: "следующая цветовая тема")),
            KeyBinding(
                [.function(10), .control("q"), .character("q"), .control("c")], .quit, label: Localized("Quit", ru: "Выход"),
                help: Localized(
                    "leave (asks when there are unsaved changes); q outside a text field, Ctrl-C too",
                    ru: "выйти (спросит, если есть несохранённые изменения); q вне текстового поля, и Ctrl-C")),
            KeyBinding(
                [.pageDown, .control("n")], .next,
                help: Localized(
                    "onboarding: next step; Simulate: scroll the result down",
                    ru: "подключение: следующий шаг; Проверка: прокрутить результат вниз")),
            KeyBinding(
                [.pageUp, .control("p")], .back,
                help: Localized(
                    "onboarding: previous step; Simulate: scroll the result up",
                    ru: "подключение: предыдущий шаг; Проверка: прокрутить результат вверх")),
            KeyBinding(
                [.escape], .cancelLoading,
                help: Localized(
                    "while the pick lists load or a replay runs: stop it (otherwise Esc goes back)",
                    ru: "пока грузятся списки выбора или идёт прогон: прервать (иначе Esc — назад)")),
        ])

    public func message(for event: TerminalEvent) -> ConsoleMsg { .event(event) }
    public func message(for signal: TerminalSignal) -> ConsoleMsg? { .signal(signal) }

    /// What to do first: read the accounts, profiles and drafts (an effect: `update` does
    /// no store I/O); when they are in, offer a draft and load the pick lists.
    public func start(_ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        if model.onboarding == nil && model.status.text.isEmpty {
            model.status = StatusLine(
                tr(
                    "F1 help · Tab side list · Enter edit · F2 save · F4 Integration is active",
                    ru: "F1 справка · Tab разделы · Enter изменить · F2 сохранить · F4 Интеграция активна"))
        }
        return readStore(drafts: true)
    }

    /// Reads accounts and profiles (and, at start, drafts) off the update path.
    func readStore(drafts: Bool) -> Effect<ConsoleMsg> {
        let store = environment.store
        return .task("store") {
            do {
                return .storeRead(
                    accounts: try store.accounts(), profiles: try store.profileSummaries(),
                    drafts: drafts ? try store.drafts() : nil)
            } catch {
                return .failed(tr("the store could not be read: \(error)", ru: "хранилище не читается: \(error)"))
            }
        }
    }

    /// The store as read at start: offer a draft, show what went wrong before the screen was
    /// up, and load the pick lists of the profile's account.
    func started(_ drafts: [Draft], _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        if model.onboarding != nil, let draft = drafts.first(where: { Onboarding.resuming($0.reason) != nil }) {
            let name =
                draft.profileName.isEmpty
                ? tr("a new profile", ru: "нового профиля") : "\"\(TextSanitizer.line(draft.profileName))\""
            model.modal = ModalState(
                modal: Modal(
                    title: tr("Unfinished onboarding", ru: "Незавершённое подключение"),
                    lines: [
                        tr(
                            "An onboarding of \(name) stopped at \(Onboarding.resuming(draft.reason)?.progress ?? "") (\(draft.savedAt.shortText)).",
                            ru:
                                "Подключение \(name) остановилось на шаге \(Onboarding.resuming(draft.reason)?.progress ?? "") (\(draft.savedAt.shortText))."
                        ),
                        tr("Resume where it stopped?", ru: "Продолжить с того места?"),
                    ],
                    choices: [
                        Modal.Choice("r", tr("Resume", ru: "Продолжить")),
                        Modal.Choice("n", tr("Start over", ru: "Начать заново")),
                    ]),
                purpose: .resumeOnboarding(draft))
        } else if model.onboarding == nil,
            let draft = drafts.first(where: { $0.profileName == model.profile.name && Onboarding.resuming($0.reason) == nil }),
            draft.profile != model.profile
        {
            model.modal = ModalState(
                modal: Modal(
                    title: tr("Unsaved draft", ru: "Несохранённый черновик"),
                    lines: [
                        tr(
                            "Changes to \"\(TextSanitizer.line(draft.profileName))\" were kept when the session ended (\(draft.reason), \(draft.savedAt.shortText)).",
                            ru:
                                "Изменения «\(TextSanitizer.line(draft.profileName))» сохранены при завершении сеанса (\(draft.reason), \(draft.savedAt.shortText))."
                        ),
                        tr("Restore them?", ru: "Восстановить их?"),
                    ],
                    choices: [
                        Modal.Choice("r", tr("Restore", ru: "Восстановить")),
                        Modal.Choice("d", tr("Discard draft", ru: "Удалить черновик")),
                    ]),
                purpose: .restoreDraft(draft))
        }
        if let refusal = environment.store.writeRefusal {
            model.startupNotices.append(
                tr(
                    "\(refusal.description) — you can look around; saving will not work",
                    ru: "\(refusal.description) — смотреть можно, сохранить нельзя"))
        }
        if !model.startupNotices.isEmpty {
            // The dialog does not wrap; long file paths would be cut.
            let notices = model.startupNotices.flatMap { Self.wrap(TextSanitizer.line($0), width: max(30, model.width - 8)) }
            if var state = model.modal {
                state.modal.lines = notices + [""] + state.modal.lines
                model.modal = state
            } else {
                model.modal = ModalState(
                    modal: Modal(title: tr("Before you start", ru: "Прежде чем начать"), lines: notices), purpose: .message)
            }
            model.startupNotices = []
        }
        return .batch([loadCatalog(&model), loadCallGearLists(&model)])
    }

    public func update(_ model: inout ConsoleModel, _ msg: ConsoleMsg) -> Effect<ConsoleMsg> {
        // A client's side report (keys that could not be stored) outranks the result's line.
        defer {
            let notes = environment.notes.drain()
            if !notes.isEmpty {
                for note in notes { Log.app.warning("console: \(note)") }
                model.status = StatusLine(TextSanitizer.line(notes.joined(separator: " · ")), kind: .error)
            }
        }
        switch msg {
        case .event(.resize(let w, let h)):
            model.width = w
            model.height = h
            guard !model.started else { return .none }
            model.started = true
            return start(&model)
        case .event(.key(let key)):
            let before = model.profile
            let chosen = model.workspace.replay.selected
            let effect = handle(key, &model)
            model.recordChange(from: before)
            refreshReplayPane(&model, chosenBefore: chosen)
            return effect
        case .event(.mouse(let mouse)):
            let before = model.profile
            let chosen = model.workspace.replay.selected
            let effect = handleMouse(mouse, &model)
            model.recordChange(from: before)
            refreshReplayPane(&model, chosenBefore: chosen)
            return effect
        case .signal(let signal):
            // The session is ending (an SSH drop, a kill): keep the edits as a draft. Effects
            // do not run after this, so the store is written here — the one write in `update`.
            // Nobody is left to read a message: a failure goes to the log.
            if model.isDirty {
                do {
                    try environment.store.saveDraft(
                        Draft(
                            profileName: model.profile.name, baseVersion: model.version, profile: model.profile,
                            reason: model.onboarding?.draftReason ?? "\(signal)"))
                } catch {
                    Log.app.error("console: the edits could not be kept as a draft at \(signal): \(error)")
                }
            }
            return .none
        case .tick:
            guard model.catalogState == .loading else { return .none }
            model.tick += 1
            return tickLater()
        case .catalogLoaded(let catalog, let lists):
            model.catalog = catalog
            model.pickLists = lists
            model.catalogState = .live(Date())
            var notes = [
                tr(
                    "Lists loaded: \(catalog.leadStages.count) lead stages, \(catalog.funnels.count) funnels, \(catalog.users.count) users",
                    ru:
                        "Списки загружены: стадий лида \(catalog.leadStages.count), воронок \(catalog.funnels.count), пользователей \(catalog.users.count)"
                )
            ]
            if catalog.crmMode == 2 {
                notes.append(tr("simple CRM mode: leads cannot be created", ru: "простой режим CRM: лиды создать нельзя"))
            }
            let incomplete = catalog.incompleteLines(formatDate: \.shortText)
            notes += (incomplete.isEmpty ? catalog.problems : incomplete).map(TextSanitizer.line)
            model.status = StatusLine(
                notes.joined(separator: " · "),
                kind: catalog.problems.isEmpty && incomplete.isEmpty && catalog.crmMode != 2 ? .success : .warning)
            return .none
        case .catalogFailed(let error, let cached):
            Log.app.warning("console: pick lists not loaded: \(error.message)", metadata: ["cached": "\(cached != nil)"])
            if let cached {
                model.catalog = cached.value
                model.catalogState = .stale(cached.fetchedAt, reason: error.message)
                model.status = StatusLine(
                    tr(
                        "Lists of \(cached.fetchedAt.shortText) shown, marked stale — the portal is unreachable: \(TextSanitizer.line(error.message))",
                        ru:
                            "Показаны списки от \(cached.fetchedAt.shortText), помечены устаревшими — портал недоступен: \(TextSanitizer.line(error.message))"
                    ),
                    kind: .warning)
            } else {
                model.catalogState = .failed(error.message)
                model.status = StatusLine(
                    tr(
                        "Lists not loaded: \(TextSanitizer.line(error.message)) — \(error.fix)",
                        ru: "Списки не загружены: \(TextSanitizer.line(error.message)) — \(error.fix)"), kind: .error)
            }
            return .none
        case .saved(let stored, let profiles, let quit):
            model.profiles = profiles
            model.saved = stored.profile
            model.workspace.profile = stored.profile
            model.version = stored.version
            model.status = StatusLine(
                tr(
                    "Saved \(TextSanitizer.line(stored.profile.name)) as version \(stored.version)",
                    ru: "«\(TextSanitizer.line(stored.profile.name))» сохранён, версия \(stored.version)")
                    + (stored.profile.integrationActive
                        ? tr(" — Integration is active", ru: " — Интеграция активна")
                        : tr(" — Integration is NOT active", ru: " — Интеграция НЕ активна")),
                kind: .success)
            if model.onboarding != nil {
                model.onboarding = nil
                model.section = .chats
                model.stack = []
            }
            return quit ? .quit : .none
        case .saveConflict(let theirs):
            let changes = ProfileDiff.changes(from: theirs.profile, to: model.profile)
            var lines = [
                tr(
                    "\(TextSanitizer.line(theirs.updatedBy)) saved version \(theirs.version) at \(theirs.updatedAt.shortText) after you opened version \(model.version ?? 0).",
                    ru:
                        "\(TextSanitizer.line(theirs.updatedBy)) сохранил версию \(theirs.version) в \(theirs.updatedAt.shortText), после того как вы открыли версию \(model.version ?? 0)."
                ),
                tr("Your edits differ from theirs in:", ru: "Ваши правки отличаются от их правок в:"),
            ]
            lines += changes.prefix(8).map { "  \(TextSanitizer.line($0.readable))" }
            if changes.count > 8 { lines.append(tr("  … and \(changes.count - 8) more", ru: "  … и ещё \(changes.count - 8)")) }
            model.modal = ModalState(
                modal: Modal(
                    title: tr("Another operator saved this profile", ru: "Другой оператор сохранил этот профиль"), lines: lines,
                    choices: [
                        Modal.Choice("r", tr("Reload theirs", ru: "Загрузить их")),
                        Modal.Choice("o", tr("Overwrite with mine", ru: "Записать мои")),
                        Modal.Choice("c", tr("Cancel", ru: "Отмена")),
                    ]),
                purpose: .conflict(theirs: theirs))
            return .none
        case .failed(let message):
            Log.app.error("console: \(message)")
            model.status = StatusLine(TextSanitizer.line(message), kind: .error)
            return .none
        case .accountsChanged(let accounts, let status):
            model.accounts = accounts
            if !model.profile.account.isEmpty && !accounts.contains(where: { $0.domain.description == model.profile.account }) {
                model.workspace.profile.account = ""
            }
            model.status = StatusLine(TextSanitizer.line(status), kind: .success)
            if model.stack.last == .account { model.stack.removeLast() }
            if model.onboarding?.step == .account { return .batch([advance(&model, by: 1), loadCatalog(&model)]) }
            return model.catalog == nil ? loadCatalog(&model) : .none
        case .verified(let lines, let ok):
            model.verification = lines.map(TextSanitizer.line)
            model.status = StatusLine(model.verification.first ?? "", kind: ok ? .success : .error)
            if model.onboarding == nil {
                model.modal = ModalState(
                    modal: Modal(title: tr("Verify connection", ru: "Проверка подключения"), lines: model.verification),
                    purpose: .message)
            }
            return .none
        case .readinessChecked(let lines, let summary, let ok):
            model.readiness = lines.map(TextSanitizer.line)
            model.status = StatusLine(
                tr("Readiness: ", ru: "Готовность: ") + summary
                    + (ok
                        ? ""
                        : tr(
                            " — fix the ✗ lines (listed under Check readiness)",
                            ru: " — исправьте строки ✗ (под «Проверить готовность»)")),
                kind: ok ? .success : .error)
            return .none
        case .simulated(let lines):
            model.result = TextPane(title: tr("Result", ru: "Результат"), paragraphs: lines.map(TextSanitizer.line))
            model.resultFocused = false
            model.status = StatusLine(
                tr(
                    "Simulation done — the plan is below the form (PgUp/PgDn scroll it, ↓ past the last row goes into it)",
                    ru: "Проверка выполнена — план под формой (PgUp/PgDn прокручивают, ↓ после последней строки — в него)"),
                kind: .success)
            return .none
        case .replayStepped(let status):
            return replayStepped(status, &model)
        case .replayPlanned(let result, let comparison, let status):
            replayPlanned(result, comparison: comparison, status: status, &model)
            return .none
        case .replayFailed(let message):
            model.replay.stop()
            model.status = StatusLine(tr("Replay failed: ", ru: "Прогон не удался: ") + message, kind: .error)
            return .none
        case .profileOpened(let stored):
            model.workspace = Workspace(profile: stored.profile)
            model.saved = stored.profile
            model.version = stored.version
            model.onboarding = nil
            model.stack = []
            model.section = .chats
            model.catalog = nil
            model.callGearLists = nil
            model.result = nil
            model.resultFocused = false
            model.verification = []
            model.readiness = []
            model.status = StatusLine(
                tr(
                    "Opened \(TextSanitizer.line(stored.profile.name)), version \(stored.version)",
                    ru: "Открыт «\(TextSanitizer.line(stored.profile.name))», версия \(stored.version)"))
            return .batch([loadCatalog(&model), loadCallGearLists(&model)])
        case .callGearLoaded(let lists):
            model.callGearLists = lists
            model.callGearState = .live(Date())
            let updated = lists.applied(to: model.profile.callGear)
            if updated != model.profile.callGear {
                model.workspace.profile.callGear = updated
                model.status = StatusLine(
                    tr(
                        "CallGear lists loaded from the Data API (\(lists.channels.count) channels) — F2 stores them with the profile",
                        ru: "Списки CallGear загружены из Data API (каналов: \(lists.channels.count)) — F2 сохранит их с профилем"
                    ),
                    kind: .success)
            }
            // Unchanged lists say nothing: the header's "CallGear ● live" does, and a message
            // arriving late would overwrite what the operator just asked for (a readiness report).
            return .none
        case .callGearFailed(let error, let cached):
            if let cached {
                model.callGearLists = cached.value
                model.callGearState = .stale(cached.fetchedAt, reason: error.message)
            } else {
                model.callGearState = .failed(error.message)
            }
            model.status = StatusLine(
                tr("CallGear lists: ", ru: "Списки CallGear: ") + "\(TextSanitizer.line(error.message)) — \(error.fix)"
                    + (cached == nil
                        ? tr("; the typed lists stay in use", ru: "; остаются введённые вручную")
                        : tr("; the cached ones are used", ru: "; используются сохранённые")),
                kind: .error)
            return .none
        case .storeRead(let accounts, let profiles, let drafts):
            model.accounts = accounts
            model.profiles = profiles
            if let drafts { return started(drafts, &model) }
            return .batch([loadCatalog(&model), loadCallGearLists(&model)])
        case .draftDeleted(let quit):
            return quit ? .quit : .none
        case .keysRefreshed(let text, let ok, let accounts):
            model.accounts = accounts ?? model.accounts
            model.status = StatusLine(TextSanitizer.line(text), kind: ok ? .success : .error)
            return .none
        }
    }

    /// A replayed event chosen from the list: its plan and reasons show in the pane.
    func refreshReplayPane(_ model: inout ConsoleModel, chosenBefore: String?) {
        guard model.workspace.replay.selected != chosenBefore, model.replay.result != nil else { return }
        model.panes[.replay] = Self.replayPane(model)
    }

    // MARK: Keys

    func handle(_ key: Key, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        switch model.layers.last {
        case .modal?: return answerModal(key, &model)
        case .picker?: return handlePicker(key, &model)
        case .editing?: return handleEditing(key, &model)
        case .pane(var pane)?:
            let size = TextPane.boxText(screenWidth: model.width, screenHeight: model.height)
            pane.show(width: size.width, rows: size.rows)
            if pane.handle(key) == .cancelled || key == .function(3) {
                model.layers.removeLast()
            } else {
                model.layers[model.layers.count - 1] = .pane(pane)
            }
            return .none
        case .help(let offset)?:
            switch key {
            case .escape, .function(1), .character("?"): model.helpOffset = nil
            case .down: model.helpOffset = offset + 1
            case .up: model.helpOffset = max(0, offset - 1)
            case .pageDown, .character(" "): model.helpOffset = offset + 10
            case .pageUp: model.helpOffset = max(0, offset - 10)
            default: break
            }
            return .none
        case nil: break
        }
        switch model.keys.global.action(for: key) {
        case .cancelLoading? where model.catalogState == .loading:
            model.catalogState = .cancelled
            model.status = StatusLine(
                tr("Loading cancelled — F5 loads the lists again", ru: "Загрузка прервана — F5 загрузит списки снова"),
                kind: .warning)
            return .cancel("catalog")
        case .cancelLoading? where model.replay.running:
            return cancelReplay(&model)
        case .cancelLoading?, nil: break
        case let action?: return perform(action, &model)
        }
        if model.sidebarFocused { return handleSidebar(key, &model) }
        if model.resultFocused, let action = model.keys.result.action(for: key) { return handleResult(action, &model) }
        return FormScreen.handle(key, &model, program: self)
    }

    func perform(_ action: GlobalAction, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        switch action {
        case .help:
            model.helpOffset = 0
        case .save:
            return save(&model, overwrite: false)
        case .hints:
            return FormScreen.explainFocusedRow(&model)
        case .toggleActive:
            model.workspace.profile.integrationActive.toggle()
            let on = model.profile.integrationActive
            let errors = model.problems.filter {
                $0.severity == .error
            }
            model.status =
                on && !errors.isEmpty
                ? StatusLine(
                    tr(
                        "Integration is active: ON — but \(errors.count) problem(s) must be fixed before it can be saved",
                        ru: "Интеграция активна: ВКЛ — но до сохранения нужно исправить ошибки: \(errors.count)"),
                    kind: .warning)
                : StatusLine(
                    on
                        ? tr("Integration is active: ON — press F2 to save", ru: "Интеграция активна: ВКЛ — F2 сохранит")
                        : tr("Integration is active: OFF — press F2 to save", ru: "Интеграция активна: ВЫКЛ — F2 сохранит"),
                    kind: .info)
        case .reload:
            // Accounts too: another operator (or a command) may have changed them; the lists
            // load once they are read.
            return readStore(drafts: false)
        case .discard:
            guard model.isDirty, model.version != nil else {
                model.status = StatusLine(tr("Nothing to discard", ru: "Нечего отбрасывать"))
                return .none
            }
            model.modal = ModalState(
                modal: Modal(
                    title: tr("Discard changes", ru: "Отбросить изменения"),
                    lines: [
                        tr(
                            "Throw away the unsaved changes and go back to version \(model.version ?? 0)?",
                            ru: "Отбросить несохранённые изменения и вернуться к версии \(model.version ?? 0)?")
                    ],
                    choices: [Modal.Choice("d", tr("Discard", ru: "Отбросить")), Modal.Choice("c", tr("Cancel", ru: "Отмена"))]),
                purpose: .discard)
        case .theme:
            let index = model.themes.firstIndex { $0.name == model.theme.name } ?? 0
            model.theme = model.themes[(index + 1) % model.themes.count]
            model.status = StatusLine(tr("Theme: ", ru: "Тема: ") + model.theme.name)
        case .quit:
            guard model.isDirty else { return .quit }
            model.modal = Self.unsavedChanges(
                model, save: tr("Save and quit", ru: "Сохранить и выйти"),
                discard: tr("Discard and quit", ru: "Отбросить и выйти"),
                purpose: .quit)
        case .cancelLoading:
            break
        case .find:
            SettingSearch.open(&model)
        case .nextResult:
            SettingSearch.step(1, &model)
        case .previousResult:
            SettingSearch.step(-1, &model)
        case .undo:
            model.undoLastChange()
        case .redo:
            model.redoLastChange()
        case .next:
            if model.onboarding != nil { return advance(&model, by: 1) }
            scrollResult(.pageDown, &model)
        case .back:
            if model.onboarding != nil { return advance(&model, by: -1) }
            scrollResult(.pageUp, &model)
        }
        return .none
    }

    enum SidebarAction: Hashable, Sendable {
        case up, down, open, leave, section
    }

    /// The side list's keys: the sections (or the onboarding's steps).
    static let sidebarKeys = Keymap<SidebarAction>(
        Localized("Side list", ru: "Разделы"),
        [
            KeyBinding(
                [.up], .up,
                help: Localized(
                    "the section above (onboarding: the previous step)", ru: "раздел выше (подключение: предыдущий шаг)")),
            KeyBinding(
                [.down], .down,
                help: Localized("the section below (onboarding: the next step)", ru: "раздел ниже (подключение: следующий шаг)")),
            KeyBinding(
                [.enter, .right, .tab], .open, label: Localized("Open", ru: "Открыть"),
                help: Localized("open the section's form", ru: "открыть форму раздела")),
            KeyBinding(
                [.escape], .leave,
                help: Localized(
                    "onboarding: leave it for the console's screens (asks first)",
                    ru: "подключение: выйти из него к экранам консоли (сначала спросит)")),
            KeyBinding(FormScreen.sectionDigits, .section, help: Localized("jump to section 1–8", ru: "перейти к разделу 1–8")),
        ])

    enum ResultAction: Hashable, Sendable {
        case up, down, home, end, leave
    }

    /// Simulate's result pane, once ↓ went past the form's last row into it.
    static let resultKeys = Keymap<ResultAction>(
        Localized("Simulate's result", ru: "Результат проверки"),
        [
            KeyBinding(
                [.up], .up,
                help: Localized("a line up; at the top, back to the form", ru: "строка вверх; с верхней — обратно в форму")),
            KeyBinding([.down], .down, help: Localized("a line down", ru: "строка вниз")),
            KeyBinding([.home], .home, help: Localized("the first line", ru: "первая строка")),
            KeyBinding([.end], .end, help: Localized("the last line", ru: "последняя строка")),
            KeyBinding([.escape, .tab], .leave, help: Localized("back to the form", ru: "обратно в форму")),
        ])

    func handleResult(_ action: ResultAction, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        switch action {
        case .up:
            if (model.result?.offset ?? 0) == 0 {
                model.resultFocused = false
            } else {
                scrollResult(.up, &model)
            }
        case .down: scrollResult(.down, &model)
        case .home: scrollResult(.home, &model)
        case .end: scrollResult(.end, &model)
        case .leave: model.resultFocused = false
        }
        return .none
    }

    /// The form's area on the screen, as the view lays it out.
    static func formRect(_ model: ConsoleModel) -> Rect {
        let statusHeight = statusLines(model.status.text, width: model.width).count + 1
        let side = sidebarWidth(screenWidth: model.width, onboarding: model.onboarding != nil)
        return Rect(x: side, y: 1, width: model.width - side, height: model.height - 1 - statusHeight)
    }

    /// Simulate's result pane moves by the key, in the rows the view gives it.
    func scrollResult(_ key: Key, _ model: inout ConsoleModel) {
        guard model.result != nil, model.section.hasResultPane, model.stack.isEmpty,
            var pane = Self.resultPane(model, formRect: Self.formRect(model))
        else { return }
        _ = pane.handle(key)
        model.result = pane
    }

    func handleSidebar(_ key: Key, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard let action = model.keys.sidebar.action(for: key) else { return .none }
        if model.onboarding != nil {
            switch action {
            case .up: return advance(&model, by: -1)
            case .down: return advance(&model, by: 1)
            case .open: model.sidebarFocused = false
            case .leave:
                // One layer further back than the steps: out of the onboarding, asked first.
                model.modal = ModalState(
                    modal: Modal(
                        title: tr("Leave the onboarding?", ru: "Выйти из подключения?"),
                        lines: [
                            model.isDirty
                                ? tr(
                                    "The profile stays open on the console's screens, unsaved (F2 saves it).",
                                    ru: "Профиль останется открыт на экранах консоли, несохранённым (F2 сохранит).")
                                : tr(
                                    "The profile stays open on the console's screens.",
                                    ru: "Профиль останется открыт на экранах консоли."),
                            tr(
                                "Accounts → New profile starts an onboarding again.",
                                ru: "Аккаунты → Новый профиль начнёт подключение снова."),
                        ],
                        choices: [Modal.Choice("l", tr("Leave", ru: "Выйти")), Modal.Choice("c", tr("Stay", ru: "Остаться"))]),
                    purpose: .leaveOnboarding)
            case .section: break
            }
            return .none
        }
        switch action {
        case .up: select(Section(rawValue: max(0, model.section.rawValue - 1)) ?? .accounts, &model)
        case .down: select(Section(rawValue: min(Section.allCases.count - 1, model.section.rawValue + 1)) ?? .simulate, &model)
        case .open: model.sidebarFocused = false
        case .section:
            if let n = key.character?.wholeNumberValue, let section = Section(rawValue: n - 1) { select(section, &model) }
        case .leave: break
        }
        return .none
    }

    func select(_ section: Section, _ model: inout ConsoleModel) {
        model.section = section
        model.stack = []
    }

    /// Onboarding: the next or previous step; each move keeps a draft so it can resume.
    func advance(_ model: inout ConsoleModel, by offset: Int) -> Effect<ConsoleMsg> {
        guard let onboarding = model.onboarding,
            let step = Onboarding.Step(rawValue: onboarding.step.rawValue + offset)
        else { return .none }
        model.onboarding = Onboarding(step: step)
        model.stack = []
        if let section = step.section { model.section = section }
        model.sidebarFocused = false
        model.status = StatusLine(
            "\(model.onboarding!.progress): \(step.title)"
                + tr(" — PgDn/Ctrl-N next, PgUp/Ctrl-P back", ru: " — PgDn/Ctrl-N далее, PgUp/Ctrl-P назад"))
        let draft = Draft(
            profileName: model.profile.name, baseVersion: model.version, profile: model.profile,
            reason: model.onboarding!.draftReason)
        let store = environment.store
        var effects: [Effect<ConsoleMsg>] = [
            .task("draft") {
                do {
                    try store.saveDraft(draft)
                    return .tick
                } catch {
                    return .failed(
                        tr("the onboarding draft could not be kept: \(error)", ru: "черновик подключения не сохранился: \(error)")
                    )
                }
            }
        ]
        if step == .verify && model.verification.isEmpty { effects.append(verify(&model)) }
        if step == .chats && model.catalog == nil { effects.append(loadCatalog(&model)) }
        return .batch(effects)
    }

    // MARK: Modals

    func answerModal(_ key: Key, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard let state = model.modal, let answer = state.modal.answer(key) else { return .none }
        model.modal = nil
        switch (state.purpose, answer) {
        case (.quit, "s"):
            model.status = StatusLine(tr("saving before quitting…", ru: "сохранение перед выходом…"))
            return .batch([save(&model, overwrite: false, thenQuit: true)])
        case (.quit, "d"):
            return deleteDraft(model.profile.name, thenQuit: true)
        case (.discard, "d"):
            model.workspace.profile = model.saved
            model.status = StatusLine(
                tr(
                    "Changes discarded: back to version \(model.version ?? 0)",
                    ru: "Изменения отброшены: снова версия \(model.version ?? 0)"))
        case (.deleteRow(let path), "y"):
            FormScreen.deleteRow(path, &model)
        case (.deleteAccount(let domain), "y"):
            return deleteAccount(domain, &model)
        case (.leaveOnboarding, "l"):
            model.onboarding = nil
            model.stack = []
            model.section = .accounts
            model.sidebarFocused = true
            model.status = StatusLine(
                model.isDirty
                    ? tr(
                        "Onboarding left — the profile is not saved yet: F2 saves it",
                        ru: "Подключение покинуто — профиль ещё не сохранён: F2 сохранит")
                    : tr("Onboarding left", ru: "Подключение покинуто"), kind: .warning)
        case (.replaceAccount(let account), "u"):
            return storeAccount(account, original: account.domain.description, &model)
        case (.conflict(let theirs), "r"):
            model.workspace.profile = theirs.profile
            model.saved = theirs.profile
            model.version = theirs.version
            model.status = StatusLine(
                tr(
                    "Reloaded version \(theirs.version); your edits were dropped",
                    ru: "Загружена версия \(theirs.version); ваши правки отброшены"))
        case (.conflict, "o"):
            return save(&model, overwrite: true)
        case (.switchProfile(let name), "d"):
            return openProfile(name, &model)
        case (.switchProfile(let name), "s"):
            // Save first; the switch waits for the operator to ask again once it is saved.
            model.status = StatusLine(
                tr(
                    "Saving \(TextSanitizer.line(model.profile.name)); then choose \(name ?? "New profile") again",
                    ru: "Сохраняется «\(TextSanitizer.line(model.profile.name))»; затем снова выберите \(name ?? "Новый профиль")"
                ))
            return save(&model, overwrite: false)
        case (.applyTest, "y"):
            return simulate(&model, live: true, apply: true)
        case (.restoreDraft(let draft), "r"):
            model.workspace.profile = draft.profile
            if let base = draft.baseVersion, let current = model.version, base != current {
                // The draft was made from an older version: saving it must meet the same
                // conflict check as two live consoles, not overwrite the newer save.
                model.version = base
                model.status = StatusLine(
                    tr(
                        "Draft restored — made from version \(base), but version \(current) was saved since: F2 shows what differs",
                        ru:
                            "Черновик восстановлен — он от версии \(base), но с тех пор сохранена версия \(current): F2 покажет разницу"
                    ),
                    kind: .warning)
            } else {
                model.status = StatusLine(
                    tr("Draft restored — F2 saves it, F8 discards it", ru: "Черновик восстановлен — F2 сохранит, F8 отбросит"),
                    kind: .warning)
            }
            return deleteDraft(draft.profileName, thenQuit: false)
        case (.restoreDraft(let draft), "d"):
            return deleteDraft(draft.profileName, thenQuit: false)
        case (.resumeOnboarding(let draft), "r"):
            model.workspace.profile = draft.profile
            model.onboarding = Onboarding.resuming(draft.reason)
            if let section = model.onboarding?.step.section { model.section = section }
            model.status = StatusLine(tr("Resumed at ", ru: "Продолжено с шага ") + (model.onboarding?.progress ?? ""))
            return loadCatalog(&model)
        default:
            break
        }
        return .none
    }

    /// A draft that was restored or declined goes; a failure says so (the draft would be
    /// offered again) and does not stop a quit.
    func deleteDraft(_ name: String, thenQuit: Bool) -> Effect<ConsoleMsg> {
        let store = environment.store
        let notes = environment.notes
        return .task("draft") {
            do {
                try store.deleteDraft(profileName: name)
            } catch {
                notes.post(
                    tr(
                        "the draft of \(name) could not be deleted (it will be offered again): \(error)",
                        ru: "черновик «\(name)» не удалился (его предложат снова): \(error)"))
            }
            return .draftDeleted(quit: thenQuit)
        }
    }

    // MARK: Switching profiles

    /// Another profile (or a new one, nil): asks first when the open one has unsaved changes.
    func switchProfile(to name: String?, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard model.isDirty, model.version != nil else { return openProfile(name, &model) }
        model.modal = Self.unsavedChanges(
            model, save: tr("Save", ru: "Сохранить"), discard: tr("Discard and switch", ru: "Отбросить и перейти"),
            purpose: .switchProfile(name))
        return .none
    }

    /// "NAME has changes that are not saved": Save / Discard / Cancel, worded for what follows.
    static func unsavedChanges(_ model: ConsoleModel, save: String, discard: String, purpose: ModalPurpose) -> ModalState {
        ModalState(
            modal: Modal(
                title: tr("Unsaved changes", ru: "Несохранённые изменения"),
                lines: [
                    tr(
                        "\(TextSanitizer.line(model.profile.name)) has changes that are not saved.",
                        ru: "В «\(TextSanitizer.line(model.profile.name))» есть несохранённые изменения.")
                ],
                choices: [Modal.Choice("s", save), Modal.Choice("d", discard), Modal.Choice("c", tr("Cancel", ru: "Отмена"))]),
            purpose: purpose)
    }

    func openProfile(_ name: String?, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard let name else {
            let region = model.profile.region
            model.workspace = Workspace(profile: Profile(name: "", region: region))
            model.saved = model.workspace.profile
            model.version = nil
            model.onboarding = Onboarding()
            model.stack = []
            model.catalog = nil
            model.callGearLists = nil
            model.catalogState = .none
            model.callGearState = .none
            model.verification = []
            model.status = StatusLine(
                "\(model.onboarding!.progress): \(Onboarding.Step.region.title)"
                    + tr(" — PgDn/Ctrl-N next, PgUp/Ctrl-P back", ru: " — PgDn/Ctrl-N далее, PgUp/Ctrl-P назад"))
            return .none
        }
        let store = environment.store
        return .task("open") {
            do {
                return .profileOpened(try store.loadProfile(named: name))
            } catch {
                return .failed(tr("\(name) could not be opened: \(error)", ru: "«\(name)» не открывается: \(error)"))
            }
        }
    }

    // MARK: Picker and text editing

    func handlePicker(_ key: Key, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard var picker = model.picker else { return .none }
        // The list scrolls as the keys move it, in the rows the overlay really has.
        let rows = Self.pickerRows(screenHeight: model.height)
        picker.single?.show(rows: rows)
        picker.multi?.list.show(rows: rows)
        if var multi = picker.multi {
            let action = FormScreen.pickerKeymap.action(for: key)
            if action == .addTyped, picker.acceptsNew, !multi.list.filter.isEmpty {
                let typed = multi.list.filter.trimmingCharacters(in: .whitespaces)
                // A value already in the list is ticked, not added a second time.
                let same = { (text: String) in text.caseInsensitiveCompare(typed) == .orderedSame }
                if let existing = multi.list.items.first(where: { same($0.id) || same($0.title) }) {
                    multi.selected.insert(existing.id)
                    picker.multi = MultiSelect(multi.list.items, selected: multi.selected)
                    model.picker = picker
                    model.status = StatusLine(
                        tr(
                            "\(TextSanitizer.line(existing.title)) is in the list already: ticked",
                            ru: "«\(TextSanitizer.line(existing.title))» уже в списке: отмечен"))
                    return .none
                }
                multi.selected.insert(typed)
                var items = multi.list.items
                items.append(PickItem(id: typed, title: typed, detail: tr("typed", ru: "введено")))
                let selected = multi.selected
                multi = MultiSelect(items, selected: selected)
                picker.multi = multi
                model.picker = picker
                return .none
            }
            if action == .take {
                FormScreen.commitMulti(multi, picker.commit, &model)
                model.picker = nil
                return .none
            }
            switch multi.handle(key) {
            case .cancelled:
                model.picker = nil
            default:
                picker.multi = multi
                model.picker = picker
            }
            return .none
        }
        guard var list = picker.single else { return .none }
        switch list.handle(key) {
        case .submitted:
            model.picker = nil
            if case .search = picker.commit {
                SettingSearch.choose(list.current?.id, among: list.matches.map { list.items[$0].id }, &model)
            } else {
                FormScreen.commitSingle(list.current?.id, picker.commit, &model)
            }
        case .cancelled:
            model.picker = nil
        default:
            picker.single = list
            model.picker = picker
        }
        return .none
    }

    func handleEditing(_ key: Key, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard var editing = model.editing else { return .none }
        switch FormScreen.editingKeymap.action(for: key) {
        case .keep?:
            editing.commit(&model.workspace, editing.field.text)
            model.editing = nil
            FormScreen.afterEdit(editing.path, &model)
            return .none
        case .cancel?:
            model.editing = nil
            model.status = StatusLine(tr("Edit cancelled", ru: "Правка отменена"))
            return .none
        case .insertVariable? where editing.kind != nil:
            let items = TemplateVariable.choices(for: editing.kind, customOfflineFields: model.profile.callGear.offlineFields)
                .map { PickItem(id: $0.name, title: "{{\($0.name)}}", detail: $0.label) }
            model.picker = PickerState(
                title: tr("Insert a variable", ru: "Вставить переменную"), single: PickList(items), commit: .insertVariable)
            return .none
        case .revert? where editing.savedText != nil:
            editing.field.text = editing.savedText ?? ""
            editing.field.caret = editing.field.text.count
            model.editing = editing
            model.status = StatusLine(
                tr("Template restored to the last saved text", ru: "Шаблон возвращён к сохранённому тексту"))
            return .none
        default:
            _ = editing.field.handle(key)
            editing.field.message = FormScreen.liveProblem(editing, model)
            model.editing = editing
            return .none
        }
    }

    // MARK: Effects

    func tickLater() -> Effect<ConsoleMsg> {
        .task("tick") {
            try? await Task.sleep(for: .milliseconds(120))
            return .tick
        }
    }
}
