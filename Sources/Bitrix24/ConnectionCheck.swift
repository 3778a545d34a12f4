import SetupModel

/// "Verify": one batch that says whom the credentials act as, whether an administrator,
/// the scopes granted and the CRM mode — and what of that stands in the set-up's way.
/// Shared by `account verify` and the console's Verify connection.
public struct ConnectionCheck: Sendable, Equatable {
    public static let neededScopes = ["crm", "user", "department", "im"]

    public var domain: PortalDomain
    public var userID: String
    public var isAdmin: Bool
    public var scopes: [String]
    /// 1 classic, 2 simple (no leads).
    public var crmMode: Int

    public var missingScopes: [String] { Self.neededScopes.filter { !scopes.contains($0) } }
    /// The set-up can work: every scope is there and leads exist.
    public var isUsable: Bool { missingScopes.isEmpty && crmMode != 2 }

    public static func run(_ client: PortalClient) async throws(PortalError) -> ConnectionCheck {
        let answer = try await client.batch([
            BatchCommand("me", "profile"), BatchCommand("scope", "scope"), BatchCommand("mode", "crm.settings.mode.get"),
        ])
        if let error = answer.errors["me"] { throw error }
        let me = answer.results["me"]
        return ConnectionCheck(
            domain: client.domain, userID: me?.string("ID") ?? "?", isAdmin: me?.bool("ADMIN") ?? false,
            scopes: answer.results["scope"]?.items.compactMap { node -> String? in
                if case .string(let s) = node.value { s } else { nil }
            } ?? [],
            crmMode: answer.results["mode"].flatMap { PortalResponse.int($0) } ?? 1)
    }

    /// What the operator reads: who, scopes, mode.
    public var summary: [String] {
        [
            tr("connected to \(domain) as user \(userID)", ru: "подключено к \(domain) как пользователь \(userID)")
                + (isAdmin ? tr(" (administrator)", ru: " (администратор)") : ""),
            tr("scopes: ", ru: "права: ") + scopes.joined(separator: ", "),
            crmMode == 2
                ? tr("CRM mode: simple", ru: "режим CRM: простой") : tr("CRM mode: classic", ru: "режим CRM: классический"),
        ]
    }

    public static var insecureHTTPWarning: String {
        tr(
            "plain http: the webhook code or token crosses the network unencrypted (allowed for this account with --allow-insecure-http) — switch the portal to https when you can",
            ru:
                "простой http: код вебхука или токен идут по сети без шифрования (для этого аккаунта разрешено через --allow-insecure-http) — переведите портал на https, когда сможете"
        )
    }

    /// What stands in the way, each with what to do.
    public var warnings: [String] {
        var warnings: [String] = []
        if !missingScopes.isEmpty {
            warnings.append(
                tr(
                    "missing scopes: \(missingScopes.joined(separator: ", ")) — edit the webhook in Bitrix24 and tick them",
                    ru: "нет прав: \(missingScopes.joined(separator: ", ")) — измените вебхук в Битрикс24 и отметьте их"))
        }
        if crmMode == 2 {
            warnings.append(
                tr(
                    "simple CRM mode: leads do not exist, so only deals can be created — switch the portal to classic CRM for lead routing",
                    ru:
                        "простой режим CRM: лидов нет, создавать можно только сделки — для маршрутизации лидов включите классический режим CRM"
                )
            )
        }
        if domain.scheme == "http" && !domain.isLoopback { warnings.append(Self.insecureHTTPWarning) }
        if !isAdmin {
            warnings.append(
                tr(
                    "the webhook's user is not an administrator: some funnels and fields may be hidden from it",
                    ru: "пользователь вебхука не администратор: часть воронок и полей может быть от него скрыта"))
        }
        return warnings
    }
}
