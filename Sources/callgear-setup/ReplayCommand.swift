import ArgumentParser
import Bitrix24
import CallGearAPI
import Foundation
import PortalRouting
import ProfileStore
import Replay
import Routing
import SetupModel
import Transport

/// `callgear-setup replay`: what the profile would have done with the account's real chats
/// and requests of a period — and, with `--against`, what a change of the profile changes.
/// Read-only on both sides: the Data API's reports are read, the portal is only looked up.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: tr(
            "Run the account's real chats and requests of a period through a profile.",
            ru: "Прогнать реальные чаты и заявки аккаунта за период через профиль."),
        discussion: tr(
            """
            Reads get.chats_report and get.offline_messages_report from the profile's CallGear Data API
            (periods longer than 3 months are split; the minute budget is waited for; the reading stops,
            exit 4, before the day budget runs out, keeping --reserve points). Without --live every visitor
            is taken as unknown (a first contact); with --live visitors are looked up in the portal, 50 per
            request (read-only). --transcripts reads each chat's messages (a Data API call per chat).
            --against VERSION plans the stored profile and that version from the same events and look-ups,
            and lists the events whose plan differs, grouped by change, with the setting responsible.
            Nothing is written to the portal, ever.
            Example: callgear-setup replay demo-dubai --from 2026-11-01 --to 2026-11-30 --live --against 3
            """,
            ru:
                """
                Читает get.chats_report и get.offline_messages_report из CallGear Data API профиля
                (периоды длиннее 3 месяцев делятся; минутный лимит выжидается; чтение останавливается,
                код 4, пока дневной лимит не исчерпан, оставляя --reserve баллов). Без --live каждый посетитель
                считается неизвестным (первичное обращение); с --live посетители ищутся на портале, по 50
                за запрос (только чтение). --transcripts читает сообщения каждого чата (вызов Data API на чат).
                --against ВЕРСИЯ планирует сохранённый профиль и эту версию по одним и тем же событиям и
                поискам и перечисляет события, план которых отличается, по группам, с ответственной настройкой.
                На портал не пишется ничего и никогда.
                Пример: callgear-setup replay demo-dubai --from 2026-11-01 --to 2026-11-30 --live --against 3
                """))
    @OptionGroup var global: GlobalOptions
    @Argument(help: CommonHelp.profileName) var profile: String
    @Option(
        help: ArgumentHelp(
            tr(
                "The period's first day (YYYY-MM-DD, or YYYY-MM-DD hh:mm[:ss]), on the account's clock.",
                ru: "Первый день периода (ГГГГ-ММ-ДД или ГГГГ-ММ-ДД чч:мм[:сс]) по часам аккаунта."), valueName: "DATE"))
    var from: String
    @Option(
        help: ArgumentHelp(
            tr(
                "The period's last day, included (default: today, UTC).",
                ru: "Последний день периода, включительно (по умолчанию: сегодня, UTC)."), valueName: "DATE"))
    var to: String?
    @Flag(
        help: ArgumentHelp(
            tr("Look the visitors up in the live portal (read-only).", ru: "Искать посетителей на живом портале (только чтение).")
        ))
    var live = false
    @Flag(
        help: ArgumentHelp(
            tr(
                "Read each chat's transcript (a Data API call per chat).",
                ru: "Читать расшифровку каждого чата (вызов Data API на чат).")))
    var transcripts = false
    @Option(
        help: ArgumentHelp(
            tr(
                "Compare with this stored version of the profile ('profile history' lists them).",
                ru: "Сравнить с этой сохранённой версией профиля (их перечисляет 'profile history')."), valueName: "VERSION"))
    var against: Int?
    @Option(
        help: ArgumentHelp(
            tr(
                "Data API points to leave for the day (default 100).",
                ru: "Сколько баллов Data API оставить на день (по умолчанию 100)."),
            valueName: "POINTS"))
    var reserve = 100
    @Flag(help: CommonHelp.json) var json = false
    @Option(help: CommonHelp.timeout) var timeout = 20

    func run() async throws {
        let store = try global.openStore()
        let stored = try store.loadProfile(named: profile)
        let period = try Self.period(from: from, to: to)
        var before: Profile?
        if let against { before = try store.profile(named: profile, version: against) }
        guard let key = stored.profile.callGear.dataAPIKey else {
            throw CLIError.input("\(DataAPIError.noKey.message) — \(DataAPIError.noKey.fix)")
        }
        let timeouts = Timeouts(connectMs: Timeouts.standard.connectMs, totalMs: max(1, timeout) * 1000)
        let reader = TrafficReader(
            client: DataAPIClient(endpoint: DataAPIClient.endpoint(for: stored.profile), key: key, timeouts: timeouts),
            period: period, dayReserve: max(0, reserve))
        var gatherer: BulkFactGatherer?
        var portalClient: PortalClient?
        if live {
            let account = try store.findAccount(stored.profile.account)
            let client = try storedAccountClient(account, store: store, timeouts: timeouts)
            portalClient = client
            gatherer = BulkFactGatherer(client: client)
        }
        let job = ReplayJob(reader: reader, gatherer: gatherer, transcripts: transcripts)
        let showProgress = isatty(2) == 1 && !json
        let status: ReplayJob.Status
        do {
            status = try await job.run { status in
                if showProgress { FileHandle.standardError.write(Data(("\r\u{1B}[K" + status.line).utf8)) }
            }
            if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        } catch let error as DataAPIError {
            let code: Int32 =
                switch error {
                case .transport, .notJSON, .limitExceeded: ExitCode.system
                default: ExitCode.input
                }
            throw CLIError(code: code, message: "\(error.message)\n" + tr("  fix: ", ru: "  что сделать: ") + error.fix)
        } catch let error as PortalError {
            throw failure(error)
        }
        // Names of stages, funnels and people: the cached lists, else (live) loaded and cached now.
        var catalog = try? store.cachedValue(PortalCatalog.self, account: stored.profile.account, kind: PortalCatalog.cacheKind)?
            .value
        if catalog == nil, let portalClient {
            do {
                let loaded = try await CatalogLoader(client: portalClient).load()
                try store.putCached(loaded, account: stored.profile.account, kind: PortalCatalog.cacheKind)
                catalog = loaded
            } catch {
                Output.error(
                    tr(
                        "the portal's lists could not be loaded, so IDs stand for names: \(error)",
                        ru: "списки портала не загрузились, поэтому вместо имён — ID: \(error)"))
            }
        }
        let portal = PortalContext(catalog: catalog)
        let result = await job.result(for: stored.profile, portal: portal)
        var comparison: ReplayComparison?
        if let before { comparison = ReplayComparison(before: await job.result(for: before, portal: portal), after: result) }
        let cost = await job.cost
        if json {
            Output.json(
                ReplayJSON(
                    profile: stored.profile.name, version: stored.version, period: period, live: live, status: status,
                    result: result, cost: live ? cost : nil, against: against, comparison: comparison))
        } else {
            Output.line(
                tr(
                    "Replay of \(stored.profile.name) (version \(stored.version)), ",
                    ru: "Прогон \(stored.profile.name) (версия \(stored.version)), ")
                    + "\(period.from.description) — \(period.till.description), "
                    + (live
                        ? tr("visitors looked up in the portal", ru: "посетители найдены на портале")
                        : tr("every visitor taken as unknown", ru: "каждый посетитель считается неизвестным")))
            for line in result.summaryLines { Output.line(line) }
            var costLine =
                tr("Cost: ", ru: "Затраты: ")
                + counted(
                    status.dataAPICalls, "Data API call", "Data API calls", ru: "вызов Data API", "вызова Data API",
                    "вызовов Data API")
            if live {
                costLine +=
                    ", "
                    + counted(
                        cost.requests, "portal request", "portal requests", ru: "запрос к порталу", "запроса к порталу",
                        "запросов к порталу")
                    + tr(
                        " (\(cost.lookupRequests) look-ups for \(status.visitors) visitors, \(cost.followUpRequests) follow-ups, \(cost.singleLookups) one by one)",
                        ru:
                            " (поиск: \(cost.lookupRequests) на \(status.visitors) посетителей, дочитывание: \(cost.followUpRequests), поодиночке: \(cost.singleLookups))"
                    )
            }
            Output.line(costLine)
            if let comparison, let against {
                Output.line("")
                Output.line(tr("Against version \(against):", ru: "По сравнению с версией \(against):"))
                for line in comparison.lines { Output.line(line) }
            }
        }
        if let limits = status.stoppedAt {
            throw CLIError(
                code: ExitCode.stale,
                message: tr(
                    "stopped before the Data API day budget ran out (\(limits.dayRemaining) of \(limits.dayLimit) points left, resets in \(limits.dayReset) s): the replay covers the \(status.events) events read of \(status.announced)",
                    ru:
                        "остановлено, пока дневной лимит Data API не исчерпан (осталось \(limits.dayRemaining) из \(limits.dayLimit), сброс через \(limits.dayReset) с): прогон охватывает \(status.events) прочитанных событий из \(status.announced)"
                ))
        }
    }

    /// `--from` and `--to`, with the option named in the message.
    static func period(from: String, to: String?) throws -> ReportPeriod {
        switch ReportPeriod.parse(from: from, to: to) {
        case .success(let period):
            return period
        case .failure(.notADate(let text, let isEnd)):
            let option = isEnd ? "--to" : "--from"
            throw CLIError.input(
                tr(
                    "\(option) '\(text)' is not a date — write YYYY-MM-DD or YYYY-MM-DD hh:mm[:ss]",
                    ru: "\(option) '\(text)' — не дата: пишите ГГГГ-ММ-ДД или ГГГГ-ММ-ДД чч:мм[:сс]"))
        case .failure(.reversed(let start, let end)):
            throw CLIError.input(
                tr(
                    "--from \(start.description) is after --to \(end.description)",
                    ru: "--from \(start.description) позже --to \(end.description)"))
        }
    }
}

