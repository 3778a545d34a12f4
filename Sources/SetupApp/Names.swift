import Bitrix24
import SetupModel
import TerminalUI

/// Turns stored IDs into what an operator recognises — "Мария Смирнова", "Повторные
/// продажи / Новая" — from the portal's catalog, and flags an ID the portal no longer has
/// (a dismissed user, a deleted stage) instead of hiding it. Names from the portal are
/// outside data: sanitized here, once, before any screen shows them.
struct Names {
    let catalog: PortalCatalog?
    let channels: [ChatChannel]

    /// nil: the catalog is not loaded, so nothing can be judged missing.
    func user(_ id: String?) -> String {
        guard let id, !id.isEmpty else { return "—" }
        guard let catalog else { return tr("user ", ru: "пользователь ") + id }
        guard let user = catalog.users.first(where: { $0.id == id }) else {
            return tr("⚠ user \(id) — not in the portal", ru: "⚠ пользователь \(id) — нет на портале")
        }
        return clean(user.name)
    }

    func leadStage(_ id: String?) -> String {
        guard let id, !id.isEmpty else { return "—" }
        guard let catalog else { return id }
        guard let stage = catalog.leadStages.first(where: { $0.id == id }) else {
            return tr("⚠ \(id) — not in the portal", ru: "⚠ \(id) — нет на портале")
        }
        return clean(stage.name)
    }

    func funnel(_ id: String?) -> String {
        guard let id, !id.isEmpty else { return "—" }
        guard let catalog else { return tr("funnel ", ru: "воронка ") + id }
        guard let funnel = catalog.funnels.first(where: { $0.id == id }) else {
            return tr("⚠ funnel \(id) — not in the portal", ru: "⚠ воронка \(id) — нет на портале")
        }
        return clean(funnel.name)
    }

    func dealStage(_ id: String?, funnel: String?) -> String {
        guard let id, !id.isEmpty else { return "—" }
        guard let catalog else { return id }
        let stages = catalog.funnels.first { $0.id == (funnel ?? "0") }?.stages ?? []
        guard let stage = stages.first(where: { $0.id == id }) else {
            return tr("⚠ \(id) — not in this funnel", ru: "⚠ \(id) — нет в этой воронке")
        }
        return clean(stage.name)
    }

    func field(_ code: String, of entity: CRMEntity) -> String {
        guard !code.isEmpty else { return "—" }
        guard let catalog, let fields = catalog.fields[entity.rawValue] else { return code }
        guard let field = fields.first(where: { $0.code == code }) else {
            return tr("⚠ \(code) — not in the portal", ru: "⚠ \(code) — нет на портале")
        }
        return "\(clean(field.label)) (\(code))"
    }

    func channel(_ id: String) -> String {
        channels.first { $0.id == id }.map { clean($0.name) }
            ?? tr("⚠ channel \(id) — not among the CallGear channels", ru: "⚠ канал \(id) — нет среди каналов CallGear")
    }

    /// True when `text` is one of the "not in the portal" flags above.
    static func isFlagged(_ text: String) -> Bool { text.hasPrefix("⚠") }

    func target(_ t: StageTarget) -> String {
        var parts: [String] = []
        if let lead = t.leadStage { parts.append(tr("lead: ", ru: "лид: ") + leadStage(lead)) }
        if let category = t.dealCategory {
            parts.append(tr("deal: ", ru: "сделка: ") + "\(funnel(category)) / \(dealStage(t.dealStage, funnel: category))")
        }
        return parts.isEmpty ? tr("(no stages)", ru: "(нет стадий)") : parts.joined(separator: "; ")
    }

    func summary(_ condition: Condition) -> String {
        guard !condition.isEmpty else { return tr("always", ru: "всегда") }
        return condition.anyOf.map { group in
            group.allOf.map { clause in
                "\(clause.param.label) \(clause.mode == .allow ? "=" : "≠") \(clause.values.map(clean).joined(separator: "|"))"
            }.joined(separator: " & ")
        }.joined(separator: " OR ")
    }

    func clean(_ text: String) -> String { TextSanitizer.line(text) }
}
