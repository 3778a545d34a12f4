import Foundation
import SetupModel
import Transport

/// Everything a portal can answer instead of a result, typed, each with what it means for
/// the operator and what to try. Classified from the `error` code first — CRM methods send
/// an empty one, so their `error_description` is kept — and from the HTTP status when the
/// answer is not JSON at all (a deleted portal serves an HTML page).
public enum PortalError: Error, Equatable, Sendable {
    case wrongWebhook
    case missingScope(String)
    case expiredToken
    case invalidToken
    /// The OAuth server would not refresh: `invalid_grant` (refresh token expired or used),
    /// `invalid_client` (wrong secret, app removed), or no refresh token stored.
    case refreshRejected(code: String, description: String)
    /// The OAuth server (not the portal) could not be reached or answered no JSON.
    case oauthServerFailed(server: String, detail: String)
    case restNotOnPlan
    case accessDenied(String)
    case methodNotFound(String)
    case queryLimitExceeded
    case operationTimeLimit(method: String, resetAt: Double?)
    case overloadBlocked
    case portalDeleted
    case applicationNotInstalled
    case httpsRequired
    /// A CRM method's error: `error` empty, the text in `error_description`.
    case crm(String)
    /// HTML or other non-JSON: the HTTP status and the first characters, sanitized later.
    case notJSON(status: Int, snippet: String)
    /// The portal moved (renamed): where to.
    case moved(to: String)
    case transport(TransportError)
    case other(code: String, description: String, status: Int)

    /// One line for the status bar or stderr.
    public var message: String {
        switch self {
        case .wrongWebhook: "the portal does not accept this webhook (NO_AUTH_FOUND)"
        case .missingScope(let text): "the webhook or app lacks a permission: \(text)"
        case .expiredToken: "the OAuth access token has expired"
        case .invalidToken: "the OAuth token is invalid or revoked"
        case .refreshRejected(let code, let description):
            "the OAuth server refused to refresh the keys (\(code)\(description.isEmpty ? "" : ": \(description)"))"
        case .oauthServerFailed(let server, let detail):
            "the OAuth server \(server) could not renew the keys: \(detail)"
        case .restNotOnPlan: "REST is available only on commercial Bitrix24 plans"
        case .accessDenied(let text): "access denied: \(text)"
        case .methodNotFound(let method): "the portal does not know the method \(method)"
        case .queryLimitExceeded: "too many requests: the portal's rate limit was hit (QUERY_LIMIT_EXCEEDED)"
        case .operationTimeLimit(let method, _): "\(method) is blocked for a while: its operating-time limit is used up"
        case .overloadBlocked: "REST is blocked on this portal because of overload (OVERLOAD_LIMIT)"
        case .portalDeleted: "the portal was deleted"
        case .applicationNotInstalled: "the CallGear application is not installed on the portal"
        case .httpsRequired: "the portal requires https"
        case .crm(let text): "the CRM refused: \(text)"
        case .notJSON(let status, let snippet): "the portal answered HTTP \(status) with \(snippet) instead of JSON"
        case .moved(let url): "the portal moved to \(url)"
        case .transport(let error): error.description
        case .other(let code, let description, let status): "HTTP \(status) \(code): \(description)"
        }
    }

    /// What the operator should try.
    public var fix: String {
        switch self {
        case .wrongWebhook:
            "copy the webhook URL again from Bitrix24 (Developer resources → Other → Incoming webhook); the user id and the code must both match"
        case .missingScope: "edit the webhook in Bitrix24 and tick the crm, user, department and im permissions"
        case .expiredToken: "refresh the keys (account refresh); this happens by itself once per call"
        case .refreshRejected(let code, _) where code == "invalid_client":
            "check the application's client id and secret, or reinstall the CallGear application on the portal"
        case .invalidToken, .applicationNotInstalled, .refreshRejected:
            "reconnect the portal from the CallGear cabinet (Add installation → Add account)"
        case .oauthServerFailed:
            "check this machine's access to the OAuth server, and the account's OAuth server address (\"oauthServer\" in account edit --oauth-file); the portal is not at fault"
        case .restNotOnPlan: "the portal's plan must be upgraded before any integration can work"
        case .accessDenied: "use a webhook made by a portal administrator"
        case .methodNotFound: "check the webhook URL's shape and that its permissions include the method's scope"
        case .queryLimitExceeded: "wait a few seconds; callgear-setup slows down and retries by itself"
        case .operationTimeLimit: "wait until the limit resets (at most 10 minutes)"
        case .overloadBlocked: "only Bitrix24 support can lift this block"
        case .portalDeleted: "check the domain; restore the portal or connect another one"
        case .httpsRequired: "use the https:// address of the portal"
        case .crm: "check the value named in the message"
        case .notJSON(let status, _):
            status == 403 || status == 404
                ? "the portal may be deleted, blocked or the domain mistyped — open it in a browser"
                : "the portal is having trouble; try again later"
        case .moved: "the account's domain is updated to the new address"
        case .transport: "check the network and the domain"
        case .other: "see the portal's message"
        }
    }

