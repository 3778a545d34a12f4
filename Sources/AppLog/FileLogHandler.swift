import Foundation
import Logging
import Synchronization

/// A swift-log handler that appends one line per message to a file an operator can send to
/// support: `2026-11-30T21:40:02.123Z info portal [pid 4242] crm.lead.add status=200 …`.
/// Lines are written with one `write` on an `O_APPEND` descriptor, so several processes
/// share a log without tearing lines; past `maxBytes` the file is rotated (`.1` … `.3`).
/// Every line passes through `LogRedactor` first: a secret never reaches the file.
public struct FileLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    let label: String
    let sink: LogFile

    public init(label: String, sink: LogFile, level: Logger.Level) {
        self.label = label
        self.sink = sink
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        let details = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = "\(event.message)\(details.isEmpty ? "" : " " + details)"
        sink.append("\(LogFile.timestamp()) \(event.level) \(label) [pid \(getpid())] \(LogRedactor.shared.redact(text))")
    }
}

/// The log file itself, shared by every handler of the process.
public final class LogFile: Sendable {
    public let path: String
    let maxBytes: Int
    let keep: Int
    private let lock = Mutex<Void>(())

    public init(path: String, maxBytes: Int = 1 << 20, keep: Int = 3) {
        self.path = path
        self.maxBytes = maxBytes
        self.keep = keep
    }

    /// `$XDG_STATE_HOME/callgear-setup/callgear-setup.log`, else under `~/.local/state`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        }
        return base + "/callgear-setup/callgear-setup.log"
    }

    func append(_ line: String) {
        let clean = line.replacingOccurrences(of: "\n", with: "⏎") + "\n"
        lock.withLock { _ in
            rotateIfNeeded()
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { return }
            defer { close(fd) }
            _ = clean.utf8CString.withUnsafeBufferPointer { buffer in
                write(fd, buffer.baseAddress, buffer.count - 1)
            }
        }
    }

    private func rotateIfNeeded() {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) >= maxBytes else { return }
        for n in stride(from: keep - 1, through: 1, by: -1) { rename("\(path).\(n)", "\(path).\(n + 1)") }
        rename(path, "\(path).1")
    }

    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
            parts.tm_min, parts.tm_sec, Int(now.tv_nsec / 1_000_000))
    }
}
