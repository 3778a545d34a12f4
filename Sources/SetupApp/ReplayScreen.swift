import Bitrix24
import CallGearAPI
import Foundation
import PortalRouting
import Replay
import Routing
import SetupModel
import TerminalUI

/// The Replay screen: the account's real chats and requests of a period run through the
/// profile — a summary, the events by outcome with each one's plan and reasons, and what the
/// unsaved changes would change. The gathering runs a request at a time, so the status line
/// shows progress and Esc stops it; nothing is ever written to the portal.
public struct ReplayState: Sendable {
    /// What the last gathering read (events, look-ups): reused while its inputs stay the same.
    var job: ReplayJob?
    /// The inputs `job` gathers for; `gathered` once it has finished.
    var inputs: Inputs?
    var gathered: Inputs?
    var running = false
    var status: ReplayJob.Status?
    public internal(set) var result: ReplayResult?
    public internal(set) var comparison: ReplayComparison?
    /// The run compares the saved profile with the edits.
    var comparing = false

    /// What decides whether gathered data can be planned again without reading anew.
    struct Inputs: Equatable, Sendable {
        var period: ReportPeriod
        var live: Bool
        var transcripts: Bool
        var endpoint: String
        var account: String
    }

    /// A run that failed or was stopped keeps nothing half-gathered.
    mutating func stop() {
        running = false
        job = nil
        inputs = nil
        gathered = nil
    }

    /// "1450 new · 257 existing · 2150 nothing": counted once per result, not on every frame.
    private(set) var counts: String?

    mutating func show(_ result: ReplayResult, comparison: ReplayComparison?) {
        self.result = result
        self.comparison = comparison
        counts = ReplayOutcome.Category.allCases.map { category in
            "\(result.items.count { $0.outcome.category == category }) " + category.shortLabel
        }.joined(separator: " · ")
    }
}

extension ReplayOutcome.Category {
    var shortLabel: String {
        switch self {
        case .created: tr("new", ru: "новых")
        case .existing: tr("into existing", ru: "в существующие")
        case .nothing: tr("nothing", ru: "ничего")
        }
    }
}

extension Forms {
    func replay(_ counts: String?) -> [Field] {
        typealias R = SettingPath.ReplayForm
        let shows: [ReplayOutcome.Category?] = [nil] + ReplayOutcome.Category.allCases
        return [
            Field(tr("Period (the account's clock)", ru: "Период (по часам аккаунта)"), .heading),
            Field(
                tr("From", ru: "С"), path: R.from, .text(\.replay.from, masked: false, placeholder: "YYYY-MM-DD"),
                hint: tr(
                    "The first day, or a moment (YYYY-MM-DD hh:mm). Periods longer than 3 months are read in 3-month windows.",
                    ru: "Первый день или момент (ГГГГ-ММ-ДД чч:мм). Периоды длиннее 3 месяцев читаются окнами по 3 месяца.")),
            Field(
                tr("To", ru: "По"), path: R.to, .text(\.replay.to, masked: false, placeholder: "YYYY-MM-DD"),
                hint: tr("The last day, included.", ru: "Последний день, включительно.")),
            Field(
                tr("Look visitors up in the portal", ru: "Искать посетителей на портале"), path: R.live,
                .toggle(get: { $0.replay.live }, set: { $0.replay.live = $1 }),
                hint: tr(
                    "On: known clients' chats go into their records, as they would; 50 visitors a request, read-only. Off: every visitor is taken as unknown.",
                    ru:
                        "Вкл: чаты известных клиентов идут в их записи, как и будет; 50 посетителей за запрос, только чтение. Выкл: каждый посетитель считается неизвестным."
                )),
            Field(
                tr("Read chat transcripts", ru: "Читать расшифровки чатов"), path: R.transcripts,
                .toggle(get: { $0.replay.transcripts }, set: { $0.replay.transcripts = $1 }),
                hint: tr(
                    "A Data API call per chat: only worth it when chats are created on \"End chat\" and their text matters.",
                    ru: "Вызов Data API на каждый чат: нужно, только когда чаты создаются по «End chat» и важен их текст.")),
            Field(tr("Run", ru: "Запуск"), .heading),
            Field(
                tr("Replay", ru: "Прогнать"),
                .action(
                    .runReplay,
                    summary: tr("reads the period's traffic; writes nothing", ru: "читает трафик периода; ничего не пишет"))),
            Field(
                tr("What my unsaved changes change", ru: "Что меняют мои несохранённые правки"),
                .action(
                    .replayChanges,
                    summary: tr(
                        "the saved version against the edits, same traffic", ru: "сохранённая версия против правок, тот же трафик"
                    ))),
            Field(tr("Events", ru: "События"), .heading),
            Field(
                tr("Show", ru: "Показывать"), path: R.show,
                .choice(
                    options: shows.map { $0?.label ?? tr("all", ru: "все") },
                    get: { ws in shows.firstIndex(of: ws.replay.show) ?? 0 },
                    set: { ws, i in
                        ws.replay.show = shows[i]
                        ws.replay.selected = nil
                    })),
            Field(
                tr("Events", ru: "События"), path: R.events,
                .pick(.replayEvents, get: { $0.replay.selected }, set: { $0.replay.selected = $1 }),
                hint: counts == nil
                    ? tr("Run a replay first.", ru: "Сначала выполните прогон.")
                    : tr(
                        "Enter lists the events (type to filter); the chosen one's plan and reasons show below.",
                        ru: "Enter — список событий (набор текста фильтрует); план и причины выбранного — ниже.")),
        ]
    }
}

