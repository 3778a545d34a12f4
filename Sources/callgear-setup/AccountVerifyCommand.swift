import ArgumentParser
import Bitrix24
import Foundation
import SetupModel

extension AccountCommand {
    /// `account verify`: one live batch that shows whom the webhook acts as, whether an
    /// admin, the scopes granted and the CRM mode — with what each means for the set-up.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "Check an account's connection: the portal user, admin or not, scopes, CRM mode.",
                ru: "Проверить подключение аккаунта: пользователь портала, админ или нет, права, режим CRM."),
            discussion:
                tr(
                    "Exit 1 when the connection works but the set-up cannot (missing scope, simple CRM). Example: callgear-setup account verify acme.bitrix24.ru",
                    ru:
                        "Код 1, если подключение работает, а настройка нет (нет прав, простой режим CRM). Пример: callgear-setup account verify acme.bitrix24.ru"
                )
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.account) var account: String?
        @Option(
            help: ArgumentHelp(
                tr(
                    "Check this webhook URL instead of a stored account.",
                    ru: "Проверить этот адрес вебхука вместо сохранённого аккаунта."))) var webhook: String?
        @Option(help: CommonHelp.timeout) var timeout = 20

        func validate() throws {
            if (account == nil) == (webhook == nil) {
                throw ValidationError(
                    tr("give an account or --webhook URL (one of them)", ru: "укажите аккаунт или --webhook URL (что-то одно)"))
            }
        }

        func run() async throws {
            let (client, _, _) = try makeClient(account: account, webhook: webhook, global: global, timeoutSeconds: timeout)
            let check: ConnectionCheck
            do {
                check = try await ConnectionCheck.run(client)
            } catch {
                throw failure(error)
            }
            for line in check.summary { Output.line(line) }
            for warning in check.warnings { Output.error(tr("warning: ", ru: "предупреждение: ") + warning) }
            if !check.isUsable {
                throw CLIError.validation(
                    tr(
                        "the connection works, but the set-up needs the fixes above",
                        ru: "подключение работает, но настройке нужны исправления выше"))
            }
        }
    }
}
