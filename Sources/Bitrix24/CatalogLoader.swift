import Foundation
import SetupModel

/// Loads a portal's whole catalog in two round trips at any size.
///
/// A large portal (5,000 users, 60 funnels, 150 user fields per entity) needs about 118
/// list calls; a batch carries 50, so three requests is the floor. The first batch asks for
/// the fixed lists and speculative offset pages of users (a page past the end is merely
/// empty). Its totals plan every remaining page by offset, in a stable ID order, and those
/// batches are sent together rather than chained one after another (DECISIONS.md: why
/// offsets, not `>ID` chains).
public struct CatalogLoader: Sendable {
    let client: PortalClient

    public init(client: PortalClient) {
        self.client = client
    }

    static let userFilter: [(String, BatchValue)] = [
        ("FILTER", .map([("ACTIVE", .string("true")), ("USER_TYPE", .string("employee"))])), ("SORT", .string("ID")),
        ("ORDER", .string("ASC")),
    ]
    static let entities = ["lead", "deal", "contact", "company"]

    /// A paged list being collected: rows so far, how many the portal has, how to ask for more.
    struct Stream {
        var key: String
        var rows: [JSONNode] = []
        var total = 0
        var command: (_ key: String, _ offset: Int) -> BatchCommand
        var remainingPages: Int { max(0, Int((Double(total - rows.count) / 50).rounded(.up))) }
    }

    public func load() async throws(PortalError) -> PortalCatalog {
        var requests = 0
        var problems: [String] = []
        var fixed: [BatchCommand] = [
            BatchCommand("me", "profile"), BatchCommand("scope", "scope"), BatchCommand("mode", "crm.settings.mode.get"),
            BatchCommand("cats", "crm.category.list", [("entityTypeId", .int(2))]),
            BatchCommand("st", "crm.status.list", [("order", .map([("ID", .string("ASC"))]))]),
            // No sort: the portal would take `sort=ID` as the filter SORT = 'ID' too (and return
            // nothing). Departments are ordered by ID on our side.
            BatchCommand("dep", "department.get"),
        ]
        fixed += Self.entities.map { BatchCommand("f_\($0)", "crm.\($0).fields") }
        let speculativePages = 50 - fixed.count
        let userPages = (0..<speculativePages).map { i in
            BatchCommand("u\(i)", "user.get", Self.userFilter + [("start", .int(i * 50))])
        }
        let first = try await client.batch(fixed + userPages)
        requests += 1
        var failed: [String: String] = [:]
        for (key, error) in first.errors.sorted(by: { $0.key < $1.key }) {
            guard let name = Self.listName(ofKey: key) else { continue }
            failed[name] = failed[name] ?? error.message
        }

        var users = Stream(key: "u", total: first.totals["u0"] ?? 0) { key, offset in
            BatchCommand(key, "user.get", Self.userFilter + [("start", .int(offset))])
        }
        users.rows = (0..<speculativePages).flatMap { first.results["u\($0)"]?.items ?? [] }
        users.rows = Array(users.rows.prefix(users.total))
        var statuses = Stream(key: "st", total: first.totals["st"] ?? 0) { key, offset in
            BatchCommand(key, "crm.status.list", [("order", .map([("ID", .string("ASC"))])), ("start", .int(offset))])
        }
        statuses.rows = first.results["st"]?.items ?? []
        var categories = Stream(key: "cats", total: first.totals["cats"] ?? 0) { key, offset in
            BatchCommand(key, "crm.category.list", [("entityTypeId", .int(2)), ("start", .int(offset))])
        }
        categories.rows = first.results["cats"]?.member("categories")?.items ?? []
        var departments = Stream(key: "dep", total: first.totals["dep"] ?? 0) { key, offset in
            BatchCommand(key, "department.get", [("START", .int(offset))])
        }
        departments.rows = first.results["dep"]?.items ?? []

        // Older portals lack crm.category.list: the legacy list leaves out funnel 0.
        if case .methodNotFound? = first.errors["cats"] {
            failed[PortalCatalog.ListName.funnels] = nil
            let legacy = try await client.batch([
                BatchCommand("cats", "crm.dealcategory.list", [("order", .map([("SORT", .string("ASC"))]))]),
                BatchCommand("default", "crm.dealcategory.default.get"),
            ])
            requests += 1
            categories.rows = legacy.results["cats"]?.items ?? []
            categories.total = legacy.totals["cats"] ?? categories.rows.count
            if let zero = legacy.results["default"] {
                categories.rows.insert(zero, at: 0)
                categories.total += 1
            }
        }

        // Every remaining page at once: the first answer gave the totals, pages by offset do
        // not depend on each other, so their batches go out together — as many in flight as
        // the rate limiter lets through (its burst holds them all up to ~2,400 pages) — and a
        // catalog of any size takes two round trips.
        var streams = [users, statuses, categories, departments]
        var pages: [(stream: Int, offset: Int, command: BatchCommand)] = []
        for s in streams.indices {
            for page in 0..<streams[s].remainingPages {
                let offset = streams[s].rows.count + page * 50
                pages.append((s, offset, streams[s].command("\(streams[s].key)_\(offset)", offset)))
            }
        }
        let batches = stride(from: 0, to: pages.count, by: 50).map { Array(pages[$0..<min($0 + 50, pages.count)]) }
        let answers = try await Self.all(batches.map { batch in batch.map(\.command) }, client: client)
        requests += batches.count
        // Each list's pages in offset order; a page that failed ends its list there.
        var ended = Set<Int>()
        for (batch, answer) in zip(batches, answers) {
            for page in batch where !ended.contains(page.stream) {
                let key = page.command.key
                if let error = answer.errors[key] {
                    if let name = Self.listName(ofKey: streams[page.stream].key) { failed[name] = failed[name] ?? error.message }
                    ended.insert(page.stream)
                    continue
                }
                let node = answer.results[key]
                let rows = streams[page.stream].key == "cats" ? node?.member("categories")?.items ?? [] : node?.items ?? []
                streams[page.stream].rows += rows
                if rows.count < 50 { ended.insert(page.stream) }
            }
        }
        problems += failed.sorted { $0.key < $1.key }.map { "\($0.key) not loaded: \($0.value)" }
        var catalog = Self.assemble(
            first: first, users: streams[0].rows, statuses: streams[1].rows, categories: streams[2].rows,
            departments: streams[3].rows, problems: problems, requests: requests)
        catalog.failedLists = failed.isEmpty ? nil : failed
        return catalog
    }

