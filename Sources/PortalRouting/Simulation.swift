import Bitrix24
import Routing
import SetupModel

/// One simulation of an event under a profile — offline (the portal is assumed to know
/// nobody), live (the client looked up, read-only) or applied as a test — and its text.
/// `simulate` and the console's Simulate screen both run and print it through here.
public struct Simulation: Sendable {
    /// nil: the offline preview, where nothing was looked up.
    public var facts: ClientFacts?
    public var plan: RoutingPlan
    public var report: PlanApplier.Report?
    /// Names and mode of the portal, for the text.
    public var portal: PortalContext = .none

    public init(facts: ClientFacts?, plan: RoutingPlan, report: PlanApplier.Report?, portal: PortalContext = .none) {
        self.facts = facts
        self.plan = plan
        self.report = report
        self.portal = portal
    }

    /// `portal`: what the loaded (or cached) lists say — names, and the CRM mode.
    public static func preview(_ profile: Profile, event: RoutingEvent, portal: PortalContext = .none) -> Simulation {
        Simulation(
            facts: nil, plan: RoutingEngine.plan(profile, event: event, facts: .none, portal: portal), report: nil,
            portal: portal)
    }

    /// Looks the visitor up, plans, and with `apply` carries the plan out.
    public static func live(
        _ profile: Profile, event: RoutingEvent, client: PortalClient, apply: Bool, portal: PortalContext = .none
    ) async throws(PortalError) -> Simulation {
        let facts = try await FactGatherer(client: client).gather(for: event.visitor)
        var context = portal
        if let mode = facts.crmMode { context.crmMode = mode }
        let plan = RoutingEngine.plan(profile, event: event, facts: facts, portal: context)
        let report = apply ? await PlanApplier(client: client).apply(plan, event: event) : nil
        return Simulation(facts: facts, plan: plan, report: report, portal: context)
    }

    /// "The portal knows: …", for live runs.
    public var factsLine: String? {
        facts.map { facts in
            facts.isEmpty
                ? tr(
                    "The portal knows nobody with this phone or e-mail.",
                    ru: "Портал не знает никого с таким телефоном или e-mail.")
                : tr("The portal knows: ", ru: "Портал знает: ")
                    + facts.entities.map { "\($0.kind.noun) #\($0.id)" + ($0.isClosed ? tr(" (closed)", ru: " (закрыт)") : "") }
                    .joined(
                        separator: ", ")
        }
    }

    public var planLines: [String] { plan.actions.enumerated().map { "  \($0 + 1). \($1.text(portal.names))" } }
    public var warningLines: [String] { plan.warnings.map { "⚠ \($0)" } }
    public var reasonLines: [String] { plan.explanation.map { "  - \($0.text)  [\($0.basis.label)]" } }
    public var reportLines: [String] {
        guard let report else { return [] }
        return [tr("Applied (marker \(report.marker)):", ru: "Применено (метка \(report.marker)):")]
            + report.steps.enumerated().map { "  \($0 + 1). \($1.outcome.text)" }
    }

    /// Everything in one column: facts, plan, what was applied, why.
    public var lines: [String] {
        warningLines + (factsLine.map { [$0] } ?? []) + [tr("Plan:", ru: "План:")] + planLines + reportLines + [
            tr("Why:", ru: "Почему:")
        ]
            + reasonLines
    }
}

extension PlanApplier.Outcome {
    public var text: String {
        switch self {
        case .created(let kind, let id): tr("created \(kind.rawValue) #\(id)", ru: "создано: \(kind.noun) #\(id)")
        case .written(let what): tr("wrote \(what)", ru: "записано: \(what)")
        case .skipped(let why): tr("skipped: \(why)", ru: "пропущено: \(why)")
        case .failed(let why): tr("FAILED: \(why)", ru: "ОШИБКА: \(why)")
        }
    }
}

extension PortalContext {
    /// Names and mode from a portal's pick lists; nil (not loaded) keeps IDs.
    public init(catalog: PortalCatalog?) {
        guard let catalog else {
            self.init()
            return
        }
        self.init(
            names: PortalNames(
                users: Dictionary(catalog.users.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }),
                leadStages: Dictionary(catalog.leadStages.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }),
                funnels: Dictionary(catalog.funnels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }),
                dealStages: Dictionary(
                    catalog.funnels.map { funnel in
                        (funnel.id, Dictionary(funnel.stages.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
                    }, uniquingKeysWith: { first, _ in first })),
            crmMode: catalog.crmMode)
    }
}
