import Foundation

/// An incoming Bitrix24 webhook: `https://DOMAIN/rest/USER_ID/CODE/`.
///
/// Operators paste the URL the portal shows; each way it can be wrong gets its own
/// message, because "invalid URL" sends them back to the portal without a clue.
public struct Webhook: Hashable, Sendable {
    public var userID: String
    public var code: Secret?

    public init(userID: String, code: Secret?) {
        self.userID = userID
        self.code = code
    }

    /// Parses a pasted webhook URL. A method name after the code (`…/CODE/profile.json`),
    /// as the portal's examples show it, is dropped.
    public static func parse(url input: String) throws(InputError) -> (domain: PortalDomain, webhook: Webhook) {
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            throw InputError(
                tr(
                    "the webhook URL is empty — copy it from Bitrix24: Developer resources → Other → Incoming webhook",
                    ru: "адрес вебхука пуст — скопируйте его из Битрикс24: Разработчикам → Другое → Входящий вебхук"))
        }
        guard let schemeEnd = text.range(of: "://") else {
            throw InputError(
                tr(
                    "the webhook URL must start with https:// — like https://yourportal.bitrix24.ru/rest/1/abcdef0123456789/",
                    ru:
                        "адрес вебхука должен начинаться с https:// — например, https://yourportal.bitrix24.ru/rest/1/abcdef0123456789/"
                ))
        }
        let afterScheme = text[schemeEnd.upperBound...]
        if afterScheme.contains("?") || afterScheme.contains("#") {
            throw InputError(
                tr(
                    "the webhook URL must not have a query ('?…') or fragment ('#…') — copy only up to the code and the last '/'",
                    ru:
                        "в адресе вебхука не должно быть запроса ('?…') или фрагмента ('#…') — копируйте только до кода и последней '/'"
                ))
        }
        guard let pathStart = afterScheme.firstIndex(of: "/") else {
            throw InputError(
                tr(
                    "the webhook URL has no /rest/USER_ID/CODE/ part — this looks like a portal address, not a webhook",
                    ru: "в адресе вебхука нет части /rest/USER_ID/CODE/ — это похоже на адрес портала, а не вебхука"))
        }
        let domainText = String(text[..<pathStart])
        let domain: PortalDomain
        do {
            domain = try PortalDomain(parsing: domainText)
        } catch {
            throw InputError(tr("in the webhook URL: \(error.message)", ru: "в адресе вебхука: \(error.message)"))
        }
        let segments = afterScheme[pathStart...].split(separator: "/").map(String.init)
        guard segments.first == "rest" else {
            throw InputError(
                tr(
                    "the webhook URL's path must start with /rest/ — like \(domain)/rest/1/abcdef0123456789/",
                    ru: "путь адреса вебхука должен начинаться с /rest/ — например, \(domain)/rest/1/abcdef0123456789/"))
        }
        guard segments.count >= 2 else {
            throw InputError(
                tr(
                    "the webhook URL ends after /rest/ — the user id and the code are missing",
                    ru: "адрес вебхука кончается после /rest/ — нет id пользователя и кода"))
        }
        let userID = segments[1]
        guard !userID.isEmpty, userID.allSatisfy(\.isASCII), userID.allSatisfy(\.isNumber) else {
            throw InputError(
                tr(
                    "the user id '\(userID)' after /rest/ must be a number (the id of the user who made the webhook)",
                    ru: "id пользователя '\(userID)' после /rest/ должен быть числом (id того, кто создал вебхук)"))
        }
        guard segments.count >= 3 else {
            throw InputError(
                tr(
                    "the webhook URL has no code after the user id — like /rest/\(userID)/abcdef0123456789/",
                    ru: "в адресе вебхука нет кода после id пользователя — например, /rest/\(userID)/abcdef0123456789/"))
        }
        let code = segments[2]
        guard code.count >= 6, code.count <= 64, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw InputError(
                tr(
                    "the webhook code must be 6 to 64 Latin letters and digits (Bitrix24 shows 16)",
                    ru: "код вебхука — от 6 до 64 латинских букв и цифр (Битрикс24 показывает 16)"))
        }
        if segments.count > 4 {
            throw InputError(
                tr(
                    "the webhook URL has extra parts after the code: '/\(segments[3...].joined(separator: "/"))'",
                    ru: "в адресе вебхука лишние части после кода: '/\(segments[3...].joined(separator: "/"))'"))
        }
        return (domain, Webhook(userID: userID, code: Secret(code)))
    }

    /// The URL to call `method` on; nil while the code is not known (a document without secrets).
    public func baseURL(on domain: PortalDomain) -> String? {
        guard let code else { return nil }
        return "\(domain)/rest/\(userID)/\(code.value)/"
    }

    /// The webhook URL with the code masked, for screens and logs.
    public func maskedURL(on domain: PortalDomain) -> String {
        "\(domain)/rest/\(userID)/\(code?.masked ?? "(code not stored)")/"
    }
}
