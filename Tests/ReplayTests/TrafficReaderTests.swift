import Bitrix24
import CallGearAPI
import Foundation
import Sandbox
import SetupModel
import Testing

/// Reading the account's traffic from the Data API emulator over loopback: periods split into
/// touching windows of at most 3 months, every row once across pages and windows, the minute
/// budget waited for, the day budget stopping the reading cleanly, and the emulator answering
/// as the reference says (window limit, default columns).
@Suite struct TrafficReaderTests {
    static let end = Date(timeIntervalSince1970: 1_764_460_800)  // 2025-11-30 00:00
    static let endTime = ReportTime(end)

    func start(_ faults: DataAPIEmulator.Faults = .init(), pageSize: Int = 1_000) async throws -> (DataAPIEmulator, DataAPIClient)
    {
        let emulator = DataAPIEmulator(trafficEnd: Self.end)
        await emulator.setFaults(faults)
        let endpoint = try await emulator.start()
        return (emulator, DataAPIClient(endpoint: endpoint, key: Secret(emulator.key), pageSize: pageSize))
    }

    func readAll(_ reader: TrafficReader) async throws -> (ids: [String], stopped: DataAPILimits?) {
        var ids: [String] = []
        while true {
            switch try await reader.next() {
            case .page(let page): ids += page.rows.compactMap { $0.string("id") }
            case .done: return (ids, nil)
            case .stopped(let limits): return (ids, limits)
            }
        }
    }

    @Test func aLongPeriodIsSplitIntoTouchingWindowsOfAtMostThreeMonths() throws {
        let period = ReportPeriod(from: ReportTime("2025-01-31")!, till: ReportTime("2025-08-15 23:59:59")!)
        let windows = period.windows()
        #expect(
            windows.map(\.description) == [
                "2025-01-31 00:00:00 — 2025-04-29 23:59:59",
                "2025-04-30 00:00:00 — 2025-07-29 23:59:59",
                "2025-07-30 00:00:00 — 2025-08-15 23:59:59",
            ])
        for (a, b) in zip(windows, windows.dropFirst()) { #expect(b.from == a.till.adding(seconds: 1)) }
        for window in windows { #expect(window.till <= window.from.adding(months: 3)) }
        let short = ReportPeriod(from: ReportTime("2025-11-01")!, till: ReportTime("2025-11-01 23:59:59")!)
        #expect(short.windows() == [short])
        #expect(ReportTime("2025-02-29") == nil && ReportTime("2024-02-29") != nil && ReportTime("2025-13-01") == nil)
        #expect(ReportTime("2025-11-30 10:30")?.description == "2025-11-30 10:30:00")
    }

    @Test func everyRowOfThePeriodArrivesOnceAcrossPagesAndWindows() async throws {
        let (emulator, client) = try await start(pageSize: 400)
        // Five months: two windows, the first one holding no traffic at all.
        let period = ReportPeriod(from: Self.endTime.adding(months: -5), till: Self.endTime)
        let reader = TrafficReader(client: client, period: period, dayReserve: 0)
        let (ids, stopped) = try await readAll(reader)
        #expect(stopped == nil)
        let traffic = await emulator.seededTraffic()
        let expected = (traffic.chats + traffic.offlineRequests).map { "\($0["id"]!)" }
        #expect(ids.count == expected.count && Set(ids) == Set(expected))
        // Pages of 400: the chats' window needs ⌈3000/400⌉, the requests' ⌈600/400⌉, and each
        // empty window one call.
        let calls = await emulator.callsByMethod
        #expect(calls["get.chats_report"] == 8 + 1 && calls["get.offline_messages_report"] == 2 + 1)
        let progress = await reader.progress
        #expect(progress.windows == 4 && progress.announced == expected.count)
        await emulator.stop()
    }

    @Test func aNarrowPeriodReadsOnlyItsRows() async throws {
        let (emulator, client) = try await start()
        let from = Self.endTime.adding(seconds: -7 * 86_400)
        let reader = TrafficReader(client: client, period: ReportPeriod(from: from, till: Self.endTime), kinds: [.chat])
        let (ids, _) = try await readAll(reader)
        let traffic = await emulator.seededTraffic()
        let expected = traffic.chats.filter { ReportTime($0["date_time"] as! String)! >= from }.map { "\($0["id"]!)" }
        #expect(!expected.isEmpty && ids == expected, "in date order, the week's chats only")
        await emulator.stop()
    }

    @Test func theMinuteBudgetIsWaitedForNotFailed() async throws {
        var faults = DataAPIEmulator.Faults()
        faults.minuteLimit = 3
        faults.minuteWindow = 3
        let (emulator, client) = try await start(faults, pageSize: 500)
        _ = await emulator.seededTraffic()  // built before the clock starts: the pages are what is timed
        let reader = TrafficReader(
            client: client, period: ReportPeriod(from: Self.endTime.adding(months: -2), till: Self.endTime), kinds: [.chat])
        let started = Date()
        let (ids, stopped) = try await readAll(reader)
        let elapsed = Date().timeIntervalSince(started)
        #expect(stopped == nil && ids.count == 3_000)
        let progress = await reader.progress
        // Six pages through a budget of three in three seconds: the reader waited, unless a
        // loaded machine took the three seconds over the first three pages anyway.
        #expect(progress.calls == 6 && (progress.waited >= 1 || elapsed >= 3), "\(progress) \(elapsed)")
        #expect(await emulator.calls == 6, "no call was refused: the reader waited first")
        await emulator.stop()
    }

    @Test func theDayBudgetStopsTheReadingBeforeItRunsOutAndKeepsWhatWasRead() async throws {
        var faults = DataAPIEmulator.Faults()
        faults.dayLimit = 8
        let (emulator, client) = try await start(faults, pageSize: 500)
        let reader = TrafficReader(
            client: client, period: ReportPeriod(from: Self.endTime.adding(months: -2), till: Self.endTime), dayReserve: 3)
        let (ids, stopped) = try await readAll(reader)
        let limits = try #require(stopped)
        #expect(limits.dayRemaining == 3 && limits.dayLimit == 8, "the reserve is left for the integration")
        #expect(ids.count == 5 * 500 && Set(ids).count == ids.count)
        #expect(await emulator.calls == 5)
        await emulator.stop()
    }

    @Test func theEmulatorAnswersAsTheReferenceSays() async throws {
        let (emulator, client) = try await start()
        let long: [(String, JSONNode)] = [
            ("date_from", JSONNode(.string("2025-01-01 00:00:00"))), ("date_till", JSONNode(.string("2025-04-02 00:00:00"))),
        ]
        await #expect(throws: DataAPIError.self) { try await client.call("get.chats_report", long) }
        do {
            _ = try await client.call("get.chats_report", long)
        } catch {
            #expect(
                error.message.contains("date_interval_limit_reached") || error.message.contains("interval"), "\(error.message)")
        }
        let plain = try await client.call(
            "get.chats_report",
            [
                ("date_from", JSONNode(.string(Self.endTime.adding(seconds: -86_400).description))),
                ("date_till", JSONNode(.string(Self.endTime.description))), ("limit", JSONNode(.number("1"))),
            ])
        let row = try #require(plain.data.items.first)
        #expect(row.member("id") != nil && row.member("chat_channel_id") == nil, "without fields: no channel")
        #expect(plain.limits?.dayRemaining == 2_999, "only the successful call cost a point")
        await emulator.stop()
    }
}
