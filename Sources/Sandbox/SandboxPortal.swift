import FlyingFox
import Foundation
import SetupModel

/// A Bitrix24 portal on loopback, answering as the real one does: the `result`/`time`
/// envelope, string IDs, "Y"/"N", 50-row pages with `total` and `next`, `[]` for an empty
/// list, the leaky-bucket rate limit (503 QUERY_LIMIT_EXCEEDED), the error bodies with
/// their HTTP statuses — and switches for latency and faults. Tests and the demo talk to it
/// through the real libcurl client, never through canned closures.
public actor SandboxPortal {
    public struct Faults: Sendable {
        /// Added to every answer.
        public var latencyMs = 0
        /// Answer every call with an HTML page and this status (a deleted or blocked portal).
        public var htmlStatus: Int?
        /// Enforce the cloud limit: 2 requests/s drained, bucket of 50.
        public var rateLimit = true
        /// An older portal: no crm.category.list, only the legacy crm.dealcategory.* methods.
        public var legacyCategories = false
        /// A renamed portal: every call answers 302 with `Location` on this base address.
        public var movedTo: String?
        /// The scopes the webhook or app was given; nil: all of them.
        public var scopes: Set<String>?
        /// A free plan: REST answers 403 ACCESS_DENIED "REST is available only on commercial plans."
        public var restNotOnPlan = false
        /// A deleted portal that still answers JSON: PORTAL_DELETED.
        public var deleted = false
        /// Methods whose operating-time budget is used up (429 OPERATION_TIME_LIMIT).
        public var operationLimited: Set<String> = []
        /// A portal that breaks down mid-way: after this many requests every answer is an
        /// HTML 503 page.
        public var failAfterRequests: Int?
        /// How long an OAuth access token lives, in seconds (real portals: 3600).
        public var accessTokenLifetime: Double = 3600
        /// The webhook's user is an administrator.
        public var admin = true
        /// `time.operating` in every answer: seconds of the method's 480 s budget used.
        public var operatingSeconds: Double = 0
        public init() {}
    }

    public let webhookUserID = "1"
    public let webhookCode: String
    public var faults = Faults()
    public internal(set) var data: SandboxData
    public internal(set) var comments: [TimelineComment] = []
    public internal(set) var notifications: [SystemNotification] = []
    /// To-dos from crm.activity.todo.add, kept like comments (the title as the text).
    public internal(set) var activities: [TimelineComment] = []
    /// The OAuth application installed on the portal, and its current token pair.
    public let oauthClientID = "local.sandbox0app.00000001"
    let oauthClientSecret = "sandbox0client0secret"
    var accessToken = "sandbox-access-1"
    var refreshToken = "sandbox-refresh-1"
    var expiredTokens: Set<String> = []
    var tokenIssuedAt = Date()
    public private(set) var refreshCount = 0
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    var oauthServerBase: String?
    private var bucket = 0.0
    private var bucketTime = Date()
    public private(set) var requestCount = 0
    private var filteredUsers: [String: [SandboxData.User]] = [:]

    public init(data: SandboxData = .demo, webhookCode: String = "sandbox0webhook1") {
        self.data = data
        self.webhookCode = webhookCode
    }

    /// Starts listening on 127.0.0.1 (`port` 0: any free port) and returns the base address.
    public func start(port: UInt16 = 0) async throws -> String {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30, logger: .disabled)
        await server.appendRoute("POST /rest/*") { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            // Written out here, off the actor: a portal's workers render answers side by side.
            return await self.handle(path: request.path, body: try await request.bodyData).response
        }
        await server.appendRoute("GET /oauth/token/") { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return await self.refreshTokens(
                Dictionary(request.query.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            ).response
        }
        self.server = server
        serverTask = Task { try await server.run() }
        // Loaded test machines have taken more than the default 5 s to get a listener up.
        try await server.waitUntilListening(timeout: 60)
        guard case .ip4(_, let actualPort)? = await server.listeningAddress else {
            throw CocoaError(.featureUnsupported)
        }
        let base = "http://127.0.0.1:\(actualPort)"
        oauthServerBase = base
        return base
    }

    public func stop() async {
        await server?.stop(timeout: 0.1)
        serverTask?.cancel()
    }

    /// Fills the rate-limit bucket, as a burst from another tool on the same IP would, and
    /// beyond: `overflowSeconds` is how long it stays refusing (it drains 2 per second).
    public func fillRateBucket(overflowSeconds: Double = 0) {
        bucket = 50 + overflowSeconds * 2
        bucketTime = Date()
    }

    /// The next `count` calls are refused with 503 QUERY_LIMIT_EXCEEDED, whenever they come:
    /// a retry test that does not depend on how fast the machine is.
    public func refuseNext(_ count: Int) {
        pendingRefusals = count
    }

    private var pendingRefusals = 0

    /// Readiness cases: user fields the portal requires, and its Open Channels.
    public func setMandatoryFields(_ fields: [String: Set<String>]) { data.mandatoryFields = fields }
    public func setOpenLines(_ lines: [SandboxData.OpenLine]?) { data.openLines = lines }

    /// 2: simple CRM mode (no leads: a new lead becomes a deal at once).
    public func setCRMMode(_ mode: Int) {
        data.crmMode = mode
    }

    public func setFaults(_ faults: Faults) {
        self.faults = faults
    }

    /// The webhook URL an operator would paste.
    public func webhookURL(base: String) -> String { "\(base)/rest/\(webhookUserID)/\(webhookCode)/" }

    func handle(path: String, body: Data) async -> SandboxReply {
        requestCount += 1
        if faults.latencyMs > 0 { try? await Task.sleep(for: .milliseconds(faults.latencyMs)) }
        let broken = faults.failAfterRequests.map { requestCount > $0 } ?? false
        if let status = faults.htmlStatus ?? (broken ? 503 : nil) {
            let page = "<!DOCTYPE html><html><head><title>Portal not found</title></head><body><h1>404</h1></body></html>"
            return SandboxReply(
                HTTPResponse(
                    statusCode: HTTPStatusCode(status, phrase: "Error"), headers: [.contentType: "text/html"],
                    body: Data(page.utf8)))
        }
        if let target = faults.movedTo {
            return SandboxReply(
                HTTPResponse(statusCode: .found, headers: [.location: target + path, .contentType: "text/html"], body: Data()))
        }
        if pendingRefusals > 0 {
            pendingRefusals -= 1
            return error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests")
        }
        if faults.rateLimit && !takeToken() {
            return error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests")
        }
        if faults.deleted { return error(500, "PORTAL_DELETED", "Portal was deleted") }
        if faults.restNotOnPlan { return error(403, "ACCESS_DENIED", "REST is available only on commercial plans.") }
        let parameters = (try? JSONSerialization.jsonObject(with: body.isEmpty ? Data("{}".utf8) : body)) as? [String: Any] ?? [:]
        // Webhook: /rest/{user}/{code}/{method}[.json]; OAuth: /rest/{method}[.json] with `auth`.
        let parts = path.split(separator: "/").map(String.init)
        var method: String
        switch parts.count {
        case 4 where parts[0] == "rest":
            guard parts[1] == webhookUserID, parts[2] == webhookCode else {
                return error(401, "NO_AUTH_FOUND", "Wrong authorization data")
            }
            method = parts[3]
        case 2 where parts[0] == "rest":
            let token = "\(parameters["auth"] ?? "")"
            if token == accessToken, Date().timeIntervalSince(tokenIssuedAt) > faults.accessTokenLifetime {
                expiredTokens.insert(token)
            }
            if expiredTokens.contains(token) { return error(401, "expired_token", "The access token provided has expired.") }
            guard token == accessToken else { return error(401, "invalid_token", "Unable to get application by token") }
            method = parts[1]
        default:
            return error(401, "NO_AUTH_FOUND", "Wrong authorization data")
        }
        if method.hasSuffix(".json") { method.removeLast(5) }
        if let denied = scopeRefusal(method) { return error(denied.status, denied.code, denied.description) }
        if method == "batch" {
            guard let tree = try? JSONParser.parse(Array(body)) else {
                return error(400, "INVALID_REQUEST", "the body is not JSON")
            }
            return batch(tree)
        }
        return answer(method, parameters)
    }

    /// The scope a method belongs to, refused when the webhook lacks it; and a method
    /// whose operating-time budget is spent.
    func scopeRefusal(_ method: String) -> (status: Int, code: String, description: String)? {
        if faults.operationLimited.contains(method) {
            return (429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.")
        }
        guard let scopes = faults.scopes else { return nil }
        let needed: String? =
            switch method.split(separator: ".").first.map(String.init) ?? "" {
            case "crm": "crm"
            case "user": "user"
            case "department": "department"
            case "im": "im"
            default: nil
            }
        guard let needed, !scopes.contains(needed) else { return nil }
        return (403, "insufficient_scope", "The request requires higher privileges than provided by the webhook token")
    }

    /// The OAuth server's refresh: a new pair for the current refresh token; the old
    /// access token now answers `expired_token`, the old refresh token `invalid_grant`.
    func refreshTokens(_ query: [String: String]) -> SandboxReply {
        guard query["grant_type"] == "refresh_token" else {
            return error(400, "invalid_request", "Unsupported grant type")
        }
        guard query["client_id"] == oauthClientID, query["client_secret"] == oauthClientSecret else {
            return error(401, "invalid_client", "Invalid client credentials")
        }
        guard let presented = query["refresh_token"], presented == refreshToken else {
            return error(400, "invalid_grant", "Invalid refresh token")
        }
        refreshCount += 1
        expiredTokens.insert(accessToken)
        accessToken = "sandbox-access-\(refreshCount + 1)"
        refreshToken = "sandbox-refresh-\(refreshCount + 1)"
        tokenIssuedAt = Date()
        let expires = Int(Date().timeIntervalSince1970) + 3600
        return json(
            200,
            [
                "access_token": accessToken, "refresh_token": refreshToken, "expires": expires, "expires_in": 3600,
                "domain": "oauth.bitrix.info", "member_id": "sandbox0member", "scope": "crm,user,department,im",
                "server_endpoint": "\(oauthServerBase ?? "")/rest/", "status": "L", "user_id": 1,
            ])
    }

    /// The credentials an operator would store for the sandbox's OAuth application.
    public func oauthCredentials(base: String) -> OAuthCredentials {
        oauthServerBase = base
        return OAuthCredentials(
            clientID: oauthClientID, clientSecret: Secret(oauthClientSecret), accessToken: Secret(accessToken),
            refreshToken: Secret(refreshToken), expiresAt: nil, oauthServer: base + "/")
    }

    /// Makes the current access token expire now, as an hour passing would.
    public func expireAccessToken() {
        expiredTokens.insert(accessToken)
        accessToken = "sandbox-access-\(refreshCount + 1)-renewable"
    }

    /// Whether `token` is the one the portal accepts now (for tests of persistence).
    public func currentTokens() -> (access: String, refresh: String) { (accessToken, refreshToken) }

    /// Leaky bucket: each request adds one, the bucket drains 2 per second, 50 fit.
    private func takeToken() -> Bool {
        let now = Date()
        bucket = max(0, bucket - now.timeIntervalSince(bucketTime) * 2)
        bucketTime = now
        guard bucket + 1 <= 50 else { return false }
        bucket += 1
        return true
    }

    /// What one method call gives: a result (with list paging), or an error with its
    /// HTTP status. Shared by plain calls and `batch` sub-calls.
    struct Outcome {
        var result: Any = NSNull()
        var total: Int?
        var next: Int?
        var error: (status: Int, code: String, description: String)?

        static func failure(_ status: Int, _ code: String, _ description: String) -> Outcome {
            Outcome(error: (status, code, description))
        }
    }

    private func answer(_ method: String, _ p: [String: Any]) -> SandboxReply {
        let outcome = respond(method, p)
        if let e = outcome.error { return error(e.status, e.code, e.description) }
        var body: [String: Any] = ["result": outcome.result]
        if let total = outcome.total { body["total"] = total }
        if let next = outcome.next { body["next"] = next }
        return envelope(body)
    }

    private func respond(_ method: String, _ p: [String: Any]) -> Outcome {
        switch method {
        case "profile":
            return Outcome(result: [
                "ID": webhookUserID, "ADMIN": faults.admin, "NAME": "Иван", "LAST_NAME": "Иванов", "TIME_ZONE": "Europe/Moscow",
            ])
        case "scope":
            // imopenlines only where the portal has Open Channels set up.
            let granted = ["crm", "user", "department", "im"] + (data.openLines == nil ? [] : ["imopenlines"])
            return Outcome(result: granted.filter { faults.scopes?.contains($0) ?? true })
        case "imopenlines.config.list.get":
            guard let lines = data.openLines, faults.scopes?.contains("imopenlines") ?? true else {
                return .failure(
                    401, "insufficient_scope", "The request requires higher privileges than provided by the webhook token")
            }
            return Outcome(
                result: lines.map {
                    [
                        "ID": "\($0.id)", "LINE_NAME": $0.name, "ACTIVE": "Y", "CRM": $0.crmCreate == nil ? "N" : "Y",
                        "CRM_CREATE": $0.crmCreate ?? "none",
                    ] as [String: Any]
                })
        case "crm.lead.userfield.list", "crm.deal.userfield.list", "crm.contact.userfield.list", "crm.company.userfield.list":
            let entity = String(method.split(separator: ".")[1])
            let filter = p["filter"] as? [String: Any] ?? p["FILTER"] as? [String: Any] ?? [:]
            let mandatory = data.mandatoryFields[entity] ?? []
            var rows: [[String: Any]] = (data.userFields[entity] ?? []).map { f in
                [
                    "ID": "\(abs(f.code.hashValue) % 9000 + 1000)", "ENTITY_ID": "CRM_\(entity.uppercased())",
                    "FIELD_NAME": f.code,
                    "USER_TYPE_ID": f.type, "MANDATORY": mandatory.contains(f.code) ? "Y" : "N", "MULTIPLE": "N",
                    "LIST_COLUMN_LABEL": f.label, "EDIT_FORM_LABEL": f.label,
                ]
            }
            if let wanted = filter["MANDATORY"] { rows = rows.filter { "\($0["MANDATORY"] ?? "")" == "\(wanted)" } }
            return page(rows, start: p["start"])
        case "user.get":
            let filter = p["FILTER"] as? [String: Any] ?? p["filter"] as? [String: Any] ?? [:]
            // Paging a big portal asks for the same filtered list page after page: it is
            // filtered once (the users do not change while the sandbox runs).
            let signature = "\(filter["ACTIVE"].map { "\($0)" } ?? "-")|\(filter["USER_TYPE"].map { "\($0)" } ?? "-")"
            var users: [SandboxData.User]
            if let kept = filteredUsers[signature] {
                users = kept
            } else {
                users = data.users
                if let active = filter["ACTIVE"] {
                    let wanted = ["true", "Y", "1"].contains("\(active)")
                    users = users.filter { $0.active == wanted }
                }
                if let type = filter["USER_TYPE"] { users = users.filter { $0.userType == "\(type)" } }
                filteredUsers[signature] = users
            }
            if let above = filter[">ID"] { users = users.filter { $0.id > Int("\(above)") ?? 0 } }
            if let ids = filter["ID"] {
                let wanted = Set(((ids as? [Any]) ?? [ids]).map { "\($0)" })
                users = users.filter { wanted.contains("\($0.id)") }
            }
            // Only the page is rendered: a portal of 50,000 users must not build 50,000 rows per call.
            return page(users, start: p["start"]) { u in
                [
                    "ID": "\(u.id)", "ACTIVE": u.active, "NAME": u.name, "LAST_NAME": u.lastName, "EMAIL": u.email,
                    "UF_DEPARTMENT": [1], "USER_TYPE": u.userType, "LAST_LOGIN": u.lastLogin ?? NSNull(),
                ] as [String: Any]
            }
        case "crm.status.list":
            let filter = p["filter"] as? [String: Any] ?? [:]
            let entity = filter["ENTITY_ID"] as? String
            let above = filter[">ID"].flatMap { Int("\($0)") } ?? 0
            let rows = data.statuses.enumerated().filter { i, s in (entity == nil || s.entityID == entity) && i + 1 > above }
            return page(rows, start: p["start"]) { i, s -> [String: Any] in
                [
                    "ID": "\(i + 1)", "ENTITY_ID": s.entityID, "STATUS_ID": s.statusID, "NAME": s.name, "SORT": "\(s.sort)",
                    "SYSTEM": "Y", "SEMANTICS": (s.semantics as Any?) ?? NSNull(),
                    "CATEGORY_ID": s.entityID.hasPrefix("DEAL_STAGE_")
                        ? String(s.entityID.dropFirst(11)) : (s.entityID == "DEAL_STAGE" ? "0" : NSNull()),
                    "EXTRA": [
                        "SEMANTICS": s.semantics == "S" ? "success" : s.semantics == "F" ? "failure" : "process",
                        "COLOR": "#39A8EF",
                    ],
                ]
            }
        case "crm.settings.mode.get":
            return Outcome(result: data.crmMode)
        case "crm.category.list" where faults.legacyCategories:
            return .failure(404, "ERROR_METHOD_NOT_FOUND", "Method not found!")
        case "crm.dealcategory.list":
            // The legacy list leaves out the default funnel 0.
            return page(
                data.funnels.filter { $0.id != 0 }.map { ["ID": "\($0.id)", "NAME": $0.name, "SORT": "\($0.sort)"] },
                start: p["start"])
        case "crm.dealcategory.default.get":
            return Outcome(result: ["ID": 0, "NAME": data.funnels.first { $0.id == 0 }?.name ?? "Общая"])
        case "crm.category.list":
            guard "\(p["entityTypeId"] ?? "")" == "2" else {
                return .failure(400, "ENTITY_TYPE_NOT_SUPPORTED", "Entity type is not supported")
            }
            let rows: [[String: Any]] = data.funnels.map {
                ["id": $0.id, "name": $0.name, "sort": $0.sort, "entityTypeId": 2, "isDefault": $0.id == 0 ? "Y" : "N"]
            }
            var outcome = page(rows, start: p["start"])
            outcome.result = ["categories": outcome.result]
            return outcome
        case "department.get":
            return departments(p)
        case "crm.lead.fields", "crm.deal.fields", "crm.contact.fields", "crm.company.fields":
            let entity = method.split(separator: ".")[1]
            var fields: [String: Any] = [
                "ID": field("integer", "ID", readOnly: true), "TITLE": field("string", "Название"),
                "ASSIGNED_BY_ID": field("user", "Ответственный"),
                "SOURCE_DESCRIPTION": field("text", "Дополнительно об источнике"),
                "DATE_CREATE": field("datetime", "Дата создания", readOnly: true),
                "PHONE": field("crm_multifield", "Телефон", multiple: true),
            ]
            if entity == "lead" { fields["STATUS_ID"] = field("crm_status", "Стадия") }
            if entity == "lead" || entity == "deal" {
                fields["OPPORTUNITY"] = field("double", "Сумма")
                // The UTM fields every portal has on leads and deals.
                for (code, label) in [
                    ("UTM_SOURCE", "Рекламная система"), ("UTM_MEDIUM", "Тип трафика"),
                    ("UTM_CAMPAIGN", "Обозначение рекламной кампании"),
                    ("UTM_CONTENT", "Содержание кампании"), ("UTM_TERM", "Условие поиска кампании"),
                ] {
                    fields[code] = field("string", label)
                }
            }
            if entity == "deal" {
                fields["CATEGORY_ID"] = field("crm_category", "Воронка")
                fields["STAGE_ID"] = field("crm_status", "Стадия сделки")
                fields["STAGE_SEMANTIC_ID"] = field("string", "Группа стадии", readOnly: true)
            }
            for uf in data.userFields[String(entity)] ?? [] {
                var f = field(uf.type, uf.code)
                f["isDynamic"] = true
                f["listLabel"] = uf.label
                f["formLabel"] = uf.label
                f["filterLabel"] = uf.label
                if uf.type == "enumeration" {
                    f["items"] = [["ID": "79", "VALUE": "Вариант 1"], ["ID": "80", "VALUE": "Вариант 2"]]
                }
                fields[uf.code] = f
            }
            return Outcome(result: fields)
        default:
            return crm(method, p) ?? .failure(404, "ERROR_METHOD_NOT_FOUND", "Method not found!")
        }
    }

    private func field(_ type: String, _ title: String, readOnly: Bool = false, multiple: Bool = false) -> [String: Any] {
        [
            "type": type, "isRequired": false, "isReadOnly": readOnly, "isImmutable": false, "isMultiple": multiple,
            "isDynamic": false, "title": title,
        ]
    }

    /// `batch`: up to 50 sub-calls in order, each `method?query` with `$result[key][…]`
    /// references to earlier results substituted first. A reference that does not resolve
    /// becomes empty — on a real portal that makes a `>ID` filter read from the start again.
    func batch(_ body: JSONNode) -> SandboxReply {
        guard case .object(let commands)? = body.member("cmd")?.value else {
            return error(400, "INVALID_REQUEST", "cmd is required")
        }
        if commands.count > 50 { return error(400, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded") }
        let halt: Bool =
            switch body.member("halt")?.value {
            case .bool(let b)?: b
            case .number(let n)?: n != "0"
            case .string(let s)?: s == "1" || s == "true"
            default: false
            }
        var results: [(String, Any)] = []
        var errors: [(String, Any)] = []
        var totals: [(String, Any)] = []
        var nexts: [(String, Any)] = []
        for (key, node) in commands {
            guard case .string(let command) = node.value else { continue }
            let resolved = substitute(command, results: results)
            let parts = resolved.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            var method = String(parts[0])
            if method.hasSuffix(".json") { method.removeLast(5) }
            let parameters = parts.count > 1 ? PHPQuery.decode(String(parts[1])) : [:]
            let outcome: Outcome
            if method == "batch" {
                outcome = .failure(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage")
            } else if let refusal = scopeRefusal(method) {
                outcome = Outcome(error: refusal)
            } else {
                outcome = respond(method, parameters)
            }
            if let e = outcome.error {
                errors.append((key, ["error": e.code, "error_description": e.description]))
                if halt { break }
                continue
            }
            results.append((key, outcome.result))
            if let total = outcome.total { totals.append((key, total)) }
            if let next = outcome.next { nexts.append((key, next)) }
        }
        // PHP serialises an empty map as [] — clients must accept both shapes.
        func map(_ pairs: [(String, Any)]) -> Any {
            pairs.isEmpty ? [Any]() : Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        }
        return envelope([
            "result": [
                "result": map(results), "result_error": map(errors), "result_total": map(totals), "result_next": map(nexts),
                "result_time": [Any](),
            ] as [String: Any]
        ])
    }

    /// Replaces `$result[key][a][b]` with the value at that path in an earlier result.
    private func substitute(_ command: String, results: [(String, Any)]) -> String {
        var out = ""
        var rest = Substring(command)
        while let found = rest.range(of: "$result") {
            out += rest[..<found.lowerBound]
            var cursor = found.upperBound
            var path: [String] = []
            while cursor < rest.endIndex, rest[cursor] == "[", let close = rest[cursor...].firstIndex(of: "]") {
                path.append(String(rest[rest.index(after: cursor)..<close]))
                cursor = rest.index(after: close)
            }
            var value: Any? = results.first { $0.0 == path.first }?.1
            for component in path.dropFirst() {
                if let list = value as? [Any], let i = Int(component), list.indices.contains(i) {
                    value = list[i]
                } else if let object = value as? [String: Any] {
                    value = object[component]
                } else {
                    value = nil
                }
            }
            if let value, !(value is [Any]), !(value is [String: Any]), !(value is NSNull) { out += "\(value)" }
            rest = rest[cursor...]
        }
        return out + rest
    }

    /// One page of at most 50 rows, as list methods answer: `total` always, `next` only
    /// when more rows follow; `start=-1` skips counting (total 0, no next).
    func page(_ rows: [[String: Any]], start: Any?) -> Outcome { page(rows, start: start) { $0 } }

    /// One page of 50 as the portal pages: `start` an offset, `-1` no count; only the page's
    /// rows are rendered.
    func page<Row>(_ rows: [Row], start: Any?, _ render: (Row) -> [String: Any]) -> Outcome {
        let startValue = Int("\(start ?? 0)") ?? 0
        if startValue == -1 { return Outcome(result: rows.prefix(50).map(render), total: 0) }
        let from = min(max(0, startValue), rows.count)
        let slice = rows[from..<min(rows.count, from + 50)].map(render)
        return Outcome(result: slice, total: rows.count, next: from + 50 < rows.count ? from + 50 : nil)
    }

    private func envelope(_ fields: [String: Any]) -> SandboxReply {
        var body = fields
        let now = Date().timeIntervalSince1970
        body["time"] = [
            "start": now, "finish": now + 0.01, "duration": 0.01, "processing": 0.005,
            "date_start": ISO8601DateFormatter().string(from: Date()), "date_finish": ISO8601DateFormatter().string(from: Date()),
            "operating_reset_at": Int(now) + 600, "operating": faults.operatingSeconds,
        ]
        return json(200, body)
    }

    func error(_ status: Int, _ code: String, _ description: String) -> SandboxReply {
        json(status, ["error": code, "error_description": description])
    }

    func json(_ status: Int, _ object: [String: Any]) -> SandboxReply {
        SandboxReply(status: status, object: object)
    }
}

extension SandboxPortal {
    /// `department.get` as the portal's source has it (`CIntranetRestService::departmentGet`):
    /// parameters are upper-cased, `SORT`/`ORDER` sort — and, unless a `FILTER` is given, the
    /// same parameters are the filter, so `sort=ID` also filters on `SORT = 'ID'`: no rows.
    func departments(_ p: [String: Any]) -> Outcome {
        let params = Dictionary(p.map { ($0.key.uppercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        var rows: [[String: Any]] = data.departments.map { d in
            var row: [String: Any] = ["ID": "\(d.id)", "NAME": d.name, "SORT": 500]
            if let parent = d.parent { row["PARENT"] = "\(parent)" }
            return row
        }
        let filter = params["FILTER"] as? [String: Any] ?? params
        for field in ["ID", "NAME", "SORT", "PARENT", "UF_HEAD"] {
            guard let wanted = filter[field] ?? filter[field.lowercased()] else { continue }
            rows = rows.filter { row in row[field].map { "\($0)" } == "\(wanted)" }
        }
        if let sort = params["SORT"].map({ "\($0)".uppercased() }) {
            let descending = "\(params["ORDER"] ?? "ASC")".uppercased() == "DESC"
            rows.sort { a, b in
                let x = "\(a[sort] ?? "")"
                let y = "\(b[sort] ?? "")"
                let less = Int(x).flatMap { i in Int(y).map { i < $0 } } ?? (x < y)
                return descending ? !less : less
            }
        }
        return page(rows, start: params["START"])
    }
}

/// An answer leaving the actor: ready, or a JSON object still to be written — which happens
/// outside the actor, so answers are rendered in parallel, as a portal's workers do. The object
/// is only read after the actor has let go of it.
struct SandboxReply: @unchecked Sendable {
    private var ready: HTTPResponse?
    private var status = 200
    private var object: [String: Any] = [:]

    init(_ response: HTTPResponse) { ready = response }

    init(status: Int, object: [String: Any]) {
        self.status = status
        self.object = object
    }

    var response: HTTPResponse {
        if let ready { return ready }
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: object, options: [])
        } catch {
            return HTTPResponse(statusCode: .internalServerError, body: Data("sandbox: \(error)".utf8))
        }
        return HTTPResponse(
            statusCode: HTTPStatusCode(status, phrase: status == 200 ? "OK" : "Error"),
            headers: [.contentType: "application/json; charset=utf-8"], body: data)
    }
}
