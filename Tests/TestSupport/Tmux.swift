import Foundation
import Testing

/// A program on a real terminal: a tmux session driven with send-keys and read with
/// capture-pane, as an operator over SSH would use it. Shared by the engine's and the
/// console's end-to-end tests.
public final class TmuxSession {
    public let socket = "cgs-\(UUID().uuidString.prefix(8))"
    public let name = "t"

    /// The tmux server's process, ended and reaped with everything it runs when the session goes.
    private var serverPID: pid_t = 0

    /// `remain-on-exit` keeps a finished program's last screen readable (no trailing `sleep`
    /// that would outlive the test).
    public init(command: String, width: Int = 80, height: Int = 24) throws {
        try tmux([
            "-f", "/dev/null", "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";", "new-session", "-d", "-s",
            name, "-x", "\(width)", "-y", "\(height)", command,
        ])
        serverPID = pid_t(try tmux(["display", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Ends the server and every process under it, pass or fail, and removes its socket:
    /// a program that ignores the hang-up (a sampler writing its last word) is killed.
    deinit {
        let programs = serverPID > 0 ? ProcessTree.descendants(of: serverPID) : []
        _ = try? tmux(["kill-server"])
        if serverPID > 0 { ProcessTree.end([serverPID] + programs) }
        unlink(Self.socketFolder + "/" + socket)
    }

    /// Where tmux puts its sockets: `$TMUX_TMPDIR/tmux-UID` (default /tmp).
    static var socketFolder: String {
        let base = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        return "\(base)/tmux-\(getuid())"
    }

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

extension TmuxSession {
    /// The program the pane's shell runs (its first child), for sending it signals.
    public func programPID() throws -> pid_t {
        let shell = try tmux(["list-panes", "-t", name, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let child =
            try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
            .split(separator: " ").first.map(String.init) ?? ""
        return pid_t(child) ?? 0
    }
}

/// The processes below one, read from /proc, and a way to end them for certain.
public enum ProcessTree {
    public static func children(of pid: pid_t) -> [pid_t] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? "")
                .split(separator: " ").compactMap { pid_t($0) }
        }
    }

    public static func descendants(of pid: pid_t) -> [pid_t] {
        children(of: pid).flatMap { [$0] + descendants(of: $0) }
    }

    /// SIGTERM, a short wait, then SIGKILL for what is left; children of this process are
    /// reaped, others only waited for.
    public static func end(_ pids: [pid_t]) {
        for pid in pids { kill(pid, SIGTERM) }
        for _ in 0..<40 {
            if pids.allSatisfy({ !alive($0) }) { return }
            usleep(25_000)
        }
        for pid in pids where alive(pid) { kill(pid, SIGKILL) }
        for _ in 0..<40 where !pids.allSatisfy({ !alive($0) }) { usleep(25_000) }
    }

    /// Alive and not a zombie; reaps it when it is this process's child.
    public static func alive(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { return false }
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
