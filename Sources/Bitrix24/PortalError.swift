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
        case .wrongWebhook:
            tr("the portal does not accept this webhook (NO_AUTH_FOUND)", ru: "портал не принимает этот вебхук (NO_AUTH_FOUND)")
        case .missingScope(let text):
            tr("the webhook or app lacks a permission: \(text)", ru: "у вебхука или приложения не хватает прав: \(text)")
        case .expiredToken: tr("the OAuth access token has expired", ru: "токен доступа OAuth истёк")
        case .invalidToken: tr("the OAuth token is invalid or revoked", ru: "токен OAuth недействителен или отозван")
        case .refreshRejected(let code, let description):
            tr("the OAuth server refused to refresh the keys", ru: "сервер OAuth отказался обновить ключи")
                + " (\(code)\(description.isEmpty ? "" : ": \(description)"))"
        case .oauthServerFailed(let server, let detail):
            tr(
                "the OAuth server \(server) could not renew the keys: \(detail)",
                ru: "сервер OAuth \(server) не смог обновить ключи: \(detail)")
        case .restNotOnPlan:
            tr(
                "REST is available only on commercial Bitrix24 plans",
                ru: "REST доступен только на коммерческих тарифах Битрикс24")
        case .accessDenied(let text): tr("access denied: \(text)", ru: "доступ запрещён: \(text)")
        case .methodNotFound(let method):
            tr("the portal does not know the method \(method)", ru: "портал не знает метода \(method)")
        case .queryLimitExceeded:
            tr(
                "too many requests: the portal's rate limit was hit (QUERY_LIMIT_EXCEEDED)",
                ru: "слишком много запросов: достигнут лимит частоты портала (QUERY_LIMIT_EXCEEDED)")
        case .operationTimeLimit(let method, _):
            tr(
                "\(method) is blocked for a while: its operating-time limit is used up",
                ru: "\(method) временно заблокирован: исчерпан лимит времени работы")
        case .overloadBlocked:
            tr(
                "REST is blocked on this portal because of overload (OVERLOAD_LIMIT)",
                ru: "REST на этом портале заблокирован из-за перегрузки (OVERLOAD_LIMIT)")
        case .portalDeleted: tr("the portal was deleted", ru: "портал удалён")
        case .applicationNotInstalled:
            tr("the CallGear application is not installed on the portal", ru: "приложение CallGear не установлено на портале")
        case .httpsRequired: tr("the portal requires https", ru: "портал требует https")
        case .crm(let text): tr("the CRM refused: \(text)", ru: "CRM отказала: \(text)")
        case .notJSON(let status, let snippet):
            tr(
                "the portal answered HTTP \(status) with \(snippet) instead of JSON",
                ru: "портал ответил HTTP \(status): \(snippet) вместо JSON")
        case .moved(let url): tr("the portal moved to \(url)", ru: "портал переехал на \(url)")
        case .transport(let error): error.description
        case .other(let code, let description, let status): "HTTP \(status) \(code): \(description)"
        }
    }

    /// What the operator should try.
    public var fix: String {
        switch self {
        case .wrongWebhook:
            tr(
                "copy the webhook URL again from Bitrix24 (Developer resources → Other → Incoming webhook); the user id and the code must both match",
                ru:
                    "скопируйте адрес вебхука из Битрикс24 заново (Разработчикам → Другое → Входящий вебхук); должны совпасть и id пользователя, и код"
            )
        case .missingScope:
            tr(
                "edit the webhook in Bitrix24 and tick the crm, user, department and im permissions",
                ru: "измените вебхук в Битрикс24 и отметьте права crm, user, department и im")
        case .expiredToken:
            tr(
                "refresh the keys (account refresh); this happens by itself once per call",
                ru: "обновите ключи (account refresh); это делается само, раз за вызов")
        case .refreshRejected(let code, _) where code == "invalid_client":
            tr(
                "check the application's client id and secret, or reinstall the CallGear application on the portal",
                ru: "проверьте client id и secret приложения или переустановите приложение CallGear на портале")
        case .invalidToken, .applicationNotInstalled, .refreshRejected:
            tr(
                "reconnect the portal from the CallGear cabinet (Add installation → Add account)",
                ru: "переподключите портал из кабинета CallGear (Add installation → Add account)")
        case .oauthServerFailed:
            tr(
                "check this machine's access to the OAuth server, and the account's OAuth server address (\"oauthServer\" in account edit --oauth-file); the portal is not at fault",
                ru:
                    "проверьте доступ этой машины к серверу OAuth и адрес сервера OAuth аккаунта (\"oauthServer\" в account edit --oauth-file); портал ни при чём"
            )
        case .restNotOnPlan:
            tr(
                "the portal's plan must be upgraded before any integration can work",
                ru: "без смены тарифа портала никакая интеграция работать не будет")
        case .accessDenied:
            tr("use a webhook made by a portal administrator", ru: "используйте вебхук, созданный администратором портала")
        case .methodNotFound:
            tr(
                "check the webhook URL's shape and that its permissions include the method's scope",
                ru: "проверьте вид адреса вебхука и что в его правах есть область метода")
        case .queryLimitExceeded:
            tr(
                "wait a few seconds; callgear-setup slows down and retries by itself",
                ru: "подождите несколько секунд; callgear-setup сам замедлится и повторит")
        case .operationTimeLimit:
            tr("wait until the limit resets (at most 10 minutes)", ru: "дождитесь сброса лимита (не больше 10 минут)")
        case .overloadBlocked:
            tr("only Bitrix24 support can lift this block", ru: "снять эту блокировку может только поддержка Битрикс24")
        case .portalDeleted:
            tr(
                "check the domain; restore the portal or connect another one",
                ru: "проверьте домен; восстановите портал или подключите другой")
        case .httpsRequired: tr("use the https:// address of the portal", ru: "используйте адрес портала https://")
        case .crm: tr("check the value named in the message", ru: "проверьте значение, названное в сообщении")
        case .notJSON(let status, _):
            status == 403 || status == 404
                ? tr(
                    "the portal may be deleted, blocked or the domain mistyped — open it in a browser",
                    ru: "портал может быть удалён, заблокирован, или домен написан с ошибкой — откройте его в браузере")
                : tr("the portal is having trouble; try again later", ru: "у портала неполадки; попробуйте позже")
        case .moved: tr("the account's domain is updated to the new address", ru: "домен аккаунта обновлён на новый адрес")
        case .transport: tr("check the network and the domain", ru: "проверьте сеть и домен")
        case .other: tr("see the portal's message", ru: "см. сообщение портала")
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
        guard let tree = try? JSONParser.parse(Array(body), columns: false), case .object = tree.value else {
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
        if trimmed.isEmpty { return tr("an empty body", ru: "пустое тело") }
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
                if !title.isEmpty {
                    return tr(
                        "an HTML page titled «\(String(title.prefix(80)))» (a login or error page?)",
                        ru: "HTML-страница «\(String(title.prefix(80)))» (страница входа или ошибки?)")
                }
            }
            return tr("an HTML page (a login or error page?)", ru: "HTML-страница (страница входа или ошибки?)")
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
