/// The two kinds of communication the integration carries into Bitrix24. Offline requests
/// (web-form messages) are configured exactly like chats, so most settings exist twice.
public enum CommunicationKind: String, ClosedChoice {
    case chat
    case offline

    public static let choiceName = "event type"

    /// Both languages' names, fixed: a catalog built once must not keep the first caller's.
    public var localized: Localized {
        switch self {
        case .chat: Localized("Chat", ru: "Чат")
        case .offline: Localized("Offline message", ru: "Офлайн-заявка")
        }
    }

    public var label: String { localized.text }

    /// The key of this kind's settings in the profile document.
    public var settingsKey: String {
        switch self {
        case .chat: "chats"
        case .offline: "offline"
        }
    }
}
