import Foundation
import Logging
import Synchronization

/// The log an operator can send to support (ARCHITECTURE: swift-log to a file under the
/// state folder; nothing may print while the console's screen is up). Libraries ask
/// `Log.portal` and friends for a logger; until the executable calls `bootstrap`, loggers
/// discard everything, so tests and library users see no output they did not ask for.
public enum Log {
    private static let factory = Mutex<(@Sendable (String) -> any LogHandler)?>(nil)

    /// Sends every logger made from now on to `file`, at `level` and above.
    public static func bootstrap(file: LogFile, level: Logger.Level) {
        let folder = (file.path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        factory.withLock { $0 = { label in FileLogHandler(label: label, sink: file, level: level) } }
    }

    public static func logger(_ label: String) -> Logger {
        let make = factory.withLock { $0 }
        return Logger(label: label) { label in make?(label) ?? SwiftLogNoOpLogHandler() }
    }

    /// Each Bitrix24 REST call.
    public static var portal: Logger { logger("portal") }
    /// Each CallGear Data API call.
    public static var dataAPI: Logger { logger("data-api") }
    /// Store failures.
    public static var store: Logger { logger("store") }
    /// The console's failures and commands' outcomes.
    public static var app: Logger { logger("app") }
}

/// Secrets the process holds, cut out of every log line (belt and braces: log lines are
/// built from method names and statuses, never from URLs or bodies).
public final class LogRedactor: Sendable {
    public static let shared = LogRedactor()
    private let secrets = Mutex<Set<String>>([])

    public func register(_ secret: String?) {
        guard let secret, secret.count >= 4 else { return }
        secrets.withLock { _ = $0.insert(secret) }
    }

    public func redact(_ text: String) -> String {
        let all = secrets.withLock { $0 }
        return all.reduce(text) { $0.replacingOccurrences(of: $1, with: "••••") }
    }
}