    /// Whether repeating the same call later can help (never for writes after a timeout:
    /// the caller decides that).
    public var isTemporary: Bool {
        switch self {
        case .queryLimitExceeded, .operationTimeLimit: true
        case .notJSON(let status, _): status >= 500
        case .transport(.timeout), .transport(.unreachable): true
        default: false
        }
    }

    /// Parses an answer once: its tree when it is a success, the typed error otherwise.
    static func interpret(status: Int, body: Data, method: String, redirectURL: String?) throws(PortalError) -> JSONNode {
        if (300..<400).contains(status) {
            throw redirectURL.map { .moved(to: $0) } ?? .notJSON(status: status, snippet: "a redirect without a target")
        }
        guard let tree = try? JSONParser.parse(Array(body)), case .object = tree.value else {
            throw .notJSON(status: status, snippet: snippet(body))
        }
        if let error = classify(tree, status: status, method: method) { throw error }
        return tree
    }

    /// The error a parsed answer (or a batch's `result_error` entry) carries, if any.
    static func classify(_ tree: JSONNode, status: Int, method: String) -> PortalError? {
        guard let errorNode = tree.member("error") else { return nil }
        let code: String
        switch errorNode.value {
        case .string(let s): code = s
        default: code = errorNode.compactText
        }
        var description = ""
        if case .string(let text)? = tree.member("error_description")?.value { description = text }
        switch code {
        case "NO_AUTH_FOUND": return .wrongWebhook
        case "insufficient_scope": return .missingScope(description)
        case "expired_token": return .expiredToken
        case "invalid_token": return .invalidToken
        case "ACCESS_DENIED":
            return description.localizedCaseInsensitiveContains("commercial plan") ? .restNotOnPlan : .accessDenied(description)
        case "INVALID_CREDENTIALS", "user_access_error", "WRONG_AUTH_TYPE", "authorization_error":
            return .accessDenied(description)
        case "ERROR_METHOD_NOT_FOUND": return .methodNotFound(method)
        case "QUERY_LIMIT_EXCEEDED": return .queryLimitExceeded
        case "OPERATION_TIME_LIMIT": return .operationTimeLimit(method: method, resetAt: nil)
        case "OVERLOAD_LIMIT": return .overloadBlocked
        case "PORTAL_DELETED": return .portalDeleted
        case "ERROR_OAUTH": return .applicationNotInstalled
        case "INVALID_REQUEST" where description.localizedCaseInsensitiveContains("https"): return .httpsRequired
        case "": return .crm(description.isEmpty ? "no reason given" : description)
        default: return .other(code: code, description: description, status: status)
        }
    }

    /// What came back, in words: "an HTML page titled «Authorization»", "«junk…»", "an empty body".
    static func snippet(_ body: Data) -> String {
        func squeeze(_ text: String) -> String {
            text.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression).trimmingCharacters(in: .whitespaces)
        }
        let head = String(decoding: body.prefix(4096), as: UTF8.self)
        let trimmed = head.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "an empty body" }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") || lower.contains("<body") {
            if let open = lower.range(of: "<title"),
                let close = lower.range(of: "</title>", range: open.upperBound..<lower.endIndex),
                let tagEnd = lower.range(of: ">", range: open.upperBound..<close.lowerBound)
            {
                let offset = { (i: String.Index) in lower.distance(from: lower.startIndex, to: i) }
                let start = trimmed.index(trimmed.startIndex, offsetBy: offset(tagEnd.upperBound))
                let end = trimmed.index(trimmed.startIndex, offsetBy: offset(close.lowerBound))
                let title = squeeze(String(trimmed[start..<end]))
                if !title.isEmpty { return "an HTML page titled «\(String(title.prefix(80)))» (a login or error page?)" }
            }
            return "an HTML page (a login or error page?)"
        }
        let text = squeeze(String(trimmed.prefix(120)))
        return "«\(text)\(trimmed.count > 120 ? "…" : "")»"
    }
}

extension PortalError {
    /// The request may have reached the portal and been carried out, though no proper answer
    /// came back: a timeout, or a 5xx page (a proxy or the portal failing mid-way). A write
    /// that ends like this is never repeated, and the operator is told to look for it.
    public var writeOutcomeUnknown: Bool {
        switch self {
        case .transport(.timeout): true
        case .notJSON(let status, _): (500...599).contains(status)
        case .other(_, _, let status): (500...599).contains(status)
        default: false
        }
    }
}
