import AccountAccess
import ArgumentParser
import Bitrix24
import Foundation
import PortalRouting
import SetupModel
import Transport

extension ProfileCommand {
    /// `profile check`: will this profile work on this portal? A checklist of ✓ / ⚠ / ✗ lines,
    /// each naming the setting or portal object it concerns, with a fix.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "Check a profile against its live portal: every reason a chat would not reach the CRM.",
                ru: "Сверить профиль с живым порталом: все причины, по которым чат не дойдёт до CRM."),
            discussion: tr(
                """
                Users, stages, funnels and fields the profile names; required portal fields nobody fills; the CRM mode;
                the webhook user's rights; Open Channels that also create records; the portal's operating-time budget;
                the ticked CallGear channels. One request to the portal when its lists are cached (portal lists), four
                otherwise. Exit 0 when nothing is ✗, 1 otherwise.
                Example: callgear-setup profile check acme-chats
                """,
                ru:
                    """
                    Пользователи, стадии, воронки и поля, названные в профиле; обязательные поля портала, которые никто не заполняет; режим CRM;
                    права пользователя вебхука; открытые линии, которые тоже создают записи; бюджет времени работы методов портала;
                    отмеченные каналы CallGear. Один запрос к порталу, если его списки сохранены (portal lists), четыре —
                    иначе. Код 0, если нет ✗, иначе 1.
                    Пример: callgear-setup profile check acme-chats
                    """))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.profileName) var name: String
        @Flag(help: CommonHelp.json) var json = false
        @Option(help: CommonHelp.timeout)
        var timeout = 20

        func run() async throws {
            let store = try global.openStore()
            let stored = try store.loadProfile(named: name)
            guard !stored.profile.account.isEmpty else {
                throw CLIError.input(
                    tr(
                        "'\(name)' has no account yet — choose one (console: Accounts) first",
                        ru: "у '\(name)' ещё нет аккаунта — сначала выберите его (консоль: Аккаунты)"))
            }
            let account = try store.findAccount(stored.profile.account)
            let timeouts = Timeouts(connectMs: Timeouts.standard.connectMs, totalMs: max(1, timeout) * 1000)
            let outcome: ReadinessRun.Outcome
            do {
                outcome = try await ReadinessRun.run(
                    stored.profile, account: account, store: store, timeouts: timeouts
                ) { Output.error($0) }
            } catch {
                throw failure(error)
            }
            if json {
                Output.json(outcome.lines)
            } else {
                for line in outcome.lines { Output.line(line.display) }
                let count = { (status: ReadinessCheck.Status) in outcome.lines.filter { $0.status == status }.count }
                Output.line(
                    "\n\(count(.ok)) ✓, \(count(.warning)) ⚠, \(count(.failure)) ✗ — "
                        + counted(outcome.portalRequests, "request", "requests", ru: "запрос", "запроса", "запросов")
                        + tr(" to the portal", ru: " к порталу")
                )
            }
            if outcome.hasFailures {
                throw CLIError.validation(
                    tr(
                        "'\(name)' will not work as set up: fix the ✗ lines",
                        ru: "'\(name)' в таком виде не заработает: исправьте строки ✗"))
            }
        }
    }
}
