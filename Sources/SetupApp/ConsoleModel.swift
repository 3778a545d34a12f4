import Bitrix24
import CallGearAPI
import Foundation
import ProfileStore
import Replay
import SetupModel
import Synchronization
import TerminalUI
import Transport

/// The console's whole state. The profile being edited lives in `workspace`; `saved` is
/// what the store holds, so "unsaved changes" is a comparison, never a flag to forget.
public struct ConsoleModel {
    public var width = 80
    public var height = 24
    public var workspace: Workspace
    public var saved: Profile
    /// The store's version the edits started from; nil while the profile is not stored yet.
    public var version: Int?
    public var accounts: [Account] = []
    /// Every profile in the store, for switching without leaving the console.
    public var profiles: [ProfileSummary] = []
    public var catalog: PortalCatalog? {
        didSet { pickLists = PortalPickLists() }
    }
    /// The portal's pick lists, built (and their search keys folded) once per loaded catalog.
    var pickLists = PortalPickLists()
    public var catalogState = CatalogState.none
    /// The CallGear account's lists from its Data API, when the profile has a key.
    public var callGearLists: CallGearLists?
    public var callGearState = CatalogState.none
    public var section = Section.chats
    /// Forms opened from the section, innermost last.
    public var stack: [FormContext] = []
    public var sidebarFocused = false
    var focus: [FocusKey: Int] = [:]
    /// The profile before each change of this session (Ctrl-Z), and what was undone (Ctrl-Y).
    var undoStack: [Profile] = []
    var redoStack: [Profile] = []
    /// Set by undo and redo, so the key that moved through the history is not itself recorded.
    var historyMoved = false
    /// The last search's matches, and which one `n` / `N` stand on.
    var searchResults: [SettingPath] = []
    var searchIndex = 0
    /// What lies over the screens; the last takes the keys and is drawn on top.
    var layers: [Layer] = []
    public var status = StatusLine("")
    /// The keymaps in force (the built-in ones, rebound by the keys file).
    public var keys = ConsoleKeys()
    public var theme = Theme.builtinDefault
    public var themes: [Theme] = [.builtinDefault]
    var tick = 0
    /// Problems found before the screen was up (a broken theme file), shown once it is.
    public var startupNotices: [String] = []
    /// The first resize starts the work (accounts, drafts, pick lists).
    var started = false
    /// Each console screen's last result (Simulate's plan, Replay's summary), a pane that
    /// scrolls (PgUp/PgDn, or ↓ into it).
    var panes: [Section: TextPane] = [:]
    /// The pane of the section shown.
    public var result: TextPane? {
        get { panes[section] }
        set { panes[section] = newValue }
    }
    /// The Replay screen's gathering and its last result.
    public var replay = ReplayState()
    /// The result pane takes ↑↓ Home/End.
    var resultFocused = false
    /// The last result's lines, as a test or a capture reads them.
    public var simulation: [String] { result?.paragraphs ?? [] }
    public var onboarding: Onboarding?
    /// What the last verify said, shown on the Accounts screen and in onboarding.
    public var verification: [String] = []
    /// The last readiness check, one line per ✓ / ⚠ / ✗ (fix lines indented).
    public var readiness: [String] = []

    public init(profile: Profile, version: Int?) {
        workspace = Workspace(profile: profile)
        saved = profile
        self.version = version
    }

    public var profile: Profile { workspace.profile }
    public var isDirty: Bool { workspace.profile != saved || version == nil }

    public var context: FormContext { stack.last ?? .section(section) }

    /// Every validation problem of the profile being edited, against the stored accounts.
    public var problems: [ValidationProblem] { profile.validate(knownAccounts: accounts.map(\.domain.description)) }

    /// Where the form's focus is remembered: per form, and per onboarding step.
    var focusKey: FocusKey {
        if let onboarding, stack.isEmpty { return .onboarding(onboarding.step) }
        return .form(context)
    }

    public var currentAccount: Account? {
        accounts.first { $0.domain.description == workspace.profile.account }
    }
}

/// One thing over the screens: the help, a text being typed, a pick list (over the text a
/// variable is inserted into), a question. Which one takes a key is which one lies on top,
/// not an order of checks.
enum Layer {
    case help(offset: Int)
    case editing(Editing)
    case picker(PickerState)
    case modal(ModalState)
    /// Text read whole by scrolling: the focused field explained (F3).
    case pane(TextPane)
}

