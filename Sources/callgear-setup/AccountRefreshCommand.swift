import AccountAccess
import ArgumentParser
import Bitrix24
import Foundation
import SetupModel
import Transport

extension AccountCommand {
    /// `account refresh`: exchanges an OAuth account's refresh token for a new pair now and
    /// stores it — after restoring a store from a backup, or when the keys were revoked.
    /// Normal calls refresh by themselves on `expired_token`; this is the manual lever.
    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "Refresh an OAuth account's keys now and store the new pair.",
                ru: "Обновить ключи аккаунта OAuth сейчас и сохранить новую пару."),
            discussion: tr(
                """
                Calls refresh by themselves when the portal says the token expired; use this to check the keys
                or after restoring an old store. Example: callgear-setup account refresh acme.bitrix24.ru
                """,
                ru:
                    """
                    Вызовы сами обновляют ключи, когда портал говорит, что токен истёк; эта команда — чтобы проверить ключи
                    или после восстановления старого хранилища. Пример: callgear-setup account refresh acme.bitrix24.ru
                    """))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.account) var account: String
        @Option(help: ArgumentHelp(tr("Seconds to wait for the OAuth server.", ru: "Сколько секунд ждать сервер OAuth.")))
        var timeout = 20

        func run() async throws {
            let store = try global.openStore()
            let found = try store.findAccount(account)
            guard case .oauth(let oauth) = found.authorization else {
                throw CLIError.input(
                    (found.authorization.kindName == "webhook"
                        ? tr(
                            "\(found.domain) uses a webhook, which has no keys to refresh",
                            ru: "\(found.domain) подключён вебхуком, у него нет ключей для обновления")
                        : tr("\(found.domain) uses no credentials", ru: "у \(found.domain) нет ключей"))
                        + tr(" — only OAuth accounts are refreshed", ru: " — обновляются только аккаунты OAuth")
                )
            }
            let timeouts = Timeouts(connectMs: Timeouts.standard.connectMs, totalMs: max(1, timeout) * 1000)
            let renewed: OAuthCredentials
            do {
                renewed = try await AccountConnection.refreshKeys(
                    of: found, oauth: oauth, store: store, timeouts: timeouts
                ) { Output.error($0) }
            } catch {
                throw failure(error)
            }
            Output.line(
                tr(
                    "refreshed the keys of \(found.domain): access token \(renewed.accessToken?.masked ?? "?"), expires \(renewed.expiresAt ?? "unknown")",
                    ru:
                        "ключи \(found.domain) обновлены: токен доступа \(renewed.accessToken?.masked ?? "?"), истекает \(renewed.expiresAt ?? "неизвестно")"
                )
            )
        }
    }
}
