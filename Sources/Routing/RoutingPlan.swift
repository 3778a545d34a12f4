import SetupModel

/// What the integration would do with one event: the actions in order, and for every
/// decision the setting that made it. The offline preview, the live dry run and the test
/// apply all read the same plan.
public struct RoutingPlan: Hashable, Sendable {
    public var actions: [Action]
    public var explanation: [Reason]
    /// What the portal will do otherwise than the plan says (simple CRM mode turns a lead
    /// into a deal), for the preview and the dry run to show before anything else.
    public var warnings: [String] = []

    public init(actions: [Action] = [], explanation: [Reason] = []) {
        self.actions = actions
        self.explanation = explanation
    }

    /// One decision: the setting that made it (or the fact found in the portal or the
    /// event) and what it decided.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        public enum Basis: Hashable, Sendable {
            case setting(SettingPath)
            /// What the portal holds about the visitor.
            case portal
            /// What the event itself carries.
            case visitor

            /// The path, or "portal"/"visitor": for scripts.
            public var key: String {
                switch self {
                case .setting(let path): path.description
                case .portal: "portal"
                case .visitor: "visitor"
                }
            }

            /// What a person reads: the catalog's labels from the list down to the setting.
            public var label: String {
                switch self {
                case .setting(let path): SettingsCatalog.trail(of: path)
                case .portal: tr("the portal", ru: "портал")
                case .visitor: tr("the event", ru: "событие")
                }
            }
        }

        public var basis: Basis
        public var text: String
        public init(_ basis: Basis, _ text: String) {
            self.basis = basis
            self.text = text
        }

        /// The setting's path as text ("portal", "visitor" for facts).
        public var setting: String { basis.key }
        public var description: String { "\(text)  [\(basis.label)]" }
    }

    /// A record the plan writes to: one that exists, or one this plan creates.
    public enum Target: Hashable, Sendable, CustomStringConvertible {
        case existing(CRMEntity, id: String)
        case new(CRMEntity)

        public var kind: CRMEntity {
            switch self {
            case .existing(let kind, _), .new(let kind): kind
            }
        }

        public var description: String {
            switch self {
            case .existing(let kind, let id): "\(kind.noun) #\(id)"
            case .new(let kind): kind.newOne
            }
        }
    }

    /// When a comment is written.
    public enum CommentTiming: String, Hashable, Sendable {
        /// Now: the request's text, or a message of a chat already linked.
        case now
        /// Chats created on start: every message as it comes.
        case asMessagesArrive = "as_messages_arrive"
        /// Chats created on end: the transcript, once.
        case transcriptAtEnd = "transcript_at_end"
    }

    public struct NewEntity: Hashable, Sendable {
        public var kind: CRMEntity
        public var title: String
        /// Lead: STATUS_ID. Deal: STAGE_ID. nil: the portal's first stage.
        public var stage: String?
        /// Deals only: CATEGORY_ID ("0" is the default funnel).
        public var funnel: String?
        public var responsible: String?
        /// Mapped fields: Bitrix24 field code → value.
        public var fields: [String: String]
        public var contactID: String?
        public var companyID: String?
        /// Link to the contact this plan creates (a first contact's deal must carry the
        /// visitor, or the next chat from the same phone never finds it).
        public var linksNewContact = false

        public init(
            kind: CRMEntity, title: String, stage: String?, funnel: String?, responsible: String?, fields: [String: String],
            contactID: String?, companyID: String?, linksNewContact: Bool = false
        ) {
            self.kind = kind
            self.title = title
            self.stage = stage
            self.funnel = funnel
            self.responsible = responsible
            self.fields = fields
            self.contactID = contactID
            self.companyID = companyID
            self.linksNewContact = linksNewContact
        }
    }

    public enum Action: Hashable, Sendable, CustomStringConvertible {
        case create(NewEntity)
        case addComment(to: Target, timing: CommentTiming)
        case addActivity(to: Target, responsible: String?)
        case updateFields(Target, [String: String])
        case notify(user: String, about: Target)
        case skip(reason: String)

        public var description: String { text(.none) }

        /// The action in words, with the portal's names where they are known.
        public func text(_ names: PortalNames) -> String {
            switch self {
            case .create(let e) where e.kind == .contact:
                return tr(
                    "create contact \"\(e.title)\" from the visitor's name, phone and e-mail",
                    ru: "создать контакт «\(e.title)» из имени, телефона и e-mail посетителя")
                    + (e.responsible.map { tr(", responsible ", ru: ", ответственный ") + names.user($0) } ?? "")
            case .create(let e):
                var text = tr("create \(e.kind.noun) \"\(e.title)\"", ru: "создать: \(e.kind.noun) «\(e.title)»")
                if let funnel = e.funnel { text += tr(" in ", ru: ", ") + names.funnel(funnel) }
                if let stage = e.stage {
                    text +=
                        tr(" at stage ", ru: " на стадии ")
                        + (e.kind == .lead ? names.leadStage(stage) : names.dealStage(stage, funnel: e.funnel ?? "0"))
                } else {
                    text += tr(" at the portal's first stage", ru: " на первой стадии портала")
                }
                text +=
                    e.responsible.map { tr(", responsible ", ru: ", ответственный ") + names.user($0) }
                    ?? tr(", responsible not set", ru: ", ответственный не задан")
                if let contact = e.contactID {
                    text += tr(", linked to contact #\(contact)", ru: ", связь с контактом #\(contact)")
                }
                if e.linksNewContact { text += tr(", linked to the new contact", ru: ", связь с новым контактом") }
                if let company = e.companyID {
                    text += tr(", linked to company #\(company)", ru: ", связь с компанией #\(company)")
                }
                if !e.fields.isEmpty {
                    text +=
                        tr(", fields ", ru: ", поля ")
                        + e.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
                }
                return text
            case .addComment(let target, let timing):
                switch timing {
                case .now: return tr("add the text as a comment to \(target)", ru: "добавить текст комментарием: \(target)")
                case .asMessagesArrive:
                    return tr(
                        "add each message as a comment to \(target) as the chat goes",
                        ru: "добавлять каждое сообщение комментарием по ходу чата: \(target)")
                case .transcriptAtEnd:
                    return tr(
                        "add the chat's transcript as a comment to \(target) when it ends",
                        ru: "по завершении чата добавить его расшифровку комментарием: \(target)")
                }
            case .addActivity(let target, let responsible):
                return tr("add an activity to \(target)", ru: "добавить дело: \(target)")
                    + (responsible.map { tr(" for ", ru: " для ") + names.user($0) } ?? "")
            case .updateFields(let target, let fields):
                return tr("update \(target): ", ru: "обновить \(target): ")
                    + fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            case .notify(let user, let target):
                return tr("notify \(names.user(user)) about \(target)", ru: "уведомить \(names.user(user)): \(target)")
            case .skip(let reason):
                return tr("nothing: ", ru: "ничего: ") + reason
            }
        }
    }
}