    /// The batches sent together; the answers in the batches' order. The first failure
    /// (the whole request failed, not a command in it) fails the load.
    static func all(_ batches: [[BatchCommand]], client: PortalClient) async throws(PortalError) -> [BatchResponse] {
        do {
            return try await withThrowingTaskGroup(of: (Int, BatchResponse).self) { group in
                for (i, commands) in batches.enumerated() {
                    group.addTask { (i, try await client.batch(commands)) }
                }
                var answers = [BatchResponse?](repeating: nil, count: batches.count)
                for try await (i, answer) in group { answers[i] = answer }
                return answers.map { $0! }
            }
        } catch let error as PortalError {
            throw error
        } catch {
            throw .other(code: "CLIENT", description: "\(error)", status: 0)
        }
    }

    /// A batch key's list, in the words the operator reads (never `u0`).
    static func listName(ofKey key: String) -> String? {
        if key.hasPrefix("f_") { return PortalCatalog.ListName.fields(String(key.dropFirst(2))) }
        if key.hasPrefix("u") { return PortalCatalog.ListName.users }  // u0…u39, u_2_0
        switch key.split(separator: "_").first.map(String.init) ?? key {
        case "me", "scope", "mode": return PortalCatalog.ListName.portalUser
        case "cats", "default": return PortalCatalog.ListName.funnels
        case "st": return PortalCatalog.ListName.stages
        case "dep": return PortalCatalog.ListName.departments
        default: return nil
        }
    }

