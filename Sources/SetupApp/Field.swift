import SetupModel

/// One row of a form: a label, how its value is edited, and the setting it shows. Rows of
/// settings take label, hint and "required" from the settings catalog; rows are built fresh
/// from the workspace on every frame, so which fields show follows the settings as they change.
struct Field {
    enum Kind {
        /// A group title inside a form.
        case heading
        /// A line of guidance (onboarding steps, the vendor's instructions).
        case note
        case toggle(get: (Workspace) -> Bool, set: (inout Workspace, Bool) -> Void)
        case choice(options: [String], get: (Workspace) -> Int, set: (inout Workspace, Int) -> Void)
        case text(get: (Workspace) -> String, set: (inout Workspace, String) -> Void, masked: Bool, placeholder: String)
        case pick(Picker, get: (Workspace) -> String?, set: (inout Workspace, String?) -> Void)
        case multi(Picker, get: (Workspace) -> [String], set: (inout Workspace, [String]) -> Void)
        case open(FormContext, summary: String)
        case action(ConsoleAction, summary: String)

        /// A text field bound to a string in the workspace.
        static func text(_ path: WritableKeyPath<Workspace, String>, masked: Bool, placeholder: String) -> Kind {
            .text(get: { $0[keyPath: path] }, set: { $0[keyPath: path] = $1 }, masked: masked, placeholder: placeholder)
        }
    }

    var label: String
    /// The setting this row shows; problems at or under it belong to the row (`root`: none).
    var path: SettingPath
    var kind: Kind
    var required = false
    /// The vendor's explanation, shown on demand.
    var hint: String?
    /// Rows of a list can be deleted and moved.
    var delete: ((inout Workspace) -> Void)?
    var move: ((inout Workspace, Int) -> Bool)?
    /// A name template's text (its index): typing it offers variables (Ctrl-V) and revert (Ctrl-R).
    var template: Int?

    init(
        _ label: String, path: SettingPath = .root, _ kind: Kind, required: Bool = false, hint: String? = nil,
        delete: ((inout Workspace) -> Void)? = nil, move: ((inout Workspace, Int) -> Bool)? = nil
    ) {
        self.label = label
        self.path = path
        self.kind = kind
        self.required = required
        self.hint = hint
        self.delete = delete
        self.move = move
    }

    /// A row of a catalog setting: label, hint and "required" come from its entry.
    init(
        setting path: SettingPath, _ kind: Kind, label: String? = nil, hint: String? = nil,
        delete: ((inout Workspace) -> Void)? = nil, move: ((inout Workspace, Int) -> Bool)? = nil
    ) {
        let entry = SettingsCatalog.entry(at: path)
        self.init(
            label ?? SettingsCatalog.label(of: path), path: path, kind, required: entry?.required ?? false,
            hint: hint ?? entry?.hint.text, delete: delete, move: move)
    }

    /// Whether a problem at `problem` is this row's: the row's setting is it or lies above it.
    func owns(_ problem: SettingPath) -> Bool { !path.isEmpty && path.contains(problem) }

    var isAction: Bool {
        if case .action = kind { return true }
        return false
    }

    var isFocusable: Bool {
        switch kind {
        case .heading, .note: false
        default: true
        }
    }

    /// The row a problem belongs to: of the rows whose setting contains it, the most specific.
    /// The one rule for the ✗ marks, the message under the form and Review's jumps.
    static func owner(of problem: SettingPath, in rows: [Field]) -> Int? {
        rows.indices.filter { rows[$0].owns(problem) }.max { rows[$0].path.steps.count < rows[$1].path.steps.count }
    }
}

/// Where a pick list's items come from.
enum Picker: Hashable, Sendable {
    case user
    case leadStage
    case funnel
    case dealStage(funnel: String?)
    case channel
    case entities([CreatedEntity])
    case values(ConditionParam)
    case field(CRMEntity)
    /// The values of a list (enumeration) field of the portal.
    case listValue(CRMEntity, field: String)
    /// Template variables of one kind; nil: a mapping's source (chats and requests both).
    case variable(CommunicationKind?)
    case account
    /// A list the operator types by hand (sites, groups, …): ticked entries stay.
    case typedList
    /// The last replay's events (as the Replay screen's filter shows them).
    case replayEvents
}

/// What an action row or a key does beyond editing a value.
enum ConsoleAction: Hashable, Sendable {
    case addResponsibleRule(CommunicationKind)
    case addFunnelRule(CommunicationKind, repeated: Bool)
    case addClause(ConditionRef, group: Int)
    case addGroup(ConditionRef)
    case addTemplate
    case addMapping
    case addChannel
    case newAccount
    case editAccount(String)
    case saveAccount
    case deleteAccount
    case verifyAccount
    /// The readiness check: will this profile work on this portal?
    case checkReadiness
    case refreshKeys
    case previewOffline
    case dryRun
    case applyTest
    /// Replay the account's traffic of the period under the profile (read-only).
    case runReplay
    /// Replay and compare the saved profile with the unsaved changes.
    case replayChanges
    case reloadCatalog
    case activateAndSave
    case jump(SettingPath)
    case openProfile(String)
    case newProfile
}
