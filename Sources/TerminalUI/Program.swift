/// An application on the engine: a model, a pure update, a view into a buffer.
/// (The Elm architecture, as bubbletea does it.)
public protocol Program: Sendable {
    associatedtype Model
    associatedtype Msg: Sendable

    func update(_ model: inout Model, _ msg: Msg) -> Effect<Msg>
    func view(_ model: Model, into buffer: inout Buffer)
    /// Keys and resizes as messages.
    func message(for event: TerminalEvent) -> Msg
    /// SIGINT, SIGTERM or SIGHUP arrived: the program's last word before the terminal is
    /// restored (write a draft). Its effects are not run; the runtime exits after it.
    func message(for signal: TerminalSignal) -> Msg?
}

public enum TerminalSignal: Sendable, Hashable {
    case interrupt, terminate, hangup
}

/// Drives a program without a terminal: keys in, effects captured, frames out. Tests answer
/// effects themselves, in any order, which is how stale results are tested.
public struct TestDriver<P: Program> {
    public let program: P
    public var model: P.Model
    public var width: Int
    public var height: Int
    public private(set) var pendingTasks: [(key: String, generation: Int, operation: @Sendable () async -> P.Msg)] = []
    public private(set) var quit = false
    private var generations = Generations()

    public init(_ program: P, model: P.Model, width: Int = 80, height: Int = 24) {
        self.program = program
        self.model = model
        self.width = width
        self.height = height
    }

    public mutating func send(_ msg: P.Msg) {
        run(program.update(&model, msg))
    }

    public mutating func press(_ keys: Key...) {
        for key in keys { send(program.message(for: .key(key))) }
    }

    public mutating func type(_ text: String) {
        for c in text { send(program.message(for: .key(.character(c)))) }
    }

    public mutating func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
        send(program.message(for: .resize(width: width, height: height)))
    }

    /// Runs the pending task with `key` (the newest unless `generation` names an older one)
    /// and delivers its result as the runtime would — dropped if superseded.
    public mutating func complete(_ key: String, generation: Int? = nil) async {
        guard let index = pendingTasks.lastIndex(where: { $0.key == key && (generation == nil || $0.generation == generation) })
        else { return }
        let task = pendingTasks.remove(at: index)
        let msg = await task.operation()
        if generations.isCurrent(task.key, task.generation) { send(msg) }
    }

    public mutating func completeAll() async {
        while let key = pendingTasks.first?.key { await complete(key, generation: pendingTasks.first?.generation) }
    }

    public var frame: Buffer {
        var buffer = Buffer(width: width, height: height)
        program.view(model, into: &buffer)
        return buffer
    }

    private mutating func run(_ effect: Effect<P.Msg>) {
        for kind in effect.flattened {
            switch kind {
            case .task(let key, let operation):
                pendingTasks.append((key, generations.start(key), operation))
            case .cancel(let key):
                generations.cancel(key)
            case .quit:
                quit = true
            case .none, .batch:
                break
            }
        }
    }
}
