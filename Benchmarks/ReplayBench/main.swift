// Benchmark, not a test: replay's two costs, each beside its floor, in the same run.
//
// Offline: 10,000 real-looking events (the sandbox's traffic generator) planned under a profile
// with rules — events per second, beside the routing engine alone on the same events (the
// floor: planning with nothing a replay adds). Target: 10,000 events in under a second.
// Live: the sandbox in a process of its own (`callgear-setup sandbox`, 40 ms of latency per
// portal request, the rate limit on) and its Data API; about 2,000 chats read, their visitors
// looked up, 50 a request. Figures: requests by kind beside the floor count (⌈visitors/50⌉
// look-ups plus the follow-ups), and the wall time beside `Benchmarks/catalog_floor.py`
// posting the very same requests one after another.
import BenchSupport
import Bitrix24
import CallGearAPI
import Foundation
import Replay
import Routing
import Sandbox
import SetupModel
import Synchronization
import Transport

func f(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }

let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let binary = here.appendingPathComponent("callgear-setup").path

/// The profile the demo ships: channel rules, a funnel rule, field mapping, templates.
func benchProfile() -> Profile {
    var profile = DemoData.profile
    profile.integrationActive = true
    return profile
}

// MARK: Offline

func offline() throws {
    let traffic = SandboxTraffic(chats: 8_000, requests: 2_000, end: Date())
    var events: [ReplayEvent] = []
    for (rows, kind) in [(traffic.chats, CommunicationKind.chat), (traffic.offlineRequests, .offline)] {
        let data = try JSONSerialization.data(withJSONObject: rows)
        let tree = try JSONParser.parse(Array(data), columns: false)
        events += tree.items.map { ReplayEvent(row: $0, kind: kind) }
    }
    let profile = benchProfile()
    var ours: [Double] = []
    var floor: [Double] = []
    for _ in 0..<5 {
        var start = Date()
        let result = ReplayResult.plan(profile, events: events, facts: nil, portal: .none)
        _ = result.summaryLines
        ours.append(Date().timeIntervalSince(start))
        start = Date()
        var actions = 0
        for event in events {
            actions += RoutingEngine.plan(profile, event: event.acted(under: profile), facts: .none).actions.count
        }
        floor.append(Date().timeIntervalSince(start))
        precondition(actions > 0)
    }
    print(
        """
        replay, offline: \(events.count) events planned, summary included
          ours:  median \(f(median(ours))) s — \(Int(Double(events.count) / median(ours))) events/s (target: 10,000 in under 1 s)
          floor: the routing engine alone on the same events: median \(f(median(floor))) s
          ratio to the floor: \(f(median(ours) / median(floor), 2))
        """)
}

// MARK: Live

func startSandbox() throws -> (Process, webhook: String, dataAPI: String, key: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["sandbox", "--seed", "demo", "--latency-ms", "40"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    func line() -> String {
        var line = Data()
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line += byte
        }
        return String(decoding: line, as: UTF8.self)
    }
    let webhook = line()
    let parts = line().split(separator: " ").map(String.init)  // data-api ENDPOINT KEY
    return (process, webhook, parts[1], parts[2])
}

func live(runs: Int) async throws {
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        print("build callgear-setup first: swift build -c release --product callgear-setup")
        exit(1)
    }
    let (sandbox, webhookURL, endpoint, key) = try startSandbox()
    defer {
        sandbox.terminate()
        sandbox.waitUntilExit()
    }
    let (domain, webhook) = try Webhook.parse(url: webhookURL)
    // The sandbox's traffic ends today, 3,000 chats over 42 days: the last 28 hold about 2,000.
    let today = ReportTime(ReportTime(Date()).day)!
    let period = ReportPeriod(from: today.adding(seconds: -27 * 86_400), till: today.adding(seconds: 86_399))
    var walls: [Double] = []
    var recorded: [(url: String, body: Data)] = []
    var summary = ""
    for run in 0..<runs {
        let transport = RecordingTransport()
        let reader = TrafficReader(
            client: DataAPIClient(endpoint: endpoint, key: Secret(key), transport: transport), period: period, kinds: [.chat])
        let job = ReplayJob(
            reader: reader,
            gatherer: BulkFactGatherer(client: PortalClient(domain: domain, webhook: webhook, transport: transport)))
        let start = Date()
        let status = try await job.run()
        walls.append(Date().timeIntervalSince(start))
        let cost = await job.cost
        if run == 0 {
            recorded = transport.log.withLock { $0.map { ($0.url, $0.body) } }
            let floorCount = (status.visitors + 49) / 50 + cost.followUpRequests
            summary = """
                  \(status.events) chats, \(status.visitors) visitors with a phone or e-mail
                  requests: \(status.dataAPICalls) Data API, \(cost.requests) portal (\(cost.lookupRequests) look-ups, \(cost.followUpRequests) follow-ups, \(cost.singleLookups) one by one); floor count ⌈\(status.visitors)/50⌉ + \(cost.followUpRequests) = \(floorCount)
                """
        }
        try await Task.sleep(for: .seconds(Double(cost.requests) / 2 + 0.5))  // the rate limit's bucket drains
    }
    let floors = try await runFloor(recorded, runs: runs) {
        try await Task.sleep(for: .seconds(Double(recorded.count) / 2 + 0.5))
    }.map(\.seconds)
    print(
        """
        replay, live: 40 ms latency, rate limit on
        \(summary)
          ours:  median \(f(median(walls))) s
          floor: the same \(recorded.count) requests one after another (Python): median \(f(median(floors))) s
          ratio to the floor: \(f(median(walls) / median(floors), 2))
        """)
}

try offline()
try await live(runs: 3)
