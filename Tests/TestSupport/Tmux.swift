import Foundation
import Testing

/// A program on a real terminal: a tmux session driven with send-keys and read with
/// capture-pane, as an operator over SSH would use it. Shared by the engine's and the
/// console's end-to-end tests.
public final class TmuxSession {
    public let socket = "cgs-\(UUID().uuidString.prefix(8))"
    public let name = "t"

    public init(command: String, width: Int = 80, height: Int = 24) throws {
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    public func tmux(_ args: [String]) throws -> String {
        // The call that starts the tmux server must not hand it a pipe: the server keeps
        // it open for its whole life, and reading to the end would never finish.
        try Spawn.run(["/usr/bin/env", "LANG=C.UTF-8", "tmux", "-L", socket] + args, capture: !args.contains("new-session"))
    }

    public func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }
    public func literal(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }
    public func screen() throws -> String { try tmux(["capture-pane", "-t", name, "-p"]) }
    public func resize(_ w: Int, _ h: Int) throws { try tmux(["resize-window", "-t", name, "-x", "\(w)", "-y", "\(h)"]) }

    /// The line the terminal's cursor is on (the console puts it on the focused row).
    public func cursorLine() throws -> String {
        let y = Int(try tmux(["display", "-p", "-t", name, "#{cursor_y}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let lines = try screen().split(separator: "\n", omittingEmptySubsequences: false)
        return lines.indices.contains(y) ? String(lines[y]) : ""
    }

    /// Waits (up to `seconds`) until the screen contains `text`; returns the screen.
    @discardableResult
    public func waitFor(_ text: String, seconds: Double = 5, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        var last = ""
        for _ in 0..<Int(seconds * 20) {
            last = try screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        Issue.record("screen never showed “\(text)”:\n\(last)", sourceLocation: sourceLocation)
        return last
    }
}

/// posix_spawn + waitpid: Foundation's Process left tmux clients unreaped here, hanging
/// waitUntilExit; this is the plain, predictable way.
public enum Spawn {
    public static func run(_ argv: [String], capture: Bool) throws -> String {
        var fds: [Int32] = [0, 0]
        guard SpawnGuard.pipe(&fds) else { throw POSIXError(.EMFILE) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "TMUX")
        let env = environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        let status = SpawnGuard.spawn(&pid, argv[0], &actions, cArgs, cEnv)
        close(fds[1])
        guard status == 0 else {
            close(fds[0])
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL)
        }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &chunk, chunk.count)
            if n <= 0 { break }
            output += chunk[0..<n]
        }
        close(fds[0])
        var exitStatus: Int32 = 0
        waitpid(pid, &exitStatus, 0)
        return String(decoding: output, as: UTF8.self)
    }
}

/// Tests spawn processes from many threads at once. A pipe made by one thread must not
/// leak into a child spawned by another (a long-lived sandbox holding a CLI run's stdout
/// open made that run's read wait forever), so pipes are created close-on-exec and
/// spawning is serialised with their creation.
public enum SpawnGuard {
    private static let lock = NSLock()

    /// `pipe()` with both ends close-on-exec; dup2 into a child's 0/1/2 clears the flag there.
    public static func pipe(_ fds: inout [Int32]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard Glibc.pipe(&fds) == 0 else { return false }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return true
    }

    public static func spawn(
        _ pid: inout pid_t, _ path: String, _ actions: inout posix_spawn_file_actions_t,
        _ argv: [UnsafeMutablePointer<CChar>?], _ env: UnsafePointer<UnsafeMutablePointer<CChar>?>
    ) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        return posix_spawn(&pid, path, &actions, nil, argv, env)
    }
}
