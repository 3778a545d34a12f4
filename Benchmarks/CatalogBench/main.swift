// Benchmark, not a test: the portal's whole catalog loaded beside its floor, in the same run.
//
// The sandbox runs as a process of its own (`callgear-setup sandbox`, built beside this one),
// 40 ms of latency per request and the rate limit on, at the large size (5,000 users, 60
// funnels, 150 user fields per entity) and at ten times it. The floor is
// `Benchmarks/catalog_floor.py`: the very requests the client sent, posted one after another
// over one kept-alive connection and parsed with CPython's json — the sequential plan with
// nothing a client could leave out. Figures: wall time (median), the client's CPU, requests,
// the ratio to the floor; our parser's speed beside CPython's on the same answers; and what
// opening the users list costs (folding every name, as each open did) beside a kept list.
import BenchSupport
import Bitrix24
import Foundation
import SetupModel
import Synchronization
import TerminalUI
import Transport

let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let binary = here.appendingPathComponent("callgear-setup").path
guard FileManager.default.isExecutableFile(atPath: binary) else {
    print("build callgear-setup first: swift build -c release --product callgear-setup")
    exit(1)
}

/// The sandbox portal in a process of its own; its webhook URL.
func startSandbox(seed: String) throws -> (Process, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["sandbox", "--seed", seed, "--latency-ms", "40"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    var line = Data()
    while true {
        let byte = out.fileHandleForReading.readData(ofLength: 1)
        if byte.isEmpty || byte == Data("\n".utf8) { break }
        line += byte
    }
    return (process, String(decoding: line, as: UTF8.self))
}

/// The rate limit is on: a run of `requests` waits until the portal's bucket has drained them.
func drain(_ requests: Int) { Thread.sleep(forTimeInterval: Double(requests) / 2 + 0.5) }

func measure(seed: String, title: String, runs: Int) async throws {
    let (sandbox, webhookURL) = try startSandbox(seed: seed)
    defer {
        sandbox.terminate()
        sandbox.waitUntilExit()
    }
    let (domain, webhook) = try Webhook.parse(url: webhookURL)
    var walls: [Double] = []
    var cpus: [Double] = []
    var recorded: [(url: String, body: Data, answer: Data)] = []
    var catalog: PortalCatalog?
    for run in 0..<runs {
        let transport = RecordingTransport()
        let loader = CatalogLoader(client: PortalClient(domain: domain, webhook: webhook, transport: transport))
        let cpu = cpuSeconds()
        let start = Date()
        catalog = try await loader.load()
        walls.append(Date().timeIntervalSince(start))
        cpus.append(cpuSeconds() - cpu)
        if run == 0 { recorded = transport.log.withLock { $0 } }
        drain(catalog?.requests ?? 0)
    }
    guard let catalog else { return }

    // The floor: the same requests, one after another, by a minimal script.
    let floorRuns = try await runFloor(recorded.map { ($0.url, $0.body) }, runs: runs) { drain(recorded.count) }
    let floorWalls = floorRuns.map(\.seconds)
    let floorCPUs = floorRuns.map(\.cpu)
    let pythonParse = floorRuns.last?.parseMegabytesPerSecond ?? 0

    // Our parser on the same answers.
    let answers = recorded.map { Array($0.answer) }
    if let folder = ProcessInfo.processInfo.environment["CATALOG_BENCH_DUMP"] {
        for (i, answer) in answers.enumerated() {
            let path = "\(folder)/\(seed)-\(i).json"
            if !FileManager.default.createFile(atPath: path, contents: Data(answer)) { print("could not write \(path)") }
        }
    }
    let ourParse = try parseSpeed(answers).megabytesPerSecond
    let bytes = answers.reduce(0) { $0 + $1.count }

    // Opening the users list: every name folded (each open before), or the list kept.
    let items = catalog.users.map { PickItem(id: $0.id, title: TextSanitizer.line($0.name), detail: $0.email) }
    var foldTimes: [Double] = []
    var openTimes: [Double] = []
    var kept = PickList(items)
    for _ in 0..<5 {
        var start = Date()
        kept = PickList(items)
        foldTimes.append(Date().timeIntervalSince(start))
        start = Date()
        var open = kept
        open.select(id: catalog.users.last?.id)
        openTimes.append(Date().timeIntervalSince(start))
        _ = open.current
    }

    // `portal lists --json`: what the printer does with the catalog (Output.json), by part.
    var encodeTimes: [Double] = []
    var compactTimes: [Double] = []
    var escapeTimes: [Double] = []
    for _ in 0..<5 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var start = Date()
        let text = String(decoding: try encoder.encode(catalog), as: UTF8.self)
        encodeTimes.append(Date().timeIntervalSince(start))
        start = Date()
        let compact = PrettyJSON.compactEmptyCollections(text)
        compactTimes.append(Date().timeIntervalSince(start))
        start = Date()
        _ = TextSanitizer.escapeJSON(compact)
        escapeTimes.append(Date().timeIntervalSince(start))
    }
    let encoderPrinter = (median(encodeTimes) + median(compactTimes) + median(escapeTimes)) * 1000
    // What `portal lists --json` does now: the catalog's own writer, then the escape.
    var writerTimes: [Double] = []
    for _ in 0..<5 {
        let start = Date()
        _ = TextSanitizer.escapeJSON(catalog.prettyJSON)
        writerTimes.append(Date().timeIntervalSince(start))
    }
    let printer = median(writerTimes) * 1000

    let wall = median(walls)
    let floor = median(floorWalls)
    let batches = recorded.count
    print(
        """
        \(title): \(catalog.users.count) users, \(catalog.funnels.count) funnels; 40 ms latency, rate limit on
          ours:  \(batches) requests, median \(String(format: "%.3f", wall)) s, client CPU \(String(format: "%.3f", median(cpus))) s
          floor: the same \(batches) requests one after another (Python, one connection): median \(String(format: "%.3f", floor)) s, CPU \(String(format: "%.3f", median(floorCPUs))) s
          ratio to the floor: \(String(format: "%.2f", wall / floor))
          JSON parse, the same \(bytes / 1_000_000) MB of answers: ours \(String(format: "%.0f", ourParse)) MB/s, CPython \(String(format: "%.0f", pythonParse)) MB/s (ratio \(String(format: "%.2f", ourParse / pythonParse)))
          --json printer: \(String(format: "%.1f", printer)) ms (with JSONEncoder, the same bytes: \(String(format: "%.1f", encoderPrinter)) ms)
          users list open: folding every name \(String(format: "%.1f", median(foldTimes) * 1000)) ms (each open before), kept list \(String(format: "%.2f", median(openTimes) * 1000)) ms
        """)
}

