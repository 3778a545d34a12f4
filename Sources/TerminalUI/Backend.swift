import Foundation

/// What the runtime needs from a terminal. The ncurses backend is the real one; the
/// headless one renders into memory for tests and benchmarks.
@MainActor
public protocol TerminalBackend: AnyObject {
    var width: Int { get }
    var height: Int { get }
    func start() throws
    /// Restores the terminal. Safe to call twice.
    func stop()
    /// Writes the cells that differ from `previous` and places the cursor.
    func present(_ buffer: Buffer, previous: Buffer?)
    /// Waits up to `timeoutMs` for input (or a byte on `wakeFD`) and returns every event
    /// pending, so the runtime can apply them all before drawing once.
    func readEvents(timeoutMs: Int32, wakeFD: Int32) -> [TerminalEvent]
    /// The terminal changed size (SIGWINCH): re-read it and return the new size.
    func refreshSize() -> (width: Int, height: Int)
    /// Forget what is on screen so the next present writes everything (Ctrl-L).
    func invalidate()
}

/// A backend in memory: events come from a script, frames are kept for inspection.
@MainActor
public final class HeadlessBackend: TerminalBackend {
    public private(set) var width: Int
    public private(set) var height: Int
    public var script: [TerminalEvent]
    public private(set) var frames: [Buffer] = []
    public private(set) var cellsWritten = 0

    public init(width: Int = 80, height: Int = 24, script: [TerminalEvent] = []) {
        self.width = width
        self.height = height
        self.script = script
    }

    public func start() throws {}
    public func stop() {}

    public func present(_ buffer: Buffer, previous: Buffer?) {
        cellsWritten += buffer.changes(since: previous).count
        frames.append(buffer)
    }

    public func readEvents(timeoutMs: Int32, wakeFD: Int32) -> [TerminalEvent] {
        guard !script.isEmpty else {
            // Wait as a terminal would, so the loop sleeps until a task wakes it.
            var fd = pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&fd, 1, timeoutMs)
            return []
        }
        let event = script.removeFirst()
        if case .resize(let w, let h) = event {
            width = w
            height = h
        }
        return [event]
    }

    public func refreshSize() -> (width: Int, height: Int) { (width, height) }
    public func invalidate() {}
}
