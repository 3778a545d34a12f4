import Bitrix24
import Foundation
import PortalRouting
import Routing
import SetupModel

/// What the portal knows of many visitors at once, for a live replay: 50 visitors per
/// look-up request instead of one. The look-up batch asks `crm.duplicate.findbycomm` with up
/// to 20 phones (or e-mails) per command and kind; the follow-up batches read the records
/// found with their phones and e-mails, and the leads and deals of the contacts and
/// companies found, and give each record to the visitors whose phone or e-mail it carries.
/// Where the bulk answer cannot be trusted — a command came back full (20 IDs: more may be
/// cut off), or a found record matches none of the visitors (the portal normalised a number
/// otherwise than we do) — those visitors are looked up one by one, as the dry run does.
/// Read-only: nothing is written.
public struct BulkFactGatherer: Sendable {
    public static let visitorsPerRequest = 50
    static let valuesPerCommand = 20

    let client: PortalClient

    public init(client: PortalClient) {
        self.client = client
    }

    /// What a look-up cost, for the summary and the benchmark.
    public struct Cost: Sendable, Equatable {
        public var lookupRequests = 0
        public var followUpRequests = 0
        /// Visitors looked up one by one (two requests each) because the bulk answer was not enough.
        public var singleLookups = 0
        public var requests: Int { lookupRequests + followUpRequests + singleLookups * 2 }
        public init() {}
    }

    /// The portal's facts for every visitor with a phone or e-mail, by `VisitorKey`.
    public func gather(_ visitors: [RoutingEvent.Visitor]) async throws(PortalError) -> (
        facts: [VisitorKey: ClientFacts], cost: Cost
    ) {
        let unique = Self.unique(visitors)
        let keys = unique.keys.sorted()
        var facts: [VisitorKey: ClientFacts] = [:]
        var cost = Cost()
        for start in stride(from: 0, to: keys.count, by: Self.visitorsPerRequest) {
            let chunk = Array(keys[start..<min(start + Self.visitorsPerRequest, keys.count)])
            facts.merge(try await gather(chunk: chunk, of: unique, cost: &cost)) { a, _ in a }
        }
        return (facts, cost)
    }

    /// Each visitor with a phone or e-mail once, by key.
    public static func unique(_ visitors: [RoutingEvent.Visitor]) -> [VisitorKey: RoutingEvent.Visitor] {
        var unique: [VisitorKey: RoutingEvent.Visitor] = [:]
        for visitor in visitors {
            guard let key = VisitorKey(visitor) else { continue }
            unique[key] = unique[key] ?? visitor
        }
        return unique
    }

    /// One look-up request's worth (at most `visitorsPerRequest` visitors) and its follow-ups.
    public func gather(
        chunk: [VisitorKey], of visitors: [VisitorKey: RoutingEvent.Visitor], cost: inout Cost
    ) async throws(PortalError) -> [VisitorKey: ClientFacts] {
        let answer = try await gatherChunk(chunk, &cost)
        var facts: [VisitorKey: ClientFacts] = [:]
        for key in chunk {
            if answer.untrusted.contains(key), let visitor = visitors[key] {
                cost.singleLookups += 1
                facts[key] = try await FactGatherer(client: client).gather(for: visitor)
            } else {
                facts[key] = ClientFacts(answer.entities[key] ?? [], crmMode: answer.crmMode)
            }
        }
        return facts
    }

    private struct ChunkAnswer {
        var entities: [VisitorKey: [ClientFacts.Entity]] = [:]
        var untrusted: Set<VisitorKey> = []
        var crmMode: Int?
    }

