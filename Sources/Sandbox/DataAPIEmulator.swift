import FlyingFox
import Foundation
import SetupModel
import Synchronization

/// A CallGear Data API on loopback: JSON-RPC 2.0 at `/v2.0`, the key in
/// `params.access_token`, `limit`/`offset` paging with `metadata.total_items`, the point
/// budgets in `metadata.limits`, and the errors with their codes and mnemonics — seeded
/// with channels of every type, sites, groups and the rest, Cyrillic names included.
public actor DataAPIEmulator {
    public struct Faults: Sendable {
        /// Answer every call with this mnemonic (ip_not_whitelisted, access_token_expired, …).
        public var mnemonic: String?
        /// Calls allowed per minute window before limit_exceeded (the real default is 60).
        public var minuteLimit = 1_000
        /// The minute window's length: a test shortens it to see the client wait it out.
        public var minuteWindow: Double = 60
        /// Points per day (the real accounts seen have 3,000); only successful calls cost.
        public var dayLimit = 3_000
        /// Channel ID → status (active, inactive, error, …) instead of the seed's.
        public var channelStatus: [Int: String] = [:]
        public init() {}
    }

    public nonisolated let key: String
    public var faults = Faults()
    public private(set) var calls = 0
    /// Calls by method, for tests that count what a replay cost.
    public private(set) var callsByMethod: [String: Int] = [:]
    private var dayUsed = 0
    private var minuteUsed = 0
    private var minuteStarted: Date?
    /// The reports' rows; nil until a report is first asked for (building them takes a moment).
    private var traffic: SandboxTraffic?
    private let trafficEnd: Date
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?

    /// `trafficEnd`: the last day of the seeded chats and requests (default: now), so the
    /// demo's "last weeks" have traffic and a test can pin it.
    public init(key: String = "sandbox-data-api-key-0001", trafficEnd: Date = Date()) {
        self.key = key
        // To the minute: emulators started together share one traffic (see `shared`).
        self.trafficEnd = Date(timeIntervalSince1970: (trafficEnd.timeIntervalSince1970 / 60).rounded(.down) * 60)
    }

    /// The seeded traffic, for tests that compare what a replay read with what was served.
    public func seededTraffic() -> SandboxTraffic { loadTraffic() }

    private func loadTraffic() -> SandboxTraffic {
        if let traffic { return traffic }
        let built = Self.shared.withLock { cache in
            if let kept = cache[trafficEnd] { return kept }
            let made = SandboxTraffic(end: trafficEnd)
            cache[trafficEnd] = made
            return made
        }
        traffic = built
        return built
    }

    /// Emulators with the same end share their traffic: tests start many at once, and each
    /// building its own thousands of rows slowed the whole run.
    private static let shared = Mutex<[Date: SandboxTraffic]>([:])

    public func setFaults(_ faults: Faults) { self.faults = faults }

    /// Listens on 127.0.0.1 and returns the endpoint (…/v2.0).
    public func start(port: UInt16 = 0) async throws -> String {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30, logger: .disabled)
        await server.appendRoute("POST /v2.0") { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return await self.handle(try await request.bodyData)
        }
        self.server = server
        serverTask = Task { try await server.run() }
        // Loaded test machines have taken more than the default 5 s to get a listener up.
        try await server.waitUntilListening(timeout: 60)
        guard case .ip4(_, let actualPort)? = await server.listeningAddress else { throw CocoaError(.featureUnsupported) }
        return "http://127.0.0.1:\(actualPort)/v2.0"
    }

    public func stop() async {
        await server?.stop(timeout: 0.1)
        serverTask?.cancel()
    }

    static let errors: [String: (Int, String)] = [
        "ip_not_whitelisted": (-32003, "Your IP 127.0.0.1 is not whitelisted"),
        "forbidden": (-32003, "Forbidden"),
        "access_token_invalid": (-32001, "Invalid access token"),
        "access_token_expired": (-32001, "Access token expired"),
        "access_token_blocked": (-32001, "Access token blocked"),
        "method_component_disabled": (-32008, "Component of method is disabled"),
        "account_inactive": (-32009, "Account is inactive"),
        "limit_exceeded": (-32029, "Limit exceeded"),
    ]

    func handle(_ body: Data) -> HTTPResponse {
        calls += 1
        let now = Date()
        if minuteStarted.map({ now.timeIntervalSince($0) >= faults.minuteWindow }) ?? true {
            minuteStarted = now
            minuteUsed = 0
        }
        guard let request = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            return rpc(["jsonrpc": "2.0", "id": NSNull(), "error": ["code": -32700, "message": "Parse error"]])
        }
        let id = request["id"] ?? NSNull()
        let params = request["params"] as? [String: Any] ?? [:]
        func failure(_ mnemonic: String, _ text: String? = nil) -> HTTPResponse {
            let (code, message) = Self.errors[mnemonic] ?? (-32602, mnemonic)
            let limits = self.limits(now)
            return rpc([
                "jsonrpc": "2.0", "id": id,
                "error": [
                    "code": code, "message": text ?? message,
                    "data": [
                        "mnemonic": mnemonic, "field": NSNull(), "value": NSNull(), "params": [String: Any](), "limits": limits,
                    ],
                ] as [String: Any],
            ])
        }
        if let mnemonic = faults.mnemonic { return failure(mnemonic) }
        guard "\(params["access_token"] ?? "")" == key else { return failure("access_token_invalid") }
        if minuteUsed >= faults.minuteLimit || dayUsed >= faults.dayLimit { return failure("limit_exceeded") }
        let method = "\(request["method"] ?? "")"
        callsByMethod[method, default: 0] += 1
        if Self.reportMethods.contains(method) {
            switch report(method, params) {
            case .failure(let mnemonic, let text): return failure(mnemonic, text)
            case .rows(let rows):
                return success(id, page(rows, params), total: rows.count, now)
            }
        }
        guard var rows = Self.rows(method) else {
            return rpc([
                "jsonrpc": "2.0", "id": id,
                "error": ["code": -32601, "message": "Method not found", "data": ["mnemonic": "method_not_found"]],
            ])
        }
        if method == "get.chat_channels" {
            rows = rows.map { row in
                var row = row
                if let id = row["id"] as? Int, let status = faults.channelStatus[id] { row["status"] = status }
                return row
            }
        }
        return success(id, method == "get.account" ? rows : page(rows, params), total: rows.count, now)
    }

    /// A successful call costs a point from both budgets (failed ones cost nothing).
    private func success(_ id: Any, _ data: [[String: Any]], total: Int, _ now: Date) -> HTTPResponse {
        minuteUsed += 1
        dayUsed += 1
        return rpc([
            "jsonrpc": "2.0", "id": id,
            "result": ["data": data, "metadata": ["total_items": total, "limits": limits(now)]] as [String: Any],
        ])
    }

    private func page(_ rows: [[String: Any]], _ params: [String: Any]) -> [[String: Any]] {
        let limit = min(10_000, Int("\(params["limit"] ?? 1000)") ?? 1000)
        let offset = Int("\(params["offset"] ?? 0)") ?? 0
        return Array(rows.dropFirst(offset).prefix(limit))
    }

    private func limits(_ now: Date) -> [String: Any] {
        let minute = faults.minuteLimit
        let elapsed = minuteStarted.map { now.timeIntervalSince($0) } ?? 0
        return [
            "day_limit": faults.dayLimit, "day_remaining": max(0, faults.dayLimit - dayUsed), "day_reset": 40_000,
            "minute_limit": minute, "minute_remaining": max(0, minute - minuteUsed),
            "minute_reset": max(1, Int((faults.minuteWindow - elapsed).rounded(.up))),
        ]
    }

    static let reportMethods: Set<String> = ["get.chats_report", "get.offline_messages_report", "get.chat_messages_report"]

    /// The columns a report gives when `fields` is left out: the chats' leave out the
    /// channel, tags and UTM, as the real reference says, so a client must name them.
    static let defaultColumns: [String: [String]] = [
        "get.chats_report": ["id", "date_time", "communication_id", "visitor_id", "status", "site_id"],
        "get.offline_messages_report": ["id", "date_time", "communication_id", "visitor_id", "text", "form_type"],
        "get.chat_messages_report": ["chat_id", "date_time", "source", "text"],
    ]

    enum ReportAnswer {
        case rows([[String: Any]])
        case failure(String, String)
    }

    /// The report methods: `date_from`/`date_till` required, at most 3 months apart (30
    /// days for messages), both ends inclusive; the rows of the window in date order, with
    /// only the asked columns; unknown columns refused.
    func report(_ method: String, _ params: [String: Any]) -> ReportAnswer {
        guard let fromText = params["date_from"] as? String, let tillText = params["date_till"] as? String else {
            return .failure("required_parameter_missing", "date_from and date_till are required")
        }
        guard let from = ReportTime(fromText), let till = ReportTime(tillText), from <= till else {
            return .failure("invalid_parameter_value", "date_from or date_till is not a date, or they are in the wrong order")
        }
        let most = method == "get.chat_messages_report" ? from.adding(seconds: 30 * 86_400) : from.adding(months: 3)
        if till > most { return .failure("date_interval_limit_reached", "The date interval is too long") }
        let traffic = loadTraffic()
        var rows: [[String: Any]]
        switch method {
        case "get.chats_report": rows = traffic.chats
        case "get.offline_messages_report": rows = traffic.offlineRequests
        default:
            let ids = (params["chat_ids"] as? [Any] ?? []).compactMap { Int("\($0)") }
            guard !ids.isEmpty else { return .failure("required_parameter_missing", "chat_ids is required") }
            rows = ids.flatMap { traffic.messages[$0] ?? [] }
        }
        rows = rows.filter { row in
            guard let text = row["date_time"] as? String, let time = ReportTime(text) else { return false }
            return from <= time && time <= till
        }
        let known = Set((rows.first ?? [:]).keys).union(Self.defaultColumns[method] ?? [])
        let fields = (params["fields"] as? [Any])?.map { "\($0)" } ?? Self.defaultColumns[method] ?? []
        if let unknown = fields.first(where: { !known.contains($0) }), !rows.isEmpty {
            return .failure("invalid_parameter_value", "Unknown field \(unknown)")
        }
        return .rows(rows.map { row in Dictionary(uniqueKeysWithValues: fields.map { ($0, row[$0] ?? NSNull()) }) })
    }

    /// The seed: a Russian-speaking Dubai account with a channel of every type.
    static func rows(_ method: String) -> [[String: Any]]? {
        switch method {
        case "get.account":
            return [["app_id": 64943, "name": "Демо-аккаунт CallGear", "timezone": "Asia/Dubai"]]
        case "get.chat_channels":
            let types = [
                ("comagic", "Чат на сайте"), ("whatsapp", "WhatsApp Web 111"), ("waba", "WhatsApp Business"),
                ("telegram", "Telegram bot 35"),
                ("telegram_private", "Telegram личный"), ("viber", "Viber"), ("vkontakte_groups", "ВКонтакте группа"),
                ("facebook", "Facebook"),
                ("instagram", "Instagram"), ("avito", "Авито"), ("yandex.dialogs", "Яндекс Диалоги"),
                ("offline_message", "Офлайн-заявки"),
            ]
            var rows: [[String: Any]] = types.enumerated().map { i, t in
                let id = t.0 == "whatsapp" ? 111 : t.0 == "telegram" ? 35 : t.0 == "comagic" ? 7 : 200 + i
                return ["id": id, "name": t.1, "type": t.0, "status": "active", "group_id": NSNull(), "employee_id": NSNull()]
            }
            rows.append([
                "id": 299, "name": "Старый бот", "type": "telegram", "status": "deleted", "group_id": NSNull(),
                "employee_id": NSNull(),
            ])
            return rows
        case "get.sites":
            return [
                ["id": 5, "domain_name": "example.ae", "name": "Example"],
                ["id": 6, "domain_name": "shop.example", "name": "Магазин"],
                ["id": 7, "domain_name": "пример.рф", "name": "Кириллический домен"],
            ]
        case "get.group_employees":
            return [["id": 1, "name": "Отдел продаж"], ["id": 2, "name": "Поддержка"], ["id": 3, "name": "VIP"]]
        case "get.employees":
            return (1...12).map { ["id": $0, "full_name": "Оператор \($0)", "email": "op\($0)@demo-callgear.ae"] }
        case "get.campaigns":
            return [["id": 10, "name": "Зимняя распродажа"], ["id": 11, "name": "Winter sale"], ["id": 12, "name": "Бренд"]]
        case "get.sources":
            return [["id": 1, "name": "google"], ["id": 2, "name": "yandex"], ["id": 3, "name": "Прямые заходы"]]
        case "get.tags":
            return [["id": 1, "name": "vip", "is_system": false], ["id": 2, "name": "Повторный", "is_system": false]]
        case "get.offline_message_user_fields":
            return [
                ["ext_id": "field_1", "name": "city", "data_type": "string"],
                ["ext_id": "field_2", "name": "Contract value", "data_type": "numeric"],
            ]
        default:
            return nil
        }
    }

    private func rpc(_ object: [String: Any]) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: data)
    }
}
