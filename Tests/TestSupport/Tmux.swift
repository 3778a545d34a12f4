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