    private func gatherChunk(_ chunk: [VisitorKey], _ cost: inout Cost) async throws(PortalError) -> ChunkAnswer {
        var result = ChunkAnswer()
        // 1. One request: findbycomm by phone and by e-mail, 20 values a command, per kind.
        var commands: [BatchCommand] = []
        var valuesOf: [String: [String]] = [:]
        for (type, values) in [
            ("PHONE", Array(Set(chunk.compactMap(\.phone))).sorted()), ("EMAIL", Array(Set(chunk.compactMap(\.email))).sorted()),
        ] {
            for (n, start) in stride(from: 0, to: values.count, by: Self.valuesPerCommand).enumerated() {
                let part = Array(values[start..<min(start + Self.valuesPerCommand, values.count)])
                for kind in ["LEAD", "CONTACT", "COMPANY"] {
                    let key = "\(type)_\(kind)_\(n)"
                    valuesOf[key] = part
                    commands.append(
                        BatchCommand(
                            key, "crm.duplicate.findbycomm",
                            [
                                ("entity_type", .string(kind)), ("type", .string(type)),
                                ("values", .list(part.map { .string($0) })),
                            ]))
                }
            }
        }
        guard !commands.isEmpty else { return result }
        let found = try await client.batch(commands + [BatchCommand("mode", "crm.settings.mode.get")])
        cost.lookupRequests += 1
        if let error = found.errors.first(where: { $0.key != "mode" })?.value { throw error }
        result.crmMode = found.results["mode"].flatMap { PortalResponse.int($0) }
        var ids: [CRMEntity: Set<String>] = [:]
        var cut: [BatchCommand] = []
        for (key, answer) in found.results where key != "mode" {
            for (kind, list) in answer.members {
                guard let entity = CRMEntity(rawValue: kind.lowercased()) else { continue }
                let matches = list.items.compactMap { PortalResponse.int($0).map(String.init) }
                ids[entity, default: []].formUnion(matches)
                guard matches.count >= ClientFacts.lookupLimit else { continue }
                // The answer may be cut off: each value of the command is asked again alone.
                let type = key.hasPrefix("PHONE") ? "PHONE" : "EMAIL"
                for (i, value) in (valuesOf[key] ?? []).enumerated() {
                    cut.append(
                        BatchCommand(
                            "\(key)_\(kind)_\(i)", "crm.duplicate.findbycomm",
                            [("entity_type", .string(kind)), ("type", .string(type)), ("values", .list([.string(value)]))]))
                    valuesOf["\(key)_\(kind)_\(i)"] = [value]
                }
            }
        }
        for start in stride(from: 0, to: cut.count, by: 50) {
            let answer = try await client.batch(Array(cut[start..<min(start + 50, cut.count)]))
            cost.followUpRequests += 1
            if let error = answer.errors.values.first { throw error }
            for (key, found) in answer.results {
                for (kind, list) in found.members {
                    guard let entity = CRMEntity(rawValue: kind.lowercased()) else { continue }
                    let matches = list.items.compactMap { PortalResponse.int($0).map(String.init) }
                    ids[entity, default: []].formUnion(matches)
                    // This visitor alone fills the answer: the dry run's own look-up says so.
                    if matches.count >= ClientFacts.lookupLimit, let value = valuesOf[key]?.first {
                        result.untrusted.formUnion(chunk.filter { $0.phone == value || $0.email == value })
                    }
                }
            }
        }
        let leads = ids[.lead, default: []].sorted()
        let contacts = ids[.contact, default: []].sorted()
        let companies = ids[.company, default: []].sorted()
        guard !(leads.isEmpty && contacts.isEmpty && companies.isEmpty) else { return result }

        // 2. Follow-ups: the records found, with their phones and e-mails, and the leads and
        // deals of the contacts and companies found, every page of each.
        let leadSelect = ["ID", "TITLE", "STATUS_ID", "STATUS_SEMANTIC_ID", "DATE_CREATE", "ASSIGNED_BY_ID", "CONTACT_ID"]
        let dealSelect = [
            "ID", "TITLE", "CATEGORY_ID", "STAGE_ID", "STAGE_SEMANTIC_ID", "DATE_CREATE", "ASSIGNED_BY_ID", "CONTACT_ID",
            "COMPANY_ID",
        ]
        let communications = ["PHONE", "EMAIL"]
        var lists: [ListQuery] = []
        func add(_ name: String, _ kind: CRMEntity, _ method: String, _ filter: String, _ values: [String], _ select: [String]) {
            for (n, start) in stride(from: 0, to: values.count, by: 50).enumerated() {
                lists.append(
                    ListQuery(
                        key: "\(name)_\(n)", kind: kind, method: method, filter: filter,
                        values: Array(values[start..<min(start + 50, values.count)]), select: select))
            }
        }
        add("leads", .lead, "crm.lead.list", "@ID", leads, leadSelect + communications)
        add(
            "contacts", .contact, "crm.contact.list", "@ID", contacts,
            ["ID", "NAME", "LAST_NAME", "DATE_CREATE", "ASSIGNED_BY_ID"] + communications)
        add(
            "companies", .company, "crm.company.list", "@ID", companies,
            ["ID", "TITLE", "DATE_CREATE", "ASSIGNED_BY_ID"] + communications)
        add("contactLeads", .lead, "crm.lead.list", "@CONTACT_ID", contacts, leadSelect)
        add("contactDeals", .deal, "crm.deal.list", "@CONTACT_ID", contacts, dealSelect)
        add("companyDeals", .deal, "crm.deal.list", "@COMPANY_ID", companies, dealSelect)
        var rows: [String: [JSONNode]] = [:]
        var pending = lists.map { ($0, 0) }
        while !pending.isEmpty {
            let round = Array(pending.prefix(50))
            pending.removeFirst(round.count)
            let answer = try await client.batch(round.map { query, start in query.command(start: start) })
            cost.followUpRequests += 1
            if let error = answer.errors.values.first { throw error }
            for (query, _) in round {
                rows[query.key, default: []] += answer.results[query.key]?.items ?? []
                if let next = answer.nexts[query.key] { pending.append((query, next)) }
            }
        }

        // 3. Each record to the visitors it belongs to.
        func rowsOf(_ name: String) -> [JSONNode] { lists.filter { $0.key.hasPrefix(name + "_") }.flatMap { rows[$0.key] ?? [] } }
        func owners(_ row: JSONNode) -> [VisitorKey] {
            let phones = Set(Self.multifield(row, "PHONE").map(VisitorKey.normalise(phone:)))
            let emails = Set(Self.multifield(row, "EMAIL").map { $0.lowercased() })
            return chunk.filter { key in
                (key.phone.map(phones.contains) ?? false) || (key.email.map(emails.contains) ?? false)
            }
        }
        var contactOwners: [String: [VisitorKey]] = [:]
        var companyOwners: [String: [VisitorKey]] = [:]
        var facts: [VisitorKey: [String: ClientFacts.Entity]] = [:]
        func give(_ entity: ClientFacts.Entity, to keys: [VisitorKey]) {
            for key in keys { facts[key, default: [:]]["\(entity.kind.rawValue)#\(entity.id)"] = entity }
        }
        for (name, kind) in [("leads", CRMEntity.lead), ("contacts", .contact), ("companies", .company)] {
            for row in rowsOf(name) {
                guard let record = FactGatherer.entity(row, kind) else { continue }
                let keys = owners(row)
                // Found by a value of this chunk, yet carrying none of them: ask one by one.
                if keys.isEmpty { result.untrusted.formUnion(chunk) }
                give(record, to: keys)
                if kind == .contact { contactOwners[record.id] = keys }
                if kind == .company { companyOwners[record.id] = keys }
            }
        }
        for (name, kind, link, owners) in [
            ("contactLeads", CRMEntity.lead, "CONTACT_ID", contactOwners), ("contactDeals", .deal, "CONTACT_ID", contactOwners),
            ("companyDeals", .deal, "COMPANY_ID", companyOwners),
        ] {
            for row in rowsOf(name) {
                guard let record = FactGatherer.entity(row, kind), let parent = row.string(link) else { continue }
                give(record, to: owners[parent] ?? [])
            }
        }
        result.entities = facts.mapValues { Array($0.values) }
        return result
    }

