import FlyingFox
import Foundation

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
        public init() {}
    }

    public let webhookUserID = "1"
    public let webhookCode: String
    public var faults = Faults()
    private let data: SandboxData
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    private var bucket = 0.0
    private var bucketTime = Date()
    public private(set) var requestCount = 0

    public init(data: SandboxData = .demo, webhookCode: String = "sandbox0webhook1") {
        self.data = data
        self.webhookCode = webhookCode
    }

    /// Starts listening on 127.0.0.1 (`port` 0: any free port) and returns the base address.
    public func start(port: UInt16 = 0) async throws -> String {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30, logger: .disabled)
        await server.appendRoute("POST /rest/*") { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return await self.handle(path: request.path, body: try await request.bodyData)
        }
        self.server = server
        serverTask = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let actualPort)? = await server.listeningAddress else {
            throw CocoaError(.featureUnsupported)
        }
        return "http://127.0.0.1:\(actualPort)"
    }

    public func stop() async {
        await server?.stop(timeout: 1)
        serverTask?.cancel()
    }

    public func setFaults(_ faults: Faults) {
        self.faults = faults
    }

    /// The webhook URL an operator would paste.
    public func webhookURL(base: String) -> String { "\(base)/rest/\(webhookUserID)/\(webhookCode)/" }

    func handle(path: String, body: Data) async -> HTTPResponse {
        requestCount += 1
        if faults.latencyMs > 0 { try? await Task.sleep(for: .milliseconds(faults.latencyMs)) }
        if let status = faults.htmlStatus {
            let page = "<!DOCTYPE html><html><head><title>Portal not found</title></head><body><h1>404</h1></body></html>"
            return HTTPResponse(
                statusCode: HTTPStatusCode(status, phrase: "Error"), headers: [.contentType: "text/html"], body: Data(page.utf8))
        }
        if faults.rateLimit && !takeToken() {
            return error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests")
        }
        // /rest/{user}/{code}/{method}[.json]
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count == 4, parts[0] == "rest" else {
            return error(401, "NO_AUTH_FOUND", "Wrong authorization data")
        }
        guard parts[1] == webhookUserID, parts[2] == webhookCode else {
            return error(401, "NO_AUTH_FOUND", "Wrong authorization data")
        }
        var method = parts[3]
        if method.hasSuffix(".json") { method.removeLast(5) }
        let parameters = (try? JSONSerialization.jsonObject(with: body.isEmpty ? Data("{}".utf8) : body)) as? [String: Any] ?? [:]
        return answer(method, parameters)
    }

    /// Leaky bucket: each request adds one, the bucket drains 2 per second, 50 fit.
    private func takeToken() -> Bool {
        let now = Date()
        bucket = max(0, bucket - now.timeIntervalSince(bucketTime) * 2)
        bucketTime = now
        guard bucket + 1 <= 50 else { return false }
        bucket += 1
        return true
    }

    private func answer(_ method: String, _ p: [String: Any]) -> HTTPResponse {
        switch method {
        case "profile":
            return ok(["ID": webhookUserID, "ADMIN": true, "NAME": "Иван", "LAST_NAME": "Иванов", "TIME_ZONE": "Europe/Moscow"])
        case "scope":
            return ok(["crm", "user", "department", "im"])
        case "user.get":
            let users = data.users.filter { user in
                guard let filter = p["FILTER"] as? [String: Any], let active = filter["ACTIVE"] else { return true }
                return "\(active)" == "true" || "\(active)" == "Y" || "\(active)" == "1" ? user.active : !user.active
            }
            return page(
                users.map { u in
                    [
                        "ID": "\(u.id)", "ACTIVE": u.active, "NAME": u.name, "LAST_NAME": u.lastName, "EMAIL": u.email,
                        "UF_DEPARTMENT": [1],
                    ]
                }, start: p["start"])
        case "crm.status.list":
            let entity = (p["filter"] as? [String: Any])?["ENTITY_ID"] as? String
            let rows = data.statuses.filter { entity == nil || $0.entityID == entity }.map { s -> [String: Any] in
                var row: [String: Any] = [
                    "ID": "\(s.sort / 10)", "ENTITY_ID": s.entityID, "STATUS_ID": s.statusID, "NAME": s.name, "SORT": "\(s.sort)",
                    "SYSTEM": "Y",
                ]
                row["EXTRA"] = ["SEMANTICS": (s.semantics as Any?) ?? NSNull(), "COLOR": "#39A8EF"] as [String: Any]
                return row
            }
            return page(rows, start: p["start"])
        case "crm.lead.list":
            return page([], start: p["start"])
        case "crm.lead.add":
            // CRM methods report errors with an empty `error` and the text in the description.
            guard let fields = p["fields"] as? [String: Any], fields["TITLE"] != nil else {
                return error(400, "", "Не заполнено обязательное поле \"Название лида\"")
            }
            return ok(4242)
        default:
            return error(404, "ERROR_METHOD_NOT_FOUND", "Method not found!")
        }
    }

    /// One page of at most 50 rows, as list methods answer: `total` always, `next` only
    /// when more rows follow; `start=-1` skips counting (total 0, no next).
    private func page(_ rows: [[String: Any]], start: Any?) -> HTTPResponse {
        let startValue = Int("\(start ?? 0)") ?? 0
        if startValue == -1 {
            return envelope(["result": Array(rows.prefix(50)), "total": 0])
        }
        let from = min(max(0, startValue), rows.count)
        let slice = Array(rows[from..<min(rows.count, from + 50)])
        var body: [String: Any] = ["result": slice, "total": rows.count]
        if from + 50 < rows.count { body["next"] = from + 50 }
        return envelope(body)
    }

    private func ok(_ result: Any) -> HTTPResponse { envelope(["result": result]) }

    private func envelope(_ fields: [String: Any]) -> HTTPResponse {
        var body = fields
        let now = Date().timeIntervalSince1970
        body["time"] = [
            "start": now, "finish": now + 0.01, "duration": 0.01, "processing": 0.005,
            "date_start": ISO8601DateFormatter().string(from: Date()), "date_finish": ISO8601DateFormatter().string(from: Date()),
            "operating_reset_at": Int(now) + 600, "operating": 0,
        ]
        return json(200, body)
    }

    private func error(_ status: Int, _ code: String, _ description: String) -> HTTPResponse {
        json(status, ["error": code, "error_description": description])
    }

    private func json(_ status: Int, _ object: [String: Any]) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return HTTPResponse(
            statusCode: HTTPStatusCode(status, phrase: status == 200 ? "OK" : "Error"),
            headers: [.contentType: "application/json; charset=utf-8"], body: data)
    }
}
