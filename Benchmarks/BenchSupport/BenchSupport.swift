// What the benchmarks share: a transport that keeps what went and came, the floor script run
// on those very requests, medians and CPU time. One copy, so every bench measures its floor
// the same way.
import Foundation
import Synchronization
import Transport

/// Passes requests to libcurl and keeps what went and came, for the floor to replay.
public final class RecordingTransport: HTTPTransport {
    let inner = CurlTransport()
    public let log = Mutex<[(url: String, body: Data, answer: Data)]>([])

    public init() {}

    public func post(_ url: String, json body: Data, timeouts: Timeouts) async throws(TransportError) -> HTTPResult {
        let result = try await inner.post(url, json: body, timeouts: timeouts)
        log.withLock { $0.append((url, body, result.body)) }
        return result
    }

    public func get(_ url: String, timeouts: Timeouts) async throws(TransportError) -> HTTPResult {
        try await inner.get(url, timeouts: timeouts)
    }
}

public func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

public func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// One run of the floor: wall seconds, CPU seconds, CPython's parse speed in MB/s.
public struct FloorRun: Sendable {
    public var seconds: Double
    public var cpu: Double
    public var parseMegabytesPerSecond: Double
}

public enum FloorError: Error, CustomStringConvertible {
    case scriptFailed(String)
    public var description: String {
        switch self {
        case .scriptFailed(let text): "the floor script failed: \(text)"
        }
    }
}

/// `Benchmarks/catalog_floor.py` on the requests a client sent: the same requests, one after
/// another over one kept-alive connection per server, `runs` times; `between` lets the
/// portal's rate-limit bucket drain after each run.
public func runFloor(
    _ requests: [(url: String, body: Data)], runs: Int, between: () async throws -> Void
) async throws -> [FloorRun] {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("catalog_floor.py").path
    let file = NSTemporaryDirectory() + "floor-\(getpid()).json"
    try JSONSerialization.data(
        withJSONObject: requests.map { ["url": $0.url, "body": String(decoding: $0.body, as: UTF8.self)] }
    )
    .write(to: URL(fileURLWithPath: file))
    defer { try? FileManager.default.removeItem(atPath: file) }
    var result: [FloorRun] = []
    for _ in 0..<runs {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, file]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let figures = text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard figures.count == 3 else { throw FloorError.scriptFailed(text) }
        result.append(FloorRun(seconds: figures[0], cpu: figures[1], parseMegabytesPerSecond: figures[2]))
        try await between()
    }
    return result
}
