/// The two kinds of communication the integration carries into Bitrix24. Offline requests
/// (web-form messages) are configured exactly like chats, so most settings exist twice.
public enum CommunicationKind: String, ClosedChoice {
    case chat
    case offline

    public static let choiceName = "event type"

    public var label: String {
        switch self {
        case .chat: tr("Chat", ru: "Чат")
        case .offline: tr("Offline message", ru: "Офлайн-заявка")
        }
    }

    /// The key of this kind's settings in the profile document.
    public var settingsKey: String {
        switch self {
        case .chat: "chats"
        case .offline: "offline"
        }
    }
}