extension ConsoleModel {
    var editing: Editing? {
        get {
            for case .editing(let e) in layers.reversed() { return e }
            return nil
        }
        set { setLayer(newValue.map(Layer.editing)) { if case .editing = $0 { true } else { false } } }
    }

    var picker: PickerState? {
        get {
            for case .picker(let p) in layers.reversed() { return p }
            return nil
        }
        set { setLayer(newValue.map(Layer.picker)) { if case .picker = $0 { true } else { false } } }
    }

    var modal: ModalState? {
        get {
            for case .modal(let m) in layers.reversed() { return m }
            return nil
        }
        set { setLayer(newValue.map(Layer.modal)) { if case .modal = $0 { true } else { false } } }
    }

    /// The help's scroll position while it is shown.
    var helpOffset: Int? {
        get {
            for case .help(let offset) in layers.reversed() { return offset }
            return nil
        }
        set { setLayer(newValue.map { Layer.help(offset: $0) }) { if case .help = $0 { true } else { false } } }
    }

    public var showsHelp: Bool { helpOffset != nil }

    /// Replaces the layer of a kind where it lies, puts a new one on top, or (nil) removes it.
    private mutating func setLayer(_ layer: Layer?, kind: (Layer) -> Bool) {
        if let i = layers.lastIndex(where: kind) {
            if let layer { layers[i] = layer } else { layers.remove(at: i) }
        } else if let layer {
            layers.append(layer)
        }
    }
}

/// The key the focused row is remembered under, so leaving a rule and coming back lands
/// on the same row.
enum FocusKey: Hashable {
    case form(FormContext)
    case onboarding(Onboarding.Step)
}

/// Where the pick lists stand.
public enum CatalogState: Equatable, Sendable {
    case none
    case loading
    case live(Date)
    /// From the store's cache: the portal could not be reached.
    case stale(Date, reason: String)
    case failed(String)
    case cancelled
}

/// A text field being typed into, and where its value goes.
struct Editing {
    var path: SettingPath
    var field: TextField
    /// Stores the typed text where the row's value lives.
    var commit: (inout Workspace, String) -> Void
    /// Templates: the saved text Ctrl-R restores and the variables Ctrl-V offers.
    var savedText: String?
    var kind: CommunicationKind?
}

/// A pick list over the screen.
struct PickerState {
    var title: String
    var single: PickList?
    var multi: MultiSelect?
    var commit: PickerCommit
    /// Values pickers accept a typed value that is not in the list (Ctrl-N).
    var acceptsNew = false
}

/// Where a pick list's choice goes: the binding of the row it was opened from, kept with the
/// picker instead of finding the row again when the choice is made.
enum PickerCommit {
    case single(SettingPath, Picker, set: (inout Workspace, String?) -> Void)
    /// `/`: the chosen setting is jumped to; the matches are kept for `n` / `N`.
    case search
    case multi(SettingPath, get: (Workspace) -> [String], set: (inout Workspace, [String]) -> Void)
    case insertVariable
}

/// A question over the screen and what its answers do.
struct ModalState {
    var modal: Modal
    var purpose: ModalPurpose
}

enum ModalPurpose {
    case message
    case quit
    case discard
    case deleteRow(SettingPath)
    case deleteAccount(String)
    /// A new account typed for a portal that is stored already: update it only if asked.
    case replaceAccount(Account)
    /// Esc from the onboarding's side list: leave it for the console's screens.
    case leaveOnboarding
    case conflict(theirs: StoredProfile)
    case applyTest
    case restoreDraft(Draft)
    case resumeOnboarding(Draft)
    case switchProfile(String?)
}

/// Everything the console's effects run against: the store and who is at the keyboard.
public struct ConsoleEnvironment: Sendable {
    public let store: ProfileStore
    public let author: Author
    public let timeouts: Timeouts
    /// What clients report on the side while an effect runs (renewed keys that could not
    /// be stored, a moved portal); shown on the status line after the effect's result.
    public let notes = ConsoleNotes()

    public init(store: ProfileStore, author: Author, timeouts: Timeouts = Timeouts(connectMs: 5_000, totalMs: 20_000)) {
        self.store = store
        self.author = author
        self.timeouts = timeouts
    }
}

