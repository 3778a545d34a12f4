import Bitrix24
import CallGearAPI
import Foundation
import Routing
import SetupModel

/// One replay's gathering, step by step: the report pages, then (when asked) the chats'
/// transcripts, then (live) the visitors' look-ups, 50 a request. Each `step()` does one
/// request's worth, so the console can draw progress and cancel between steps, and
/// `replay` loops it. Nothing is ever written: the portal is only read.
public actor ReplayJob {
    public enum Phase: Sendable, Equatable {
        case reading
        case transcripts
        case lookingUp
        case done
    }

    /// Where the job is, for a progress bar: counts, and the time left estimated from the
    /// pace so far.
    public struct Status: Sendable, Equatable {
        public var phase: Phase = .reading
        public var events = 0
        /// Rows the reports announced (known after each window's first page).
        public var announced = 0
        public var transcripts = 0
        public var transcriptsWanted = 0
        public var visitorsLookedUp = 0
        public var visitors = 0
        public var dataAPICalls = 0
        public var portalRequests = 0
        public var waited = 0.0
        public var elapsed = 0.0
        /// The day's budget ran out first: what was read is replayed, and this says so.
        public var stoppedAt: DataAPILimits?

        public init() {}

        /// Requests made so far, of both servers.
        public var requestsDone: Int { dataAPICalls + portalRequests }

        /// Requests still to make, estimated from what is known: the report pages left at
        /// the pace of rows per page so far, the transcripts left, and the look-ups (a
        /// request and about one follow-up per 50 visitors; before the reading ends, the
        /// events stand in for the visitors).
        public var requestsLeft: Int {
            let perPage = max(1, events / max(readCalls, 1))
            let pages = phase == .reading ? (max(0, announced - events) + perPage - 1) / perPage : 0
            let chats = phase == .reading || phase == .transcripts ? max(0, transcriptsWanted - transcripts) : 0
            let people =
                phase == .done ? 0 : (phase == .lookingUp ? visitors - visitorsLookedUp : (looksUp ? max(announced, events) : 0))
            return pages + chats + (people + 49) / 50 * 2
        }

        /// Data API calls of the reading phase (transcripts come after).
        var readCalls: Int { dataAPICalls - transcripts }
        /// Whether visitors will be looked up (a live replay).
        public var looksUp = false

        /// 0…1 by requests, the unit that costs the time.
        public var fraction: Double {
            if phase == .done { return 1 }
            let done = Double(requestsDone)
            return done / max(1, done + Double(requestsLeft))
        }

        /// Seconds left at the pace so far; nil before there is a pace.
        public var secondsLeft: Double? {
            guard requestsDone > 0, phase != .done, elapsed > 0 else { return nil }
            return elapsed / Double(requestsDone) * Double(requestsLeft)
        }

        public var line: String {
            var text: String
            switch phase {
            case .reading:
                text = tr("reading the reports: \(events)", ru: "чтение отчётов: \(events)")
                if announced > 0 { text += tr(" of \(announced)", ru: " из \(announced)") }
            case .transcripts:
                text = tr(
                    "reading transcripts: \(transcripts) of \(transcriptsWanted)",
                    ru: "чтение расшифровок: \(transcripts) из \(transcriptsWanted)")
            case .lookingUp:
                text = tr(
                    "looking visitors up in the portal: \(visitorsLookedUp) of \(visitors)",
                    ru: "поиск посетителей на портале: \(visitorsLookedUp) из \(visitors)")
            case .done:
                text = tr("done: \(events) events", ru: "готово: событий \(events)")
            }
            if let left = secondsLeft {
                text += tr(", about \(Int(left.rounded(.up))) s left", ru: ", осталось около \(Int(left.rounded(.up))) с")
            }
            if waited > 0 {
                text += tr(
                    " (waited \(Int(waited)) s for the minute budget)", ru: " (ожидание минутного лимита \(Int(waited)) с)")
            }
            return text
        }
    }

    let reader: TrafficReader
    let gatherer: BulkFactGatherer?
    let transcripts: Bool
    let started = Date()
    public private(set) var status = Status()
    public private(set) var events: [ReplayEvent] = []
    /// Live: what the portal knows of each visitor. nil offline.
    public private(set) var facts: [VisitorKey: ClientFacts]?
    public private(set) var crmMode: Int?
    public private(set) var cost = BulkFactGatherer.Cost()
    private var visitors: [VisitorKey: RoutingEvent.Visitor] = [:]
    private var pendingVisitors: [VisitorKey] = []
    private var pendingTranscripts: [Int] = []

    /// `gatherer`: look visitors up (live); nil treats them all as unknown. `transcripts`:
    /// read each chat's messages (a Data API call per chat) for chats created on "End chat".
    public init(reader: TrafficReader, gatherer: BulkFactGatherer?, transcripts: Bool = false) {
        self.reader = reader
        self.gatherer = gatherer
        self.transcripts = transcripts
        status.looksUp = gatherer != nil
    }

    /// One request's worth of work; returns where the job is. Errors end the job.
    public func step() async throws -> Status {
        defer { status.elapsed = Date().timeIntervalSince(started) }
        switch status.phase {
        case .reading:
            let step = try await reader.next()
            let progress = await reader.progress
            status.dataAPICalls = progress.calls
            status.waited = progress.waited
            status.announced = progress.announced
            switch step {
            case .page(let page):
                events += page.rows.map { ReplayEvent(row: $0, kind: page.kind) }
                status.events = events.count
            case .done:
                finishReading()
            case .stopped(let limits):
                status.stoppedAt = limits
                finishReading()
            }
        case .transcripts:
            if let index = pendingTranscripts.first {
                pendingTranscripts.removeFirst()
                let chat = events[index]
                if let time = chat.time {
                    let messages = try await reader.transcript(chatID: chat.id, at: time)
                    events[index].event.text = messages.compactMap { m in
                        m.string("text").map { (m.string("source").map { "\($0): " } ?? "") + $0 }
                    }.joined(separator: "\n")
                }
                status.transcripts += 1
                status.dataAPICalls = await reader.progress.calls
            }
            if pendingTranscripts.isEmpty { startLookUps() }
        case .lookingUp:
            guard let gatherer, !pendingVisitors.isEmpty else {
                status.phase = .done
                break
            }
            let chunk = Array(pendingVisitors.prefix(BulkFactGatherer.visitorsPerRequest))
            pendingVisitors.removeFirst(chunk.count)
            var spent = cost
            let found = try await gatherer.gather(chunk: chunk, of: visitors, cost: &spent)
            cost = spent
            facts = (facts ?? [:]).merging(found) { a, _ in a }
            crmMode = crmMode ?? found.values.lazy.compactMap(\.crmMode).first
            status.visitorsLookedUp += chunk.count
            status.portalRequests = cost.requests
            if pendingVisitors.isEmpty { status.phase = .done }
        case .done:
            break
        }
        return status
    }

    /// Steps until the end; `progress` hears each step.
    public func run(progress: (@Sendable (Status) -> Void)? = nil) async throws -> Status {
        while status.phase != .done {
            try Task.checkCancellation()
            let now = try await step()
            progress?(now)
        }
        return status
    }

    private func finishReading() {
        if transcripts {
            pendingTranscripts = events.indices.filter { events[$0].event.kind == .chat }
            status.transcriptsWanted = pendingTranscripts.count
            status.phase = .transcripts
            if !pendingTranscripts.isEmpty { return }
        }
        startLookUps()
    }

    private func startLookUps() {
        guard gatherer != nil else {
            status.phase = .done
            return
        }
        visitors = BulkFactGatherer.unique(events.map(\.event.visitor))
        pendingVisitors = visitors.keys.sorted()
        status.visitors = pendingVisitors.count
        facts = [:]
        status.phase = pendingVisitors.isEmpty ? .done : .lookingUp
    }

    /// The plans under `profile`, from what was gathered.
    public func result(for profile: Profile, portal: PortalContext) -> ReplayResult {
        var context = portal
        if let crmMode { context.crmMode = crmMode }
        return ReplayResult.plan(profile, events: events, facts: facts, portal: context)
    }
}
