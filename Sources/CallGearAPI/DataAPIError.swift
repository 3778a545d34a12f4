import Bitrix24
import Foundation
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
            "the CallGear Data API refuses this machine's address\(ip.map { " (\($0))" } ?? "") — it is not whitelisted"
        case .tokenInvalid: "the CallGear Data API key is not valid (access_token_invalid)"
        case .tokenExpired: "the CallGear Data API key has expired (access_token_expired)"
        case .tokenBlocked: "the CallGear Data API key is blocked (access_token_blocked)"
        case .limitExceeded(let limits):
            "the CallGear Data API limit is used up"
                + (limits.map {
                    " (per minute \($0.minuteRemaining)/\($0.minuteLimit) left, resets in \($0.minuteReset) s; per day \($0.dayRemaining)/\($0.dayLimit), resets in \($0.dayReset) s)"
                } ?? "")
        case .componentDisabled: "the key's user lacks the \"Data API Basic set\" component (method_component_disabled)"
        case .accountInactive: "the CallGear account is inactive (account_inactive)"
        case .forbidden(let text): "the CallGear Data API forbids this: \(text)"
        case .invalidParameter(let text): "the CallGear Data API rejected a parameter: \(text)"
        case .noKey: "no CallGear Data API key is set for this profile"
        case .notJSON(let status, let snippet):
            "the CallGear Data API answered HTTP \(status) with something that is not JSON: \(snippet)"
        case .transport(let error): error.description
        case .other(let code, let mnemonic, let message): "CallGear Data API error \(code) \(mnemonic): \(message)"
        }
    }

    public var fix: String {
        switch self {
        case .ipNotWhitelisted:
            "whitelist it in the CallGear cabinet: Administrator → Account → Rules and security settings → tab \"API\" (0.0.0.0/0 allows every address)"
        case .tokenInvalid, .tokenExpired, .tokenBlocked:
            "make a new key: CallGear cabinet → Administrator → User management → the user → component \"Data API Basic set\"; then set it in Other settings → Data API key"
        case .limitExceeded: "wait until the limit resets; the lists already loaded stay in use"
        case .componentDisabled: "enable \"Data API Basic set\" for the key's user in Administrator → User management"
        case .accountInactive: "the CallGear account must be active; contact CallGear support"
        case .forbidden: "check the key's user rights in the CallGear cabinet"
        case .invalidParameter: "this is a callgear-setup problem; please report it with the message"
        case .noKey: "set the Data API key in Other settings, or type the lists by hand"
        case .notJSON:
            "check the Data API address (Latvia https://dataapi.callgear.com/v2.0, Dubai https://dataapi.callgear.ae/v2.0)"
        case .transport: "check the network and the Data API address"
        case .other: "see CallGear's message"
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
