import ArgumentParser
import Bitrix24
import CallGearAPI
import Foundation
import ProfileStore
import SetupModel
import TextSafety
import Transport

/// `callgear-setup callgear lists`: the CallGear account's pick lists from its Data API,
/// with the profile's key and the region's (or the profile's own) Data API address.
struct CallGearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callgear",
        abstract: tr(
            "Read the CallGear account's lists through its Data API.",
            ru: "Прочитать списки аккаунта CallGear через его Data API."), subcommands: [Lists.self])

    struct Lists: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "Print the chat channels, sites, groups, employees, campaigns, sources, tags and custom offline fields.",
                ru: "Вывести каналы чатов, сайты, группы, сотрудников, кампании, источники, теги и свои поля офлайн-заявок."),
            discussion: tr(
                """
                Uses the profile's Data API key (Other settings → Data API key, or the document's callGear.dataAPIKey)
                and its address (default: Latvia https://dataapi.callgear.com/v2.0, Dubai https://dataapi.callgear.ae/v2.0).
                --save stores the lists in the profile (a new version), as the console does.
                Example: callgear-setup callgear lists acme-dubai --json
                """,
                ru:
                    """
                    Берёт ключ Data API профиля (Другие настройки → Ключ Data API или callGear.dataAPIKey документа)
                    и его адрес (по умолчанию: Латвия https://dataapi.callgear.com/v2.0, Дубай https://dataapi.callgear.ae/v2.0).
                    --save сохраняет списки в профиле (новая версия), как это делает консоль.
                    Пример: callgear-setup callgear lists acme-dubai --json
                    """))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.profileName) var profile: String
        @Flag(help: CommonHelp.json) var json = false
        @Flag(
            help: ArgumentHelp(
                tr("Store the lists in the profile as a new version.", ru: "Сохранить списки в профиле новой версией.")))
        var save = false
        @Option(help: CommonHelp.timeout)
        var timeout = 20

        func run() async throws {
            let store = try global.openStore()
            let stored = try store.loadProfile(named: profile)
            guard let key = stored.profile.callGear.dataAPIKey else {
                throw CLIError.input("\(DataAPIError.noKey.message) — \(DataAPIError.noKey.fix)")
            }
            let client = DataAPIClient(
                endpoint: DataAPIClient.endpoint(for: stored.profile), key: key,
                timeouts: Timeouts(connectMs: Timeouts.standard.connectMs, totalMs: max(1, timeout) * 1000))
            let lists: CallGearLists
            do {
                lists = try await CallGearLists.load(client)
            } catch {
                let code: Int32 =
                    switch error {
                    case .transport, .notJSON, .limitExceeded: ExitCode.system
                    default: ExitCode.input
                    }
                throw CLIError(code: code, message: "\(error.message)\n" + tr("  fix: ", ru: "  что сделать: ") + error.fix)
            }
            if save {
                var updated = stored.profile
                updated.callGear = lists.applied(to: updated.callGear)
                let saved = try store.saveProfile(updated, expectedVersion: stored.version, author: Author.current())
                Output.error(
                    tr("stored in \(profile) as version \(saved.version)", ru: "сохранено в \(profile), версия \(saved.version)"))
            }
            if json { return Output.json(lists) }
            let clean = TextSanitizer.line
            Output.line(
                tr("CallGear account: ", ru: "Аккаунт CallGear: ") + clean(lists.accountName) + " — "
                    + counted(
                        lists.calls, "Data API call", "Data API calls", ru: "вызов Data API", "вызова Data API",
                        "вызовов Data API"))
            if let limits = lists.limits {
                Output.line(
                    tr(
                        "Limits: \(limits.dayRemaining)/\(limits.dayLimit) today, \(limits.minuteRemaining)/\(limits.minuteLimit) this minute",
                        ru:
                            "Лимиты: \(limits.dayRemaining)/\(limits.dayLimit) на сегодня, \(limits.minuteRemaining)/\(limits.minuteLimit) на эту минуту"
                    )
                )
            }
            Output.line(tr("Chat channels", ru: "Каналы чатов") + " (\(lists.channels.count))")
            Output.table(
                ["  ID", tr("NAME", ru: "НАЗВАНИЕ"), tr("TYPE", ru: "ТИП"), tr("STATUS", ru: "СОСТОЯНИЕ")],
                lists.channels.map { ["  " + $0.id, $0.name, $0.type, $0.status] })
            for (title, values) in [
                (tr("Sites", ru: "Сайты"), lists.sites), (tr("Communication groups", ru: "Группы коммуникаций"), lists.groups),
                (tr("Ad campaigns", ru: "Рекламные кампании"), lists.campaigns), (tr("Sources", ru: "Источники"), lists.sources),
                (tr("Tags", ru: "Теги"), lists.tags),
                (tr("Custom offline-request fields", ru: "Свои поля офлайн-заявок"), lists.offlineFields),
            ] {
                Output.line("\(title) (\(values.count))")
                for value in values { Output.line("  " + clean(value)) }
            }
            Output.line(tr("Employees", ru: "Сотрудники") + " (\(lists.employees.count))")
            for employee in lists.employees {
                Output.line("  \(clean(employee.id))  \(clean(employee.name))  \(clean(employee.email))")
            }
        }
    }
}
