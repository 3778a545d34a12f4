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
        "Everywhere",
        [
            KeyBinding([.function(1), .character("?")], .help, label: "Help", help: "show or hide this help"),
            KeyBinding([.function(2), .control("s")], .save, label: "Save", help: "save the profile (a version in its history)"),
            KeyBinding(
                [.character("/"), .control("f")], .find, label: "Find",
                help: "find any setting: English or Russian label, hint, current value; Enter jumps to it"),
            KeyBinding([.character("n")], .nextResult, help: "the next result of the last search"),
            KeyBinding([.character("N")], .previousResult, help: "the previous result of the last search"),
            KeyBinding([.control("z")], .undo, label: "Undo", help: "undo the last change to the profile (outside text fields)"),
            KeyBinding([.control("y")], .redo, help: "redo what was undone"),
            KeyBinding(
                [.function(3), .character("h")], .hints, label: "About",
                help: "the focused field read whole: label, value, problem and the vendor's explanation"),
            KeyBinding(
                [.function(4), .control("t")], .toggleActive, label: "Active",
                help: "switch \"Integration is active\" on or off (saved with the profile)"),
            KeyBinding(
                [.function(5), .control("r")], .reload, label: "Reload", help: "load the pick lists from the portal again"),
            KeyBinding(
                [.function(8), .control("x")], .discard, label: "Discard", help: "throw away unsaved changes (asks first)"),
            KeyBinding([.function(9), .control("o")], .theme, label: "Theme", help: "switch to the next colour theme"),
            KeyBinding(
                [.function(10), .control("q"), .character("q"), .control("c")], .quit, label: "Quit",
                help: "leave (asks when there are unsaved changes); q outside a text field, Ctrl-C too"),
            KeyBinding([.pageDown, .control("n")], .next, help: "onboarding: next step; Simulate: scroll the result down"),
            KeyBinding([.pageUp, .control("p")], .back, help: "onboarding: previous step; Simulate: scroll the result up"),
            KeyBinding([.escape], .cancelLoading, help: "while the pick lists load: stop loading (otherwise Esc goes back)"),
        ])

    public func message(for event: TerminalEvent) -> ConsoleMsg { .event(event) }
    public func message(for signal: TerminalSignal) -> ConsoleMsg? { .signal(signal) }

    /// What to do first: read the accounts, profiles and drafts (an effect: `update` does
    /// no store I/O); when they are in, offer a draft and load the pick lists.
    public func start(_ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        if model.onboarding == nil && model.status.text.isEmpty {
            model.status = StatusLine("F1 help · Tab side list · Enter edit · F2 save · F4 Integration is active")
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
                return .failed("the store could not be read: \(error)")
            }
        }
    }

    /// The store as read at start: offer a draft, show what went wrong before the screen was
    /// up, and load the pick lists of the profile's account.
    func started(_ drafts: [Draft], _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        if model.onboarding != nil, let draft = drafts.first(where: { Onboarding.resuming($0.reason) != nil }) {
            let name = draft.profileName.isEmpty ? "a new profile" : "\"\(TextSanitizer.line(draft.profileName))\""
            model.modal = ModalState(
                modal: Modal(
                    title: "Unfinished onboarding",
                    lines: [
                        "An onboarding of \(name) stopped at \(Onboarding.resuming(draft.reason)?.progress ?? "") (\(draft.savedAt.shortText)).",
                        "Resume where it stopped?",
                    ],
                    choices: [Modal.Choice("r", "Resume"), Modal.Choice("n", "Start over")]),
                purpose: .resumeOnboarding(draft))
        } else if model.onboarding == nil,
            let draft = drafts.first(where: { $0.profileName == model.profile.name && Onboarding.resuming($0.reason) == nil }),
            draft.profile != model.profile
        {
            model.modal = ModalState(
                modal: Modal(
                    title: "Unsaved draft",
                    lines: [
                        "Changes to \"\(TextSanitizer.line(draft.profileName))\" were kept when the session ended (\(draft.reason), \(draft.savedAt.shortText)).",
                        "Restore them?",
                    ],
                    choices: [Modal.Choice("r", "Restore"), Modal.Choice("d", "Discard draft")]),
                purpose: .restoreDraft(draft))
        }
        if let refusal = environment.store.writeRefusal {
            model.startupNotices.append("\(refusal.description) — you can look around; saving will not work")
        }
        if !model.startupNotices.isEmpty {
            // The dialog does not wrap; long file paths would be cut.
            let notices = model.startupNotices.flatMap { Self.wrap(TextSanitizer.line($0), width: max(30, model.width - 8)) }
            if var state = model.modal {
                state.modal.lines = notices + [""] + state.modal.lines
                model.modal = state
            } else {
                model.modal = ModalState(modal: Modal(title: "Before you start", lines: notices), purpose: .message)
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
            let effect = handle(key, &model)
            model.recordChange(from: before)
            return effect
        case .event(.mouse(let mouse)):
            let before = model.profile
            let effect = handleMouse(mouse, &model)
            model.recordChange(from: before)
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
        case .catalogLoaded(let catalog):
            model.catalog = catalog
            model.catalogState = .live(Date())
            var notes = [
                "Lists loaded: \(catalog.leadStages.count) lead stages, \(catalog.funnels.count) funnels, \(catalog.users.count) users"
            ]
            if catalog.crmMode == 2 { notes.append("simple CRM mode: leads cannot be created") }
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
                    "Lists of \(cached.fetchedAt.shortText) shown, marked stale — the portal is unreachable: \(TextSanitizer.line(error.message))",
                    kind: .warning)
            } else {
                model.catalogState = .failed(error.message)
                model.status = StatusLine("Lists not loaded: \(TextSanitizer.line(error.message)) — \(error.fix)", kind: .error)
            }
            return .none
        case .saved(let stored, let profiles, let quit):
            model.profiles = profiles
            model.saved = stored.profile
            model.workspace.profile = stored.profile
            model.version = stored.version
            model.status = StatusLine(
                "Saved \(TextSanitizer.line(stored.profile.name)) as version \(stored.version)"
                    + (stored.profile.integrationActive ? " — Integration is active" : " — Integration is NOT active"),
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
                "\(TextSanitizer.line(theirs.updatedBy)) saved version \(theirs.version) at \(theirs.updatedAt.shortText) after you opened version \(model.version ?? 0).",
                "Your edits differ from theirs in:",
            ]
            lines += changes.prefix(8).map { "  \(TextSanitizer.line($0.readable))" }
            if changes.count > 8 { lines.append("  … and \(changes.count - 8) more") }
            model.modal = ModalState(
                modal: Modal(
                    title: "Another operator saved this profile", lines: lines,
                    choices: [
                        Modal.Choice("r", "Reload theirs"), Modal.Choice("o", "Overwrite with mine"), Modal.Choice("c", "Cancel"),
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
                model.modal = ModalState(modal: Modal(title: "Verify connection", lines: model.verification), purpose: .message)
            }
            return .none
        case .readinessChecked(let lines, let summary, let ok):
            model.readiness = lines.map(TextSanitizer.line)
            model.status = StatusLine(
                "Readiness: \(summary)\(ok ? "" : " — fix the ✗ lines (listed under Check readiness)")",
                kind: ok ? .success : .error)
            return .none
        case .simulated(let lines):
            model.result = TextPane(title: "Result", paragraphs: lines.map(TextSanitizer.line))
            model.resultFocused = false
            model.status = StatusLine(
                "Simulation done — the plan is below the form (PgUp/PgDn scroll it, ↓ past the last row goes into it)",
                kind: .success)
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
            model.status = StatusLine("Opened \(TextSanitizer.line(stored.profile.name)), version \(stored.version)")
            return .batch([loadCatalog(&model), loadCallGearLists(&model)])
        case .callGearLoaded(let lists):
            model.callGearLists = lists
            model.callGearState = .live(Date())
            let updated = lists.applied(to: model.profile.callGear)
            if updated != model.profile.callGear {
                model.workspace.profile.callGear = updated
                model.status = StatusLine(
                    "CallGear lists loaded from the Data API (\(lists.channels.count) channels) — F2 stores them with the profile",
                    kind: .success)
            } else if model.catalogState != .loading {
                model.status = StatusLine("CallGear lists loaded from the Data API: unchanged", kind: .success)
            }
            return .none
        case .callGearFailed(let error, let cached):
            if let cached {
                model.callGearLists = cached.value
                model.callGearState = .stale(cached.fetchedAt, reason: error.message)
            } else {
                model.callGearState = .failed(error.message)
            }
            model.status = StatusLine(
                "CallGear lists: \(TextSanitizer.line(error.message)) — \(error.fix)\(cached == nil ? "; the typed lists stay in use" : "; the cached ones are used")",
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
            model.status = StatusLine("Loading cancelled — F5 loads the lists again", kind: .warning)
            return .cancel("catalog")
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
                    "Integration is active: ON — but \(errors.count) problem(s) must be fixed before it can be saved",
                    kind: .warning)
                : StatusLine("Integration is active: \(on ? "ON" : "OFF") — press F2 to save", kind: .info)
        case .reload:
            // Accounts too: another operator (or a command) may have changed them; the lists
            // load once they are read.
            return readStore(drafts: false)
        case .discard:
            guard model.isDirty, model.version != nil else {
                model.status = StatusLine("Nothing to discard")
                return .none
            }
            model.modal = ModalState(
                modal: Modal(
                    title: "Discard changes",
                    lines: ["Throw away the unsaved changes and go back to version \(model.version ?? 0)?"],
                    choices: [Modal.Choice("d", "Discard"), Modal.Choice("c", "Cancel")]),
                purpose: .discard)
        case .theme:
            let index = model.themes.firstIndex { $0.name == model.theme.name } ?? 0
            model.theme = model.themes[(index + 1) % model.themes.count]
            model.status = StatusLine("Theme: \(model.theme.name)")
        case .quit:
            guard model.isDirty else { return .quit }
            model.modal = ModalState(
                modal: Modal(
                    title: "Unsaved changes",
                    lines: ["\(TextSanitizer.line(model.profile.name)) has changes that are not saved."],
                    choices: [
                        Modal.Choice("s", "Save and quit"), Modal.Choice("d", "Discard and quit"), Modal.Choice("c", "Cancel"),
                    ]),
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
        "Side list",
        [
            KeyBinding([.up], .up, help: "the section above (onboarding: the previous step)"),
            KeyBinding([.down], .down, help: "the section below (onboarding: the next step)"),
            KeyBinding([.enter, .right, .tab], .open, label: "Open", help: "open the section's form"),
            KeyBinding([.escape], .leave, help: "onboarding: leave it for the console's screens (asks first)"),
            KeyBinding(FormScreen.sectionDigits, .section, help: "jump to section 1–7"),
        ])

    enum ResultAction: Hashable, Sendable {
        case up, down, home, end, leave
    }

    /// Simulate's result pane, once ↓ went past the form's last row into it.
    static let resultKeys = Keymap<ResultAction>(
        "Simulate's result",
        [
            KeyBinding([.up], .up, help: "a line up; at the top, back to the form"),
            KeyBinding([.down], .down, help: "a line down"),
            KeyBinding([.home], .home, help: "the first line"),
            KeyBinding([.end], .end, help: "the last line"),
            KeyBinding([.escape, .tab], .leave, help: "back to the form"),
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
        guard model.result != nil, model.section == .simulate, model.stack.isEmpty,
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
                        title: "Leave the onboarding?",
                        lines: [
                            "The profile stays open on the console's screens\(model.isDirty ? ", unsaved (F2 saves it)" : "").",
                            "Accounts → New profile starts an onboarding again.",
                        ],
                        choices: [Modal.Choice("l", "Leave"), Modal.Choice("c", "Stay")]),
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
        model.status = StatusLine("\(model.onboarding!.progress): \(step.title) — PgDn/Ctrl-N next, PgUp/Ctrl-P back")
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
                    return .failed("the onboarding draft could not be kept: \(error)")
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
            model.status = StatusLine("saving before quitting…")
            return .batch([save(&model, overwrite: false, thenQuit: true)])
        case (.quit, "d"):
            return deleteDraft(model.profile.name, thenQuit: true)
        case (.discard, "d"):
            model.workspace.profile = model.saved
            model.status = StatusLine("Changes discarded: back to version \(model.version ?? 0)")
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
                model.isDirty ? "Onboarding left — the profile is not saved yet: F2 saves it" : "Onboarding left", kind: .warning)
        case (.replaceAccount(let account), "u"):
            return storeAccount(account, original: account.domain.description, &model)
        case (.conflict(let theirs), "r"):
            model.workspace.profile = theirs.profile
            model.saved = theirs.profile
            model.version = theirs.version
            model.status = StatusLine("Reloaded version \(theirs.version); your edits were dropped")
        case (.conflict, "o"):
            return save(&model, overwrite: true)
        case (.switchProfile(let name), "d"):
            return openProfile(name, &model)
        case (.switchProfile(let name), "s"):
            // Save first; the switch waits for the operator to ask again once it is saved.
            model.status = StatusLine(
                "Saving \(TextSanitizer.line(model.profile.name)); then choose \(name ?? "New profile") again")
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
                    "Draft restored — made from version \(base), but version \(current) was saved since: F2 shows what differs",
                    kind: .warning)
            } else {
                model.status = StatusLine("Draft restored — F2 saves it, F8 discards it", kind: .warning)
            }
            return deleteDraft(draft.profileName, thenQuit: false)
        case (.restoreDraft(let draft), "d"):
            return deleteDraft(draft.profileName, thenQuit: false)
        case (.resumeOnboarding(let draft), "r"):
            model.workspace.profile = draft.profile
            model.onboarding = Onboarding.resuming(draft.reason)
            if let section = model.onboarding?.step.section { model.section = section }
            model.status = StatusLine("Resumed at \(model.onboarding?.progress ?? "")")
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
                notes.post("the draft of \(name) could not be deleted (it will be offered again): \(error)")
            }
            return .draftDeleted(quit: thenQuit)
        }
    }

    // MARK: Switching profiles

    /// Another profile (or a new one, nil): asks first when the open one has unsaved changes.
    func switchProfile(to name: String?, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard model.isDirty, model.version != nil else { return openProfile(name, &model) }
        model.modal = ModalState(
            modal: Modal(
                title: "Unsaved changes",
                lines: ["\(TextSanitizer.line(model.profile.name)) has changes that are not saved."],
                choices: [Modal.Choice("s", "Save"), Modal.Choice("d", "Discard and switch"), Modal.Choice("c", "Cancel")]),
            purpose: .switchProfile(name))
        return .none
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
                "\(model.onboarding!.progress): \(Onboarding.Step.region.title) — PgDn/Ctrl-N next, PgUp/Ctrl-P back")
            return .none
        }
        let store = environment.store
        return .task("open") {
            do {
                return .profileOpened(try store.loadProfile(named: name))
            } catch {
                return .failed("\(name) could not be opened: \(error)")
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
                    model.status = StatusLine("\(TextSanitizer.line(existing.title)) is in the list already: ticked")
                    return .none
                }
                multi.selected.insert(typed)
                var items = multi.list.items
                items.append(PickItem(id: typed, title: typed, detail: "typed"))
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
            model.status = StatusLine("Edit cancelled")
            return .none
        case .insertVariable? where editing.kind != nil:
            let items = TemplateVariable.choices(for: editing.kind, customOfflineFields: model.profile.callGear.offlineFields)
                .map { PickItem(id: $0.name, title: "{{\($0.name)}}", detail: $0.label) }
            model.picker = PickerState(title: "Insert a variable", single: PickList(items), commit: .insertVariable)
            return .none
        case .revert? where editing.savedText != nil:
            editing.field.text = editing.savedText ?? ""
            editing.field.caret = editing.field.text.count
            model.editing = editing
            model.status = StatusLine("Template restored to the last saved text")
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