/// Our parser on answers as the client parses them (no columns): MB/s and the median pass.
func parseSpeed(_ answers: [[UInt8]], passes: Int = 7) throws -> (megabytesPerSecond: Double, milliseconds: Double) {
    let bytes = answers.reduce(0) { $0 + $1.count }
    var times: [Double] = []
    for _ in 0..<passes {
        let start = Date()
        for answer in answers { _ = try JSONParser.parse(answer, columns: false) }
        times.append(Date().timeIntervalSince(start))
    }
    return (Double(bytes) / median(times) / 1e6, median(times) * 1000)
}

// `CatalogBench parse FILE…`: only the parser, on saved answers.
if CommandLine.arguments.count > 2, CommandLine.arguments[1] == "parse" {
    let files = CommandLine.arguments.dropFirst(2).map { Array(FileManager.default.contents(atPath: $0) ?? Data()) }
    let speed = try parseSpeed(files)
    print(
        String(
            format: "%.1f MB/s (%d bytes, median %.1f ms)", speed.megabytesPerSecond, files.reduce(0) { $0 + $1.count },
            speed.milliseconds))
    exit(0)
}

try await measure(seed: "large", title: "catalog, large portal", runs: 5)
if ProcessInfo.processInfo.environment["CATALOG_BENCH_LARGE_ONLY"] == nil {
    try await measure(seed: "huge", title: "catalog, 10× portal", runs: 3)
}