/// `replay --json`: the summary, every event's plan, and the comparison.
struct ReplayJSON: Encodable {
    struct Outcome: Encodable {
        var category: String
        var label: String
        var setting: String?
        var chats: Int
        var requests: Int
    }
    struct Person: Encodable {
        var name: String
        var count: Int
    }
    struct Event: Encodable {
        var id: String
        var kind: String
        var time: String?
        var category: String
        var outcome: String
        var actions: [SimulationJSON.Action]
        var explanation: [SimulationJSON.Reason]
    }
    struct Change: Encodable {
        var kind: String
        var before: String
        var after: String
        var setting: String?
        var label: String?
        var count: Int
        var events: [String]
    }
    struct Cost: Encodable {
        var lookupRequests: Int
        var followUpRequests: Int
        var singleLookups: Int
    }
    struct Stop: Encodable {
        var dayRemaining: Int
        var dayLimit: Int
        var dayReset: Int
    }
    var profile: String
    var version: Int
    var from: String
    var till: String
    var mode: String
    var chats: Int
    var requests: Int
    var announced: Int
    var dataAPICalls: Int
    var portal: Cost?
    var stopped: Stop?
    var outcomes: [Outcome]
    var responsible: [Person]
    var events: [Event]
    var against: Int?
    var changes: [Change]?

