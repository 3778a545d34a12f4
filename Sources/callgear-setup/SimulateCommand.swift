import ArgumentParser
import Bitrix24
import Foundation
import PortalRouting
import ProfileStore
import Routing
import SetupModel
import Transport

/// `callgear-setup simulate`: what a chat or request becomes under a profile — offline
/// (as if the portal knew nobody), against the live portal (`--live`, read-only), or
/// carried out as a test (`--apply --yes`, marked records).
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: tr(
            "Show what a chat or offline request becomes under a profile, and why.",
            ru: "Показать, чем станет чат или офлайн-заявка по профилю, и почему."),
        discussion: tr(
            """
            The event file is JSON (see README, "Event files"; examples under Examples/event-*.json).
            Without --live the portal is assumed to know nobody (a first contact); with --live the
            client's leads, deals, contacts and companies are looked up by phone and e-mail (read-only);
            --apply --yes then carries the plan out, marking every record with [TEST] and an ORIGIN_ID.
            Example: callgear-setup simulate demo-dubai --event Examples/event-chat-started.json --live
            """,
            ru:
                """
                Файл события — JSON (см. README, «Event files»; примеры в Examples/event-*.json).
                Без --live считается, что портал никого не знает (первичное обращение); с --live
                лиды, сделки, контакты и компании клиента ищутся по телефону и e-mail (только чтение);
                --apply --yes затем выполняет план, помечая каждую запись [TEST] и ORIGIN_ID.
                Пример: callgear-setup simulate demo-dubai --event Examples/event-chat-started.json --live
                """))
    @OptionGroup var global: GlobalOptions
    @Argument(help: CommonHelp.profileName) var profile: String
    @Option(
        help: ArgumentHelp(
            tr("The event: a JSON file, or - for stdin.", ru: "Событие: файл JSON или - для stdin."), valueName: "FILE"))
    var event: String
    @Flag(
        help: ArgumentHelp(
            tr("Look the client up in the live portal (read-only).", ru: "Искать клиента на живом портале (только чтение).")))
    var live = false
    @Flag(
        help: ArgumentHelp(
            tr(
                "Carry the plan out on the portal as a test (implies --live; needs --yes).",
                ru: "Выполнить план на портале как тест (включает --live; нужен --yes)."))) var apply = false
    @Flag(help: ArgumentHelp(tr("Confirm --apply.", ru: "Подтвердить --apply."))) var yes = false
    @Flag(help: CommonHelp.json) var json = false
    @Option(help: CommonHelp.timeout) var timeout =
        20

    func run() async throws {
        let store = try global.openStore()
        let stored = try store.loadProfile(named: profile)
        let sample: RoutingEvent
        do {
            sample = try EventDocument.decode(try readInput(event, limit: InputLimits.eventBytes, what: "event file"))
        } catch let error as DocumentError {
            throw documentFailure(error, file: event)
        }
        // Names come from the pick lists cached for the account (no extra request); without
        // them the plan shows IDs.
        let cached = try? store.cachedValue(PortalCatalog.self, account: stored.profile.account, kind: PortalCatalog.cacheKind)
        let portal = PortalContext(catalog: cached?.value)
        let simulation: Simulation
        if live || apply {
            let account = try store.findAccount(stored.profile.account)
            let timeouts = Timeouts(connectMs: Timeouts.standard.connectMs, totalMs: max(1, timeout) * 1000)
            let client = try storedAccountClient(account, store: store, timeouts: timeouts)
            do {
                simulation = try await Simulation.live(
                    stored.profile, event: sample, client: client, apply: apply && yes, portal: portal)
            } catch {
                throw failure(error)
            }
        } else {
            simulation = .preview(stored.profile, event: sample, portal: portal)
        }
        if apply && !yes {
            print(simulation, mode: tr("plan (not applied)", ru: "план (не применён)"))
            throw CLIError.input(
                tr(
                    "--apply writes test records to the portal: add --yes to carry the plan out",
                    ru: "--apply пишет тестовые записи на портал: добавьте --yes, чтобы выполнить план"))
        }
        guard let report = simulation.report else {
            return print(
                simulation,
                mode: live
                    ? tr("live dry run", ru: "пробный прогон на портале")
                    : tr(
                        "offline preview (the portal is assumed to know nobody)",
                        ru: "предпросмотр без портала (считается, что портал никого не знает)"))
        }
        if json { return Output.json(SimulationJSON(simulation)) }
        print(simulation, mode: tr("applied as a test", ru: "применено как тест"))
        Output.line("")
        for line in simulation.reportLines { Output.line(line) }
        Output.line(
            tr(
                "Test records: title starts with [TEST], ORIGIN_ID = \(report.marker); comments and notifications start with [\(report.marker)].",
                ru:
                    "Тестовые записи: название начинается с [TEST], ORIGIN_ID = \(report.marker); комментарии и уведомления начинаются с [\(report.marker)]."
            )
        )
        if !report.complete {
            throw CLIError(
                code: ExitCode.system,
                message: tr("the test apply stopped at a failed step", ru: "тестовое применение остановилось на неудачном шаге"))
        }
    }

    func print(_ simulation: Simulation, mode: String) {
        if json { return Output.json(SimulationJSON(simulation)) }
        Output.line(tr("Simulation: ", ru: "Проверка: ") + mode)
        for warning in simulation.warningLines { Output.line(warning) }
        if let facts = simulation.factsLine { Output.line(facts) }
        Output.line(tr("\nPlan:", ru: "\nПлан:"))
        for line in simulation.planLines { Output.line(line) }
        Output.line(tr("\nWhy:", ru: "\nПочему:"))
        for line in simulation.reasonLines { Output.line(line) }
    }
}

/// `simulate --json`: the plan, its reasons, the facts and, after `--apply`, each step.
struct SimulationJSON: Encodable {
    struct Action: Encodable {
        var type: String
        var text: String
    }
    struct Reason: Encodable {
        var setting: String
        /// The catalog's labels of the setting, for people reading the JSON.
        var label: String
        var text: String
    }
    struct Step: Encodable {
        var action: String
        var outcome: String
    }
    var actions: [Action]
    var explanation: [Reason]
    var facts: [ClientFacts.Entity]
    var warnings: [String]
    var marker: String?
    var steps: [Step]?

    init(_ simulation: Simulation) {
        actions = Self.actions(simulation.plan, names: simulation.portal.names)
        warnings = simulation.plan.warnings
        explanation = Self.reasons(simulation.plan)
        facts = simulation.facts?.entities ?? []
        marker = simulation.report?.marker
        steps = simulation.report?.steps.map { Step(action: $0.action.description, outcome: $0.outcome.text) }
    }

    /// A plan's actions as `simulate --json` and `replay --json` both print them.
    static func actions(_ plan: RoutingPlan, names: PortalNames) -> [Action] {
        plan.actions.map { Action(type: $0.typeName, text: $0.text(names)) }
    }

    static func reasons(_ plan: RoutingPlan) -> [Reason] {
        plan.explanation.map { Reason(setting: $0.setting, label: $0.basis.label, text: $0.text) }
    }
}

extension RoutingPlan.Action {
    var typeName: String {
        switch self {
        case .create(let e): "create_\(e.kind.rawValue)"
        case .addComment: "add_comment"
        case .addActivity: "add_activity"
        case .updateFields: "update_fields"
        case .notify: "notify"
        case .skip: "skip"
        }
    }
}