public enum ConsoleMsg: Sendable {
    case event(TerminalEvent)
    case signal(TerminalSignal)
    case tick
    case catalogLoaded(PortalCatalog, lists: PortalPickLists = PortalPickLists())
    case catalogFailed(PortalError, cached: CachedValue<PortalCatalog>?)
    /// With the store's profile list as it is after the save.
    case saved(StoredProfile, profiles: [ProfileSummary], quit: Bool = false)
    case saveConflict(theirs: StoredProfile)
    case failed(String)
    case accountsChanged([Account], status: String)
    case verified([String], ok: Bool)
    case readinessChecked([String], summary: String, ok: Bool)
    case simulated([String])
    /// A replay's step is done; the next one follows until the gathering is.
    case replayStepped(ReplayJob.Status)
    case replayPlanned(ReplayResult, comparison: ReplayComparison?, status: ReplayJob.Status)
    case replayFailed(String)
    /// With the accounts as stored afterwards (nil: unchanged).
    case keysRefreshed(String, ok: Bool, accounts: [Account]?)
    case callGearLoaded(CallGearLists)
    case callGearFailed(DataAPIError, cached: CachedValue<CallGearLists>?)
    case profileOpened(StoredProfile)
    /// The store's accounts and profiles, read by an effect; with the drafts at start.
    case storeRead(accounts: [Account], profiles: [ProfileSummary], drafts: [Draft]?)
    /// A draft was deleted (then quit, when the operator chose "Discard and quit").
    case draftDeleted(quit: Bool)
}

/// Messages posted from effects' threads, collected for the next update to show.
public final class ConsoleNotes: Sendable {
    private let pending = Mutex<[String]>([])

    public init() {}

    public func post(_ note: String) { pending.withLock { $0.append(note) } }

    public func drain() -> [String] {
        pending.withLock { notes in
            defer { notes = [] }; return notes
        }
    }
}

/// Undo and redo of every change to the profile in the session, across sections; saving
/// keeps the history (undo after a save makes the profile changed again).
extension ConsoleModel {
    static let historyLimit = 500

    /// After a key: the profile as it was before, kept if the key changed it.
    mutating func recordChange(from before: Profile) {
        defer { historyMoved = false }
        guard !historyMoved, before != profile else { return }
        undoStack.append(before)
        if undoStack.count > Self.historyLimit { undoStack.removeFirst() }
        redoStack = []
    }

    mutating func undoLastChange() {
        step(
            from: \.undoStack, to: \.redoStack, verb: tr("Undid", ru: "Отменено"),
            none: tr("Nothing to undo in this session", ru: "В этом сеансе нечего отменять"))
    }

    mutating func redoLastChange() {
        step(
            from: \.redoStack, to: \.undoStack, verb: tr("Redid", ru: "Возвращено"),
            none: tr("Nothing to redo", ru: "Нечего возвращать"))
    }

    /// Undo and redo alike: the profile taken from one stack, the current one kept on the other.
    private mutating func step(
        from source: WritableKeyPath<ConsoleModel, [Profile]>, to target: WritableKeyPath<ConsoleModel, [Profile]>,
        verb: String, none: String
    ) {
        guard let next = self[keyPath: source].popLast() else {
            status = StatusLine(none)
            return
        }
        self[keyPath: target].append(profile)
        move(to: next, verb: verb)
    }

    private mutating func move(to target: Profile, verb: String) {
        let changes = ProfileDiff.changes(from: profile, to: target)
        workspace.profile = target
        historyMoved = true
        status = StatusLine(historyMessage(verb, changes), kind: .info)
    }

    /// "Undid: Chats › Default chat responsible → Мария Смирнова (user 1)": the setting the
    /// first change belongs to, by its label, and what it is now, by name.
    func historyMessage(_ verb: String, _ changes: [ProfileChange]) -> String {
        guard let first = changes.first, var path = SettingPath(parsing: first.path) else {
            return verb + tr(" a change", ru: " изменение")
        }
        while SettingsCatalog.entry(at: path) == nil, let parent = path.parent, !parent.isEmpty { path = parent }
        let more = changes.count > 1 ? tr(" (and \(changes.count - 1) more)", ru: " (и ещё \(changes.count - 1))") : ""
        guard let entry = SettingsCatalog.entry(at: path) else { return "\(verb): \(first.path)\(more)" }
        let value = entry.value(in: profile, at: path).map { SettingSearch.text($0, entry.kind, FormScreen.names(self)) }
        return "\(verb): \(SettingsCatalog.trail(of: path)) → \(TextSanitizer.line(value ?? tr("removed", ru: "удалено")))\(more)"
    }
}
