import Routing
import SetupModel

/// What a change of the profile changes on real traffic: the events whose plan differs
/// between two versions, grouped by change ("42 chats: new deal in Общая → new deal in
/// Продажи B2B"), each with the setting that makes the difference. Both sides are planned
/// from the same events and the same look-ups, so only the profile differs.
public struct ReplayComparison: Sendable {
    public struct Change: Sendable {
        public var kind: CommunicationKind
        public var before: String
        public var after: String
        /// The setting whose decision differs, when one does.
        public var setting: SettingPath?
        public var eventIDs: [String]

        /// "42 chats: new lead at Новая → nothing: channel not ticked  [Chats channels]".
        public var line: String {
            let what =
                kind == .chat
                ? counted(eventIDs.count, "chat", "chats", ru: "чат", "чата", "чатов")
                : counted(eventIDs.count, "request", "requests", ru: "заявка", "заявки", "заявок")
            return "\(what): \(before) → \(after)" + (setting.map { "  [\(SettingsCatalog.trail(of: $0))]" } ?? "")
        }
    }

    public var changes: [Change]
    public var compared: Int

    /// `before` and `after` planned the same events in the same order.
    public init(before: ReplayResult, after: ReplayResult) {
        precondition(before.items.count == after.items.count)
        var groups: [String: Change] = [:]
        var order: [String] = []
        for (a, b) in zip(before.items, after.items) {
            let was = Self.words(a)
            let now = Self.words(b)
            guard was != now else { continue }
            let setting = Self.deciding(a.plan, b.plan)
            let key = [a.event.event.kind.rawValue, was, now, setting?.description ?? ""].joined(separator: "\u{1F}")
            if groups[key] == nil {
                order.append(key)
                groups[key] = Change(kind: a.event.event.kind, before: was, after: now, setting: setting, eventIDs: [])
            }
            groups[key]?.eventIDs.append(a.event.id)
        }
        changes = order.compactMap { groups[$0] }.sorted { $0.eventIDs.count > $1.eventIDs.count }
        compared = before.items.count
    }

    /// The plan as the comparison sees it: what was created, where, and for whom.
    static func words(_ item: ReplayResult.Item) -> String {
        var text = item.outcome.category == .nothing ? tr("nothing: ", ru: "ничего: ") + item.outcome.label : item.outcome.label
        if !item.responsible.isEmpty {
            text += tr(", responsible ", ru: ", ответственный ") + item.responsible.joined(separator: ", ")
        }
        return text
    }

    /// The first setting that decided otherwise: a reason of one plan that the other lacks.
    static func deciding(_ before: RoutingPlan, _ after: RoutingPlan) -> SettingPath? {
        func settings(_ plan: RoutingPlan, besides other: RoutingPlan) -> SettingPath? {
            let others = Set(other.explanation.map(\.description))
            for reason in plan.explanation where !others.contains(reason.description) {
                if case .setting(let path) = reason.basis { return path }
            }
            return nil
        }
        return settings(after, besides: before) ?? settings(before, besides: after)
    }

    /// The changes as lines, or the one line that says there are none.
    public var lines: [String] {
        guard !changes.isEmpty else {
            return [
                tr(
                    "No difference: all \(compared) events go the same way under both versions.",
                    ru: "Разницы нет: все события (\(compared)) идут одинаково в обеих версиях.")
            ]
        }
        let total = changes.reduce(0) { $0 + $1.eventIDs.count }
        return [tr("\(total) of \(compared) events change:", ru: "Меняются \(total) из \(compared) событий:")]
            + changes.map { "  " + $0.line }
    }
}
