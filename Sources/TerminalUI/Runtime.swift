import Dispatch
import Foundation
import Synchronization

/// Runs a program on a terminal: one main-thread loop that owns the terminal, async tasks
/// whose results come back through an inbox, one render per batch of input.
///
/// The loop blocks in `poll` on the terminal and a wake pipe; tasks and signal sources
/// (on background queues) put messages into the inbox and write one byte to the pipe.
@MainActor
public final class Runtime<P: Program> {
    let program: P
    public private(set) var model: P.Model
    let backend: any TerminalBackend
    private var previous: Buffer?
    private var generations = Generations()
    private var tasks: [String: Task<Void, Never>] = [:]
    private let inbox = Inbox<P.Msg>()
    private var signalSources: [any DispatchSourceSignal] = []
    private var quitting = false

    public init(program: P, model: P.Model, backend: any TerminalBackend) {
        self.program = program
        self.model = model
        self.backend = backend
    }

    /// Runs until the program quits or a terminating signal arrives; the terminal is
    /// restored on every path out.
    public func run() throws -> P.Model {
        try backend.start()
        defer {
            for task in tasks.values { task.cancel() }
            for source in signalSources { source.cancel() }
            backend.stop()
        }
        installSignalSources()
        apply(program.message(for: .resize(width: backend.width, height: backend.height)))
        render()
        while !quitting {
            var dirty = false
            for event in backend.readEvents(timeoutMs: 250, wakeFD: inbox.readFD) {
                if case .key(.control("l")) = event {
                    backend.invalidate()
                    previous = nil
                }
                apply(program.message(for: event))
                dirty = true
            }
            for item in inbox.drain() {
                switch item {
                case .result(let key, let generation, let msg):
                    // A superseded or cancelled task's result is dropped here.
                    if generations.isCurrent(key, generation) {
                        tasks[key] = nil
                        apply(msg)
                        dirty = true
                    }
                case .signal(let signal):
                    if signal == .resize {
                        let size = backend.refreshSize()
                        apply(program.message(for: .resize(width: size.width, height: size.height)))
                        previous = nil
                        dirty = true
                    } else if let terminal = signal.terminalSignal {
                        if let last = program.message(for: terminal) { _ = program.update(&model, last) }
                        quitting = true
                    }
                }
            }
            if dirty && !quitting { render() }
        }
        return model
    }

    private func render() {
        var buffer = Buffer(width: backend.width, height: backend.height)
        program.view(model, into: &buffer)
        backend.present(buffer, previous: previous)
        previous = buffer
    }

    private func apply(_ msg: P.Msg) {
        run(program.update(&model, msg))
    }

    private func run(_ effect: Effect<P.Msg>) {
        for kind in effect.flattened {
            switch kind {
            case .task(let key, let operation):
                tasks[key]?.cancel()
                let generation = generations.start(key)
                let inbox = self.inbox
                tasks[key] = Task.detached {
                    let msg = await operation()
                    inbox.post(.result(key: key, generation: generation, msg: msg))
                }
            case .cancel(let key):
                tasks[key]?.cancel()
                tasks[key] = nil
                generations.cancel(key)
            case .quit:
                quitting = true
            case .none, .batch:
                break
            }
        }
    }

    private func installSignalSources() {
        let mapping: [(Int32, RuntimeSignal)] = [
            (SIGINT, .interrupt), (SIGTERM, .terminate), (SIGHUP, .hangup), (SIGWINCH, .resize),
        ]
        for (number, signal) in mapping {
            // The dispatch source takes the signal instead of its default action (or ncurses').
            Foundation.signal(number, SIG_IGN)
            signalSources.append(Self.signalSource(number, signal, inbox: inbox))
        }
    }

    /// Nonisolated on purpose: a handler closure made inside a main-actor method would be
    /// main-actor isolated, and Swift 6 traps when libdispatch runs it on its own queue.
    private nonisolated static func signalSource(
        _ number: Int32, _ signal: RuntimeSignal, inbox: Inbox<P.Msg>
    ) -> any DispatchSourceSignal {
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { inbox.post(.signal(signal)) }
        source.resume()
        return source
    }
}

enum RuntimeSignal: Sendable {
    case interrupt, terminate, hangup, resize

    var terminalSignal: TerminalSignal? {
        switch self {
        case .interrupt: .interrupt
        case .terminate: .terminate
        case .hangup: .hangup
        case .resize: nil
        }
    }
}

/// Messages from other threads to the loop, with a self-pipe to wake its `poll`.
final class Inbox<Msg: Sendable>: Sendable {
    enum Item: Sendable {
        case result(key: String, generation: Int, msg: Msg)
        case signal(RuntimeSignal)
    }

    private let items = Mutex<[Item]>([])
    let readFD: Int32
    private let writeFD: Int32

    init() {
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    func post(_ item: Item) {
        items.withLock { $0.append(item) }
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    func drain() -> [Item] {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(readFD, &scratch, 64) > 0 {}
        return items.withLock { items in
            defer { items.removeAll() }
            return items
        }
    }
}