    init(
        profile: String, version: Int, period: ReportPeriod, live: Bool, status: ReplayJob.Status, result: ReplayResult,
        cost: BulkFactGatherer.Cost?, against: Int?, comparison: ReplayComparison?
    ) {
        self.profile = profile
        self.version = version
        from = period.from.description
        till = period.till.description
        mode = live ? "live" : "offline"
        chats = result.count(.chat)
        requests = result.count(.offline)
        announced = status.announced
        dataAPICalls = status.dataAPICalls
        portal = cost.map {
            Cost(lookupRequests: $0.lookupRequests, followUpRequests: $0.followUpRequests, singleLookups: $0.singleLookups)
        }
        stopped = status.stoppedAt.map { Stop(dayRemaining: $0.dayRemaining, dayLimit: $0.dayLimit, dayReset: $0.dayReset) }
        outcomes = result.outcomes.map {
            Outcome(
                category: $0.outcome.category.rawValue, label: $0.outcome.label, setting: $0.outcome.setting?.description,
                chats: $0.chats, requests: $0.requests)
        }
        responsible = result.responsibles.map { Person(name: $0.name, count: $0.count) }
        events = result.items.map { item in
            Event(
                id: item.event.id, kind: item.event.event.kind.rawValue, time: item.event.time?.description,
                category: item.outcome.category.rawValue, outcome: item.outcome.label,
                actions: SimulationJSON.actions(item.plan, names: result.names),
                explanation: SimulationJSON.reasons(item.plan))
        }
        self.against = against
        changes = comparison?.changes.map {
            Change(
                kind: $0.kind.rawValue, before: $0.before, after: $0.after, setting: $0.setting?.description,
                label: $0.setting.map { SettingsCatalog.trail(of: $0) }, count: $0.eventIDs.count, events: $0.eventIDs)
        }
    }
}
