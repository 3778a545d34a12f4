import Foundation
import SetupModel

/// Reads an account's real traffic (chats and offline requests of a period) from the Data
/// API's report methods, for replay. Every call costs points, so the reader keeps to the
/// account's budgets: it waits out an exhausted minute, and it stops — cleanly, with what it
/// has read — before the day's budget runs out, leaving a reserve for the integration.
/// Stepwise (`next()`), so the console can show progress and cancel between pages.
public actor TrafficReader {
    /// One page of rows of one report.
    public struct Page: Sendable {
        public var kind: CommunicationKind
        public var rows: [JSONNode]
    }

    /// Where the reading is: for progress bars and the summary.
    public struct Progress: Sendable, Equatable {
        public var read = 0
        /// Rows the windows read so far announced (grows as windows are opened).
        public var announced = 0
        public var windowsDone = 0
        public var windows = 0
        public var calls = 0
        /// Seconds spent waiting for the minute budget.
        public var waited = 0.0
        public var limits: DataAPILimits?
    }

    public enum Step: Sendable {
        case page(Page)
        /// Nothing more to read.
        case done
        /// Stopped before the day's budget ran out; what was read stays usable.
        case stopped(DataAPILimits)
    }

    /// The columns replay needs (a report without `fields` leaves the channel, tags and UTM out).
    public static let chatFields = [
        "id", "communication_id", "date_time", "chat_channel_id", "chat_channel_name", "chat_channel_type", "site_domain_name",
        "campaign_name", "source_name", "group_name", "tags", "utm_source", "utm_medium", "utm_campaign", "utm_term",
        "utm_content", "visitor_phone_number", "visitor_id", "communication_page_url",
    ]
    public static let offlineFields = [
        "id", "communication_id", "date_time", "site_domain_name", "form_type", "form_name", "group_name", "text",
        "visitor_phone_number", "visitor_email", "visitor_name", "campaign_name", "source_name", "tags", "utm_source",
        "utm_medium", "utm_campaign", "utm_term", "utm_content", "properties", "communication_page_url",
    ]

    let client: DataAPIClient
    /// Points left untouched at the end of the day: the integration itself needs some.
    public let dayReserve: Int
    private var jobs: [(kind: CommunicationKind, window: ReportPeriod)]
    private var offset = 0
    private var total: Int?
    public private(set) var progress = Progress()
    /// How long the reader may wait for a minute budget before it gives up (tests shorten it).
    let longestWait: Double

    public init(
        client: DataAPIClient, period: ReportPeriod, kinds: [CommunicationKind] = CommunicationKind.allCases,
        dayReserve: Int = 100, longestWait: Double = 65
    ) {
        self.client = client
        self.dayReserve = dayReserve
        self.longestWait = longestWait
        let windows = period.windows()
        jobs = kinds.flatMap { kind in windows.map { (kind: kind, window: $0) } }
        progress.windows = jobs.count
    }

    /// The next page, a wait for the minute budget included; `.done` at the end.
    public func next() async throws(DataAPIError) -> Step {
        while let job = jobs.first {
            if let total, offset >= total {
                jobs.removeFirst()
                offset = 0
                self.total = nil
                progress.windowsDone += 1
                continue
            }
            if let spent = try await keepToBudget() { return .stopped(spent) }
            let answer: DataAPIClient.Answer
            do {
                answer = try await call(job.kind, job.window)
            } catch .limitExceeded(let limits) {
                guard let limits, limits.dayRemaining > 0 else {
                    return .stopped(limits ?? progress.limits ?? DataAPILimits.exhausted)
                }
                progress.limits = limits
                try await wait(limits.minuteReset)
                continue
            }
            progress.calls += 1
            if let limits = answer.limits { progress.limits = limits }
            let rows = answer.data.items
            if total == nil {
                total = answer.totalItems ?? rows.count
                progress.announced += total ?? 0
            }
            offset += rows.count
            progress.read += rows.count
            // A page shorter than asked with the total unreached: the report shrank; move on.
            if rows.isEmpty { offset = total ?? offset }
            return .page(Page(kind: job.kind, rows: rows))
        }
        return .done
    }

    private func call(_ kind: CommunicationKind, _ window: ReportPeriod) async throws(DataAPIError) -> DataAPIClient.Answer {
        let method = kind == .chat ? "get.chats_report" : "get.offline_messages_report"
        let fields = kind == .chat ? Self.chatFields : Self.offlineFields
        return try await client.call(
            method,
            [
                ("date_from", JSONNode(.string(window.from.description))),
                ("date_till", JSONNode(.string(window.till.description))),
                ("fields", JSONNode(.array(fields.map { JSONNode(.string($0)) }))),
                (
                    "sort",
                    JSONNode(
                        .array([
                            JSONNode(.object([("field", JSONNode(.string("date_time"))), ("order", JSONNode(.string("asc")))]))
                        ]))
                ),
                ("limit", JSONNode(.number("\(client.pageSize)"))), ("offset", JSONNode(.number("\(offset)"))),
            ])
    }

    /// Before a call: the day's limits when the reserve is reached (no call then), else nil,
    /// having waited for the minute's budget if it was spent.
    private func keepToBudget() async throws(DataAPIError) -> DataAPILimits? {
        guard let limits = progress.limits else { return nil }
        if limits.dayRemaining <= dayReserve { return limits }
        if limits.minuteRemaining <= 0 { try await wait(limits.minuteReset) }
        return nil
    }

    private func wait(_ seconds: Int) async throws(DataAPIError) {
        let pause = min(Double(max(1, seconds)), longestWait)
        progress.waited += pause
        do {
            try await Task.sleep(for: .seconds(pause))
        } catch {
            throw .transport(.other(tr("cancelled", ru: "отменено")))
        }
    }

    /// A chat's messages (`get.chat_messages_report`, a call per chat): the transcript a chat
    /// created on "End chat" writes as its comment. The window is the 30 days the method allows.
    public func transcript(chatID: String, at time: ReportTime) async throws(DataAPIError) -> [JSONNode] {
        if let spent = try await keepToBudget() { throw .limitExceeded(spent) }
        let answer = try await client.call(
            "get.chat_messages_report",
            [
                ("chat_ids", JSONNode(.array([JSONNode(.number(chatID))]))),
                ("date_from", JSONNode(.string(time.description))),
                ("date_till", JSONNode(.string(time.adding(seconds: 30 * 86_400 - 1).description))),
                ("fields", JSONNode(.array(["date_time", "source", "text"].map { JSONNode(.string($0)) }))),
            ])
        progress.calls += 1
        if let limits = answer.limits { progress.limits = limits }
        return answer.data.items
    }
}

