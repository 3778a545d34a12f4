import Bitrix24
import Foundation
import SetupModel
import Transport

/// What the CallGear Data API can answer instead of data, by its `error.data.mnemonic`
/// (the codes are shared by several mnemonics), each with the operator's message and fix.
public enum DataAPIError: Error, Equatable, Sendable {
    case ipNotWhitelisted(ip: String?)
    case tokenInvalid
    case tokenExpired
    case tokenBlocked
    case limitExceeded(DataAPILimits?)
    case componentDisabled
    case accountInactive
    case forbidden(String)
    case invalidParameter(String)
    case noKey
    case notJSON(status: Int, snippet: String)
    case transport(TransportError)
    case other(code: Int, mnemonic: String, message: String)

    public var message: String {
        switch self {
        case .ipNotWhitelisted(let ip):
            tr("the CallGear Data API refuses this machine's address", ru: "CallGear Data API не принимает адрес этой машины")
                + (ip.map { " (\($0))" } ?? "") + tr(" — it is not whitelisted", ru: " — его нет в белом списке")
        case .tokenInvalid:
            tr(
                "the CallGear Data API key is not valid (access_token_invalid)",
                ru: "ключ CallGear Data API недействителен (access_token_invalid)")
        case .tokenExpired:
            tr(
                "the CallGear Data API key has expired (access_token_expired)",
                ru: "срок ключа CallGear Data API истёк (access_token_expired)")
        case .tokenBlocked:
            tr(
                "the CallGear Data API key is blocked (access_token_blocked)",
                ru: "ключ CallGear Data API заблокирован (access_token_blocked)")
        case .limitExceeded(let limits):
            tr("the CallGear Data API limit is used up", ru: "лимит CallGear Data API исчерпан")
                + (limits.map {
                    tr(
                        " (per minute \($0.minuteRemaining)/\($0.minuteLimit) left, resets in \($0.minuteReset) s; per day \($0.dayRemaining)/\($0.dayLimit), resets in \($0.dayReset) s)",
                        ru:
                            " (в минуту осталось \($0.minuteRemaining)/\($0.minuteLimit), сброс через \($0.minuteReset) с; в день \($0.dayRemaining)/\($0.dayLimit), сброс через \($0.dayReset) с)"
                    )
                } ?? "")
        case .componentDisabled:
            tr(
                "the key's user lacks the \"Data API Basic set\" component (method_component_disabled)",
                ru: "у пользователя ключа нет компонента «Data API Basic set» (method_component_disabled)")
        case .accountInactive:
            tr("the CallGear account is inactive (account_inactive)", ru: "аккаунт CallGear не активен (account_inactive)")
        case .forbidden(let text):
            tr("the CallGear Data API forbids this: \(text)", ru: "CallGear Data API запрещает это: \(text)")
        case .invalidParameter(let text):
            tr("the CallGear Data API rejected a parameter: \(text)", ru: "CallGear Data API отклонил параметр: \(text)")
        case .noKey:
            tr("no CallGear Data API key is set for this profile", ru: "для этого профиля не задан ключ CallGear Data API")
        case .notJSON(let status, let snippet):
            tr(
                "the CallGear Data API answered HTTP \(status) with something that is not JSON: \(snippet)",
                ru: "CallGear Data API ответил HTTP \(status) не в JSON: \(snippet)")
        case .transport(let error): error.description
        case .other(let code, let mnemonic, let message):
            tr(
                "CallGear Data API error \(code) \(mnemonic): \(message)",
                ru: "ошибка CallGear Data API \(code) \(mnemonic): \(message)")
        }
    }

    public var fix: String {
        switch self {
        case .ipNotWhitelisted:
            tr(
                "whitelist it in the CallGear cabinet: Administrator → Account → Rules and security settings → tab \"API\" (0.0.0.0/0 allows every address)",
                ru:
                    "разрешите его в кабинете CallGear: Administrator → Account → Rules and security settings → вкладка «API» (0.0.0.0/0 разрешает любой адрес)"
            )
        case .tokenInvalid, .tokenExpired, .tokenBlocked:
            tr(
                "make a new key: CallGear cabinet → Administrator → User management → the user → component \"Data API Basic set\"; then set it in Other settings → Data API key",
                ru:
                    "создайте новый ключ: кабинет CallGear → Administrator → User management → пользователь → компонент «Data API Basic set»; затем задайте его в «Другие настройки → Ключ Data API»"
            )
        case .limitExceeded:
            tr(
                "wait until the limit resets; the lists already loaded stay in use",
                ru: "дождитесь сброса лимита; уже загруженные списки остаются в работе")
        case .componentDisabled:
            tr(
                "enable \"Data API Basic set\" for the key's user in Administrator → User management",
                ru: "включите «Data API Basic set» пользователю ключа в Administrator → User management")
        case .accountInactive:
            tr(
                "the CallGear account must be active; contact CallGear support",
                ru: "аккаунт CallGear должен быть активен; обратитесь в поддержку CallGear")
        case .forbidden:
            tr(
                "check the key's user rights in the CallGear cabinet",
                ru: "проверьте права пользователя ключа в кабинете CallGear")
        case .invalidParameter:
            tr(
                "this is a callgear-setup problem; please report it with the message",
                ru: "это ошибка callgear-setup; сообщите о ней вместе с сообщением")
        case .noKey:
            tr(
                "set the Data API key in Other settings, or type the lists by hand",
                ru: "задайте ключ Data API в «Другие настройки» или введите списки вручную")
        case .notJSON:
            tr(
                "check the Data API address (Latvia https://dataapi.callgear.com/v2.0, Dubai https://dataapi.callgear.ae/v2.0)",
                ru: "проверьте адрес Data API (Латвия https://dataapi.callgear.com/v2.0, Дубай https://dataapi.callgear.ae/v2.0)")
        case .transport: tr("check the network and the Data API address", ru: "проверьте сеть и адрес Data API")
        case .other: tr("see CallGear's message", ru: "см. сообщение CallGear")
        }
    }

    /// From a JSON-RPC `error` object.
    static func from(code: Int, mnemonic: String, message: String, limits: DataAPILimits?) -> DataAPIError {
        switch mnemonic {
        case "ip_not_whitelisted":
            let ip = message.split(separator: " ").first {
                $0.split(separator: ".").count == 4 || $0.contains(":") && $0.count > 4
            }
            return .ipNotWhitelisted(ip: ip.map(String.init))
        case "access_token_invalid", "auth_error": return .tokenInvalid
        case "access_token_expired": return .tokenExpired
        case "access_token_blocked": return .tokenBlocked
        case "limit_exceeded": return .limitExceeded(limits)
        case "method_component_disabled": return .componentDisabled
        case "account_inactive": return .accountInactive
        case "forbidden": return .forbidden(message)
        case "invalid_parameter_value", "filter_prohibited", "sort_prohibited", "unexpected_parameters":
            return .invalidParameter(message)
        default: return .other(code: code, mnemonic: mnemonic, message: message)
        }
    }
}

/// `metadata.limits` of every answer: the point budgets.
public struct DataAPILimits: Equatable, Sendable, Codable {
    public var dayLimit: Int
    public var dayRemaining: Int
    public var dayReset: Int
    public var minuteLimit: Int
    public var minuteRemaining: Int
    public var minuteReset: Int
}