    /// `PHONE: [{VALUE: "+7 999…", VALUE_TYPE: "WORK"}, …]` → the values.
    static func multifield(_ row: JSONNode, _ key: String) -> [String] {
        row.member(key)?.items.compactMap { $0.string("VALUE") } ?? []
    }

    private struct ListQuery {
        var key: String
        var kind: CRMEntity
        var method: String
        var filter: String
        var values: [String]
        var select: [String]

        func command(start: Int) -> BatchCommand {
            var parameters: [(String, BatchValue)] = [
                ("filter", .map([(filter, .list(values.map { .string($0) }))])),
                ("order", .map([("DATE_CREATE", .string("DESC"))])), ("select", .list(select.map { .string($0) })),
            ]
            if start > 0 { parameters.append(("start", .string("\(start)"))) }
            return BatchCommand(key, method, parameters)
        }
    }
}

/// A visitor as the portal finds them: the phone as digits (8… read as 7… for Russian
/// numbers, as the portal does) and the e-mail in lower case. Two chats from "+7 999 123-45-67"
/// and "89991234567" are the same client.
public struct VisitorKey: Hashable, Comparable, Sendable {
    public var phone: String?
    public var email: String?

    public init?(_ visitor: RoutingEvent.Visitor) {
        let phone = visitor.lookupPhone.map(Self.normalise(phone:)).flatMap { $0.isEmpty ? nil : $0 }
        let email = visitor.lookupEmail.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard phone != nil || email != nil else { return nil }
        self.phone = phone
        self.email = email
    }

    public static func normalise(phone: String) -> String {
        let main = phone.split(separator: "#", maxSplits: 1).first.map(String.init) ?? ""
        var digits = main.filter(\.isASCII).filter(\.isNumber)
        if digits.count == 11, digits.hasPrefix("8") { digits = "7" + digits.dropFirst() }
        return digits
    }

    public static func < (a: VisitorKey, b: VisitorKey) -> Bool {
        (a.phone ?? "", a.email ?? "") < (b.phone ?? "", b.email ?? "")
    }
}
