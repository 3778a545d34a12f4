import Bitrix24
import Foundation
import Routing
import SetupModel

/// The live dry run's reading half: what the portal knows of a visitor, in two requests.
/// First `crm.duplicate.findbycomm` by phone and by e-mail (it normalises phone numbers,
/// which filtering lists by PHONE does not); then, in one batch, the found leads, the leads
/// and deals of the found contacts and companies, newest first, with their stage semantics.
/// Read-only: nothing is written.
public struct FactGatherer: Sendable {
    let client: PortalClient

    public init(client: PortalClient) {
        self.client = client
    }

    public func gather(for visitor: RoutingEvent.Visitor) async throws(PortalError) -> ClientFacts {
        // One look-up per kind: asked for all kinds at once, the portal leaves the others out
        // when one kind has 20 matches, so a client with 20 leads would "have" no deal.
        var lookups: [BatchCommand] = []
        for (key, type, value) in [("phone", "PHONE", visitor.lookupPhone), ("email", "EMAIL", visitor.lookupEmail)] {
            guard let value else { continue }
            for kind in ["LEAD", "CONTACT", "COMPANY"] {
                lookups.append(
                    BatchCommand(
                        "\(key)_\(kind)", "crm.duplicate.findbycomm",
                        [("entity_type", .string(kind)), ("type", .string(type)), ("values", .list([.string(value)]))]))
            }
        }
        guard !lookups.isEmpty else { return .none }
        // The CRM mode rides along: simple mode has no leads, which the plan must say.
        let found = try await client.batch(lookups + [BatchCommand("mode", "crm.settings.mode.get")])
        if let error = found.errors.first(where: { $0.key != "mode" })?.value { throw error }
        let crmMode = found.results["mode"].flatMap { PortalResponse.int($0) }
        var ids: [String: [String]] = [:]
        var fullKinds: Set<CRMEntity> = []
        for (key, result) in found.results where key != "mode" {
            // Nothing found comes as `[]`, a hit as {"CONTACT": [275], …}.
            for (kind, list) in result.members {
                let matches = list.items.compactMap { PortalResponse.int($0).map(String.init) }
                ids[kind, default: []] += matches
                if matches.count >= ClientFacts.lookupLimit, let entity = CRMEntity(rawValue: kind.lowercased()) {
                    fullKinds.insert(entity)
                }
            }
        }
        let leads = Array(Set(ids["LEAD"] ?? [])).sorted()
        let contacts = Array(Set(ids["CONTACT"] ?? [])).sorted()
        let companies = Array(Set(ids["COMPANY"] ?? [])).sorted()
        guard !(leads.isEmpty && contacts.isEmpty && companies.isEmpty) else { return ClientFacts(crmMode: crmMode) }

        let order: BatchValue = .map([("DATE_CREATE", .string("DESC"))])
        func list(_ key: String, _ method: String, _ filter: String, _ values: [String], select: [String]) -> BatchCommand? {
            values.isEmpty
                ? nil
                : BatchCommand(
                    key, method,
                    [
                        ("filter", .map([(filter, .list(values.map { .string($0) }))])), ("order", order),
                        ("select", .list(select.map { .string($0) })),
                    ])
        }
        let leadSelect = ["ID", "TITLE", "STATUS_ID", "STATUS_SEMANTIC_ID", "DATE_CREATE", "ASSIGNED_BY_ID"]
        let dealSelect = ["ID", "TITLE", "CATEGORY_ID", "STAGE_ID", "STAGE_SEMANTIC_ID", "DATE_CREATE", "ASSIGNED_BY_ID"]
        let commands = [
            list("leads", "crm.lead.list", "@ID", leads, select: leadSelect),
            list("contactLeads", "crm.lead.list", "@CONTACT_ID", contacts, select: leadSelect),
            list("contactDeals", "crm.deal.list", "@CONTACT_ID", contacts, select: dealSelect),
            list("companyDeals", "crm.deal.list", "@COMPANY_ID", companies, select: dealSelect),
            list(
                "contacts", "crm.contact.list", "@ID", contacts,
                select: ["ID", "NAME", "LAST_NAME", "DATE_CREATE", "ASSIGNED_BY_ID"]),
            list("companies", "crm.company.list", "@ID", companies, select: ["ID", "TITLE", "DATE_CREATE", "ASSIGNED_BY_ID"]),
        ].compactMap { $0 }
        let answer = try await client.batch(commands)
        if let error = answer.errors.values.first { throw error }
        var entities: [ClientFacts.Entity] = []
        var seen = Set<String>()
        for (key, kind) in [
            ("leads", CRMEntity.lead), ("contactLeads", .lead), ("contactDeals", .deal), ("companyDeals", .deal),
            ("contacts", .contact), ("companies", .company),
        ] {
            for row in answer.results[key]?.items ?? [] {
                guard let entity = Self.entity(row, kind), seen.insert("\(kind.rawValue)#\(entity.id)").inserted else {
                    continue
                }
                entities.append(entity)
            }
        }
        return ClientFacts(entities, fullKinds: fullKinds, crmMode: crmMode)
    }

    /// A record of a list answer as the routing sees it: open or closed by its stage's
    /// semantics (contacts and companies never close), a contact titled by its name.
    public static func entity(_ row: JSONNode, _ kind: CRMEntity) -> ClientFacts.Entity? {
        guard let id = row.string("ID") else { return nil }
        let semantic = row.string(kind == .lead ? "STATUS_SEMANTIC_ID" : "STAGE_SEMANTIC_ID") ?? "P"
        let title =
            kind == .contact
            ? [row.string("NAME"), row.string("LAST_NAME")].compactMap { $0 }.joined(separator: " ")
            : row.string("TITLE") ?? ""
        return ClientFacts.Entity(
            kind, id, title: title, closed: (kind == .lead || kind == .deal) && semantic != "P",
            created: date(row.string("DATE_CREATE")) ?? .distantPast, responsible: row.string("ASSIGNED_BY_ID"))
    }

    /// Bitrix24 dates: `2024-09-02T18:37:18+02:00`.
    public static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        return ISO8601DateFormatter().date(from: text)
    }
}