/// A period of the reports, both ends included, as the account's clock reads them.
public struct ReportPeriod: Hashable, Sendable, CustomStringConvertible {
    public var from: ReportTime
    public var till: ReportTime

    public init(from: ReportTime, till: ReportTime) {
        self.from = from
        self.till = till
    }

    /// Windows of at most 3 months that touch without overlapping (the API's limit; whether
    /// it counts both ends is unconfirmed, so no row may fall into two windows).
    public func windows() -> [ReportPeriod] {
        var result: [ReportPeriod] = []
        var start = from
        while start <= till {
            let end = min(start.adding(months: 3).adding(seconds: -1), till)
            result.append(ReportPeriod(from: start, till: end))
            start = end.adding(seconds: 1)
        }
        return result
    }

    public var description: String { "\(from) — \(till)" }

    public enum ParseError: Error, Equatable {
        /// The text given for the start (`isEnd` false) or the end is not a date.
        case notADate(String, isEnd: Bool)
        case reversed(from: ReportTime, till: ReportTime)
    }

    /// A period as an operator types it (`replay --from/--to`, the Replay screen): a day
    /// alone is its first second for the start and its last for the end; no end is today's end.
    public static func parse(from: String, to: String?, now: Date = Date()) -> Result<ReportPeriod, ParseError> {
        func time(_ text: String, isEnd: Bool) -> ReportTime? {
            guard let time = ReportTime(text) else { return nil }
            let dayOnly = !text.trimmingCharacters(in: .whitespaces).contains { $0 == " " || $0 == "T" }
            return isEnd && dayOnly ? time.adding(seconds: 86_399) : time
        }
        guard let start = time(from, isEnd: false) else { return .failure(.notADate(from, isEnd: false)) }
        let end: ReportTime
        if let to {
            guard let typed = time(to, isEnd: true) else { return .failure(.notADate(to, isEnd: true)) }
            end = typed
        } else {
            end = time(ReportTime(now).day, isEnd: true)!
        }
        guard start <= end else { return .failure(.reversed(from: start, till: end)) }
        return .success(ReportPeriod(from: start, till: end))
    }
}

extension DataAPILimits {
    static let exhausted = DataAPILimits(
        dayLimit: 0, dayRemaining: 0, dayReset: 0, minuteLimit: 0, minuteRemaining: 0, minuteReset: 0)
}