    static func assemble(
        first: BatchResponse, users: [JSONNode], statuses: [JSONNode], categories: [JSONNode], departments: [JSONNode],
        problems: [String], requests: Int
    ) -> PortalCatalog {
        func stage(_ row: JSONNode) -> PortalCatalog.Stage {
            let semantics: PortalCatalog.Stage.Semantics =
                switch row.string("SEMANTICS") ?? "" {
                case "S": .success
                case "F": .failure
                default:
                    // EXTRA.SEMANTICS only as a fallback; anything but "process" is closed.
                    switch row.member("EXTRA")?.string("SEMANTICS") ?? "process" {
                    case "process", "": .open
                    case "success": .success
                    default: .failure
                    }
                }
            return PortalCatalog.Stage(id: row.string("STATUS_ID") ?? "", name: row.string("NAME") ?? "", semantics: semantics)
        }
        var seen = Set<String>()
        let uniqueStatuses = statuses.filter { seen.insert($0.string("ID") ?? UUID().uuidString).inserted }
        // Grouped once: scanning every status for every funnel grew with funnels × stages.
        let byEntity = Dictionary(grouping: uniqueStatuses) { $0.string("ENTITY_ID") ?? "" }
        let leadStages = (byEntity["STATUS"] ?? []).map(stage)
        var funnels: [PortalCatalog.Funnel] = []
        var funnelIDs = Set<String>()
        for category in categories {
            let id = category.string("id") ?? category.string("ID") ?? ""
            guard funnelIDs.insert(id).inserted else { continue }
            let entity = id == "0" ? "DEAL_STAGE" : "DEAL_STAGE_\(id)"
            funnels.append(
                PortalCatalog.Funnel(
                    id: id, name: category.string("name") ?? category.string("NAME") ?? "",
                    stages: (byEntity[entity] ?? []).map(stage)))
        }
        seen = []
        let employees = users.filter { seen.insert($0.string("ID") ?? "").inserted }.map { row in
            PortalCatalog.User(
                id: row.string("ID") ?? "",
                name: [row.string("NAME"), row.string("LAST_NAME")].compactMap { $0 }.filter { !$0.isEmpty }.joined(
                    separator: " "),
                email: row.string("EMAIL") ?? "",
                departments: row.member("UF_DEPARTMENT")?.items.compactMap { node in
                    if case .number(let n) = node.value { n } else if case .string(let s) = node.value { s } else { nil }
                } ?? [])
        }
        seen = []
        let deps = departments.map {
            PortalCatalog.Department(id: $0.string("ID") ?? "", name: $0.string("NAME") ?? "", parent: $0.string("PARENT"))
        }
        .filter { seen.insert($0.id).inserted }
        .sorted { (Int($0.id) ?? Int.max, $0.id) < (Int($1.id) ?? Int.max, $1.id) }
        var fields: [String: [PortalCatalog.Field]] = [:]
        for entity in entities {
            fields[entity] = (first.results["f_\(entity)"]?.members ?? []).map { code, node in
                let dynamic = node.bool("isDynamic")
                let label =
                    dynamic
                    ? node.string("listLabel") ?? node.string("formLabel") ?? node.string("filterLabel") ?? code
                    : node.string("title") ?? code
                return PortalCatalog.Field(
                    code: code, label: label.isEmpty ? code : label, type: node.string("type") ?? "",
                    isReadOnly: node.bool("isReadOnly"),
                    isMultiple: node.bool("isMultiple"), isUserField: dynamic,
                    items: node.member("items")?.items.compactMap { item in
                        item.string("ID").map { PortalCatalog.Field.Item(id: $0, name: item.string("VALUE") ?? $0) }
                    })
            }
        }
        let me = first.results["me"]
        return PortalCatalog(
            currentUserID: me?.string("ID") ?? "", currentUserIsAdmin: me?.bool("ADMIN") ?? false,
            scopes: first.results["scope"]?.items.compactMap { if case .string(let s) = $0.value { s } else { nil } } ?? [],
            crmMode: first.results["mode"].flatMap { PortalResponse.int($0) } ?? 1, leadStages: leadStages, funnels: funnels,
            users: employees, departments: deps, fields: fields, problems: problems, requests: requests)
    }
}
