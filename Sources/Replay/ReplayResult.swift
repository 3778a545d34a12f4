import CallGearAPI
import Foundation
import Routing
import SetupModel

/// A profile's plans for the account's real traffic, and the summary an operator reads in
/// ten seconds: how many chats and requests, what they became, why the rest came to
/// nothing, and who gets the work.
public struct ReplayResult: Sendable {
    public struct Item: Sendable {
        public var event: ReplayEvent
        public var plan: RoutingPlan
        public var outcome: ReplayOutcome
        /// The people the new records go to, by name.
        public var responsible: [String]
    }

    public var items: [Item]
    public var names: PortalNames

    /// Plans every event under `profile`. `facts`: what the portal knows of each visitor
    /// (live); nil treats every visitor as unknown (offline).
    public static func plan(
        _ profile: Profile, events: [ReplayEvent], facts: [VisitorKey: ClientFacts]?, portal: PortalContext
    ) -> ReplayResult {
        let items = events.map { replayed -> Item in
            let known = facts.flatMap { facts in VisitorKey(replayed.event.visitor).flatMap { facts[$0] } } ?? .none
            let plan = RoutingEngine.plan(profile, event: replayed.acted(under: profile), facts: known, portal: portal)
            return Item(
                event: replayed, plan: plan, outcome: ReplayOutcome(plan, names: portal.names),
                responsible: Array(Set(ReplayOutcome.responsibles(plan))).sorted().map { portal.names.user($0) })
        }
        return ReplayResult(items: items, names: portal.names)
    }

    public func count(_ kind: CommunicationKind) -> Int { items.count { $0.event.event.kind == kind } }

    /// Outcomes with how many chats and requests had each, most frequent first within a category.
    public var outcomes: [(outcome: ReplayOutcome, chats: Int, requests: Int)] {
        var counts: [ReplayOutcome: (Int, Int)] = [:]
        for item in items {
            var c = counts[item.outcome] ?? (0, 0)
            if item.event.event.kind == .chat { c.0 += 1 } else { c.1 += 1 }
            counts[item.outcome] = c
        }
        return counts.map { ($0.key, $0.value.0, $0.value.1) }.sorted { a, b in
            if a.outcome.category != b.outcome.category { return a.outcome < b.outcome }
            if a.chats + a.requests != b.chats + b.requests { return a.chats + a.requests > b.chats + b.requests }
            return a.outcome.label < b.outcome.label
        }
    }

    /// Who gets the new records, most first.
    public var responsibles: [(name: String, count: Int)] {
        var counts: [String: Int] = [:]
        for item in items { for name in item.responsible { counts[name, default: 0] += 1 } }
        return counts.map { ($0.key, $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }

    /// The summary, as `replay` prints it and the console's Replay screen shows it.
    public var summaryLines: [String] {
        var lines = [
            counted(count(.chat), "chat", "chats", ru: "чат", "чата", "чатов") + ", "
                + counted(
                    count(.offline), "offline request", "offline requests", ru: "офлайн-заявка", "офлайн-заявки", "офлайн-заявок")
        ]
        let outcomes = self.outcomes
        for category in ReplayOutcome.Category.allCases {
            let these = outcomes.filter { $0.outcome.category == category }
            let total = these.reduce(0) { $0 + $1.chats + $1.requests }
            lines.append("\(category.label.prefix(1).uppercased() + category.label.dropFirst()): \(total)")
            for entry in these {
                lines.append(
                    "  " + Self.figure(entry.chats + entry.requests) + "  " + entry.outcome.label
                        + Self.split(entry.chats, entry.requests))
            }
        }
        let people = responsibles
        if !people.isEmpty {
            lines.append(tr("Responsible for the new records:", ru: "Ответственные за новые записи:"))
            for person in people.prefix(10) { lines.append("  " + Self.figure(person.count) + "  " + person.name) }
            if people.count > 10 {
                lines.append("  " + tr("…and \(people.count - 10) more", ru: "…и ещё \(people.count - 10)"))
            }
        }
        return lines
    }

    /// A count right-aligned to six places, so the column reads down.
    static func figure(_ n: Int) -> String {
        let text = "\(n)"
        return String(repeating: " ", count: max(0, 6 - text.count)) + text
    }

    /// " (12 chats, 3 requests)" when both kinds are there, else nothing.
    static func split(_ chats: Int, _ requests: Int) -> String {
        guard chats > 0, requests > 0 else { return "" }
        return " ("
            + counted(chats, "chat", "chats", ru: "чат", "чата", "чатов") + ", "
            + counted(requests, "request", "requests", ru: "заявка", "заявки", "заявок") + ")"
    }

    /// One event in a line: when, what, who, and what it became.
    public static func line(_ item: Item) -> String {
        let event = item.event.event
        var parts = [item.event.time.map { String($0.description.prefix(16)) } ?? "—"]
        parts.append(event.kind == .chat ? tr("chat", ru: "чат") : tr("request", ru: "заявка"))
        if let channel = event.channel {
            parts.append(channel.name ?? channel.id)
        } else if let form = event.form?.name {
            parts.append(form)
        }
        if let who = event.visitor.phone ?? event.visitor.email { parts.append(who) }
        return parts.joined(separator: " · ") + " → " + item.outcome.label
    }
}
