import Foundation
import SetupModel

/// Loads a portal's whole catalog in as few HTTP requests as the portal allows.
///
/// A large portal (5,000 users, 60 funnels, 150 user fields per entity) needs about 118
/// list calls; a batch carries 50, so three requests is the floor. The first batch asks for
/// the fixed lists and speculative offset pages of users (a page past the end is merely
/// empty). The rest is planned from that answer's totals and chained with `>ID` references
/// to the previous page's last ID — never past the last page, which would make the portal
/// read from the start again.
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
        /// Chained streams page by `>ID`; others by offset.
        var chained: Bool
        var command: (_ key: String, _ page: PageRef) -> BatchCommand
        var remainingPages: Int { max(0, Int((Double(total - rows.count) / 50).rounded(.up))) }
    }

    enum PageRef {
        case offset(Int)
        case afterID(String)
        case afterReference(String)
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

        var users = Stream(key: "u", total: first.totals["u0"] ?? 0, chained: true) { key, ref in
            BatchCommand(key, "user.get", Self.userFilter + Self.after(ref, filterKey: "FILTER") + [("start", .int(-1))])
        }
        users.rows = (0..<speculativePages).flatMap { first.results["u\($0)"]?.items ?? [] }
        users.rows = Array(users.rows.prefix(users.total))
        var statuses = Stream(key: "st", total: first.totals["st"] ?? 0, chained: true) { key, ref in
            BatchCommand(
                key, "crm.status.list",
                [("order", .map([("ID", .string("ASC"))]))] + Self.after(ref, filterKey: "filter") + [("start", .int(-1))])
        }
        statuses.rows = first.results["st"]?.items ?? []
        var categories = Stream(key: "cats", total: first.totals["cats"] ?? 0, chained: false) { key, ref in
            guard case .offset(let n) = ref else { preconditionFailure("categories page by offset") }
            return BatchCommand(key, "crm.category.list", [("entityTypeId", .int(2)), ("start", .int(n))])
        }
        categories.rows = first.results["cats"]?.member("categories")?.items ?? []
        var departments = Stream(key: "dep", total: first.totals["dep"] ?? 0, chained: false) { key, ref in
            guard case .offset(let n) = ref else { preconditionFailure("departments page by offset") }
            return BatchCommand(key, "department.get", [("START", .int(n))])
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

        var streams = [users, statuses, categories, departments]
        while streams.contains(where: { $0.remainingPages > 0 }) {
            var commands: [BatchCommand] = []
            var plan: [(stream: Int, key: String)] = []
            for s in streams.indices where streams[s].remainingPages > 0 {
                var previousKey: String? = nil
                let pages = min(streams[s].remainingPages, 50 - commands.count)
                for page in 0..<pages {
                    let key = "\(streams[s].key)_\(requests)_\(page)"
                    let ref: PageRef
                    if streams[s].chained {
                        ref = previousKey.map { .afterReference($0) } ?? .afterID(streams[s].rows.last?.string("ID") ?? "0")
                    } else {
                        ref = .offset(streams[s].rows.count + page * 50)
                    }
                    commands.append(streams[s].command(key, ref))
                    plan.append((s, key))
                    previousKey = key
                }
                if commands.count == 50 { break }
            }
            let answer = try await client.batch(commands)
            requests += 1
            for (s, key) in plan {
                if let error = answer.errors[key] {
                    if let name = Self.listName(ofKey: streams[s].key) { failed[name] = failed[name] ?? error.message }
                    streams[s].total = streams[s].rows.count
                    continue
                }
                let node = answer.results[key]
                let rows = streams[s].key == "cats" ? node?.member("categories")?.items ?? [] : node?.items ?? []
                if rows.isEmpty { streams[s].total = streams[s].rows.count }
                streams[s].rows += rows
            }
        }
        problems += failed.sorted { $0.key < $1.key }.map { "\($0.key) not loaded: \($0.value)" }
        var catalog = Self.assemble(
            first: first, users: streams[0].rows, statuses: streams[1].rows, categories: streams[2].rows,
            departments: streams[3].rows, problems: problems, requests: requests)
        catalog.failedLists = failed.isEmpty ? nil : failed
        return catalog
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

    static func after(_ ref: PageRef, filterKey: String) -> [(String, BatchValue)] {
        switch ref {
        case .offset(let n): [("start", .int(n))]
        case .afterID(let id): [(filterKey, .map([(">ID", .string(id))]))]
        case .afterReference(let key): [(filterKey, .map([(">ID", .reference(key: key, path: ["49", "ID"]))]))]
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