extension ConsoleProgram {
    /// Runs the replay: reads (or reuses) the period's traffic, then plans it; with
    /// `compare`, plans the saved profile too and lists what the edits change.
    func startReplay(_ model: inout ConsoleModel, compare: Bool) -> Effect<ConsoleMsg> {
        guard !model.replay.running else {
            model.status = StatusLine(
                tr("A replay is running — Esc stops it", ru: "Прогон уже идёт — Esc останавливает"), kind: .warning)
            return .none
        }
        let period: ReportPeriod
        switch ReportPeriod.parse(from: model.workspace.replay.from, to: model.workspace.replay.to) {
        case .success(let parsed):
            period = parsed
        case .failure(.notADate(let text, let isEnd)):
            let field = isEnd ? tr("To", ru: "По") : tr("From", ru: "С")
            model.status = StatusLine(
                tr(
                    "The period is not readable: \(field) '\(TextSanitizer.line(text))' is not a date — write YYYY-MM-DD",
                    ru: "Период не читается: «\(field)» '\(TextSanitizer.line(text))' — не дата: пишите ГГГГ-ММ-ДД"),
                kind: .error)
            return .none
        case .failure(.reversed):
            model.status = StatusLine(
                tr("The period is not readable: From is after To", ru: "Период не читается: «С» позже «По»"), kind: .error)
            return .none
        }
        guard let key = model.profile.callGear.dataAPIKey else {
            model.status = StatusLine(DataAPIError.noKey.message + " — " + DataAPIError.noKey.fix, kind: .error)
            return .none
        }
        let form = model.workspace.replay
        let endpoint = DataAPIClient.endpoint(for: model.profile)
        let inputs = ReplayState.Inputs(
            period: period, live: form.live, transcripts: form.transcripts, endpoint: endpoint, account: model.profile.account)
        model.replay.comparing = compare
        if let job = model.replay.job, model.replay.gathered == inputs {
            return plan(job, &model)
        }
        var gatherer: BulkFactGatherer?
        if form.live {
            guard let account = model.currentAccount, case .success(let client) = client(for: account) else {
                model.status = StatusLine(
                    tr(
                        "Looking visitors up needs the profile's account with credentials",
                        ru: "Для поиска посетителей нужен аккаунт профиля с ключами"), kind: .error)
                return .none
            }
            gatherer = BulkFactGatherer(client: client)
        }
        let reader = TrafficReader(
            client: DataAPIClient(endpoint: endpoint, key: key, timeouts: environment.timeouts), period: period)
        let job = ReplayJob(reader: reader, gatherer: gatherer, transcripts: form.transcripts)
        model.replay.job = job
        model.replay.inputs = inputs
        model.replay.gathered = nil
        model.replay.running = true
        model.replay.status = ReplayJob.Status()
        model.status = StatusLine(Self.progressLine(ReplayJob.Status()))
        return step(job)
    }

    func step(_ job: ReplayJob) -> Effect<ConsoleMsg> {
        .task("replay") {
            do {
                return .replayStepped(try await job.step())
            } catch let error as DataAPIError {
                return .replayFailed(error.message + " — " + error.fix)
            } catch let error as PortalError {
                return .replayFailed(error.message + " — " + error.fix)
            } catch {
                return .replayFailed("\(error)")
            }
        }
    }

    /// Plans what was gathered: the profile being edited, and with a comparison the saved one.
    func plan(_ job: ReplayJob, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        let profile = model.profile
        let saved = model.saved
        let compare = model.replay.comparing
        let portal = PortalContext(catalog: model.catalog)
        model.replay.running = true
        return .task("replay") {
            let result = await job.result(for: profile, portal: portal)
            let comparison = compare ? ReplayComparison(before: await job.result(for: saved, portal: portal), after: result) : nil
            return .replayPlanned(result, comparison: comparison, status: await job.status)
        }
    }

    func replayStepped(_ status: ReplayJob.Status, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard model.replay.running, let job = model.replay.job else { return .none }
        model.replay.status = status
        model.status = StatusLine(Self.progressLine(status))
        guard status.phase == .done else { return step(job) }
        model.replay.gathered = model.replay.inputs
        return plan(job, &model)
    }

    func replayPlanned(
        _ result: ReplayResult, comparison: ReplayComparison?, status: ReplayJob.Status, _ model: inout ConsoleModel
    ) {
        model.replay.running = false
        model.replay.show(result, comparison: comparison)
        model.replay.status = status
        model.workspace.replay.selected = nil
        model.result = Self.replayPane(model)
        model.resultFocused = false
        if let limits = status.stoppedAt {
            model.status = StatusLine(
                tr(
                    "Replay stopped before the Data API day budget ran out (\(limits.dayRemaining) of \(limits.dayLimit) left): it covers the \(status.events) events read",
                    ru:
                        "Прогон остановлен, пока дневной лимит Data API не исчерпан (осталось \(limits.dayRemaining) из \(limits.dayLimit)): охвачены \(status.events) прочитанных событий"
                ), kind: .warning)
        } else {
            model.status = StatusLine(
                tr(
                    "Replay done: \(result.items.count) events — the summary is below the form; Events lists them",
                    ru: "Прогон выполнен: событий \(result.items.count) — сводка под формой; «События» — их список"),
                kind: .success)
        }
    }

    /// Esc while a replay runs: the request in flight is dropped and nothing is kept.
    func cancelReplay(_ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        model.replay.stop()
        model.status = StatusLine(tr("Replay stopped", ru: "Прогон остановлен"), kind: .warning)
        return .cancel("replay")
    }

    /// "[██████░░░░░░]  52%  reading the reports: 1880 of 3600, about 4 s left".
    static func progressLine(_ status: ReplayJob.Status) -> String {
        let width = 12
        let filled = Int((status.fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return "[\(bar)] \(Int((status.fraction * 100).rounded(.down)))%  " + status.line
            + tr(" — Esc stops", ru: " — Esc — стоп")
    }

    /// The pane under the Replay form: the chosen event (its plan and reasons), what the
    /// edits change, then the summary — what was asked for last comes first.
    static func replayPane(_ model: ConsoleModel) -> TextPane? {
        guard let result = model.replay.result else { return nil }
        var lines: [String] = []
        if let id = model.workspace.replay.selected, let item = result.items.first(where: { $0.event.id == id }) {
            lines.append(ReplayResult.line(item))
            let simulation = Simulation(facts: nil, plan: item.plan, report: nil, portal: PortalContext(names: result.names))
            lines +=
                simulation.warningLines + [tr("Plan:", ru: "План:")] + simulation.planLines + [tr("Why:", ru: "Почему:")]
                + simulation.reasonLines + [""]
        }
        if let comparison = model.replay.comparison {
            lines.append(tr("What the unsaved changes change:", ru: "Что меняют несохранённые правки:"))
            lines += comparison.lines + [""]
        }
        lines += result.summaryLines
        return TextPane(title: tr("Replay", ru: "Прогон"), paragraphs: lines.map(TextSanitizer.line))
    }
}

extension Pickers {
    /// The last replay's events as the Replay screen's "Show" filters them.
    static func replayEvents(_ model: ConsoleModel) -> [PickItem] {
        guard let result = model.replay.result else { return [] }
        let show = model.workspace.replay.show
        return result.items.filter { show == nil || $0.outcome.category == show }.map { item in
            PickItem(id: item.event.id, title: TextSanitizer.line(ReplayResult.line(item)), detail: item.outcome.category.label)
        }
    }
}
