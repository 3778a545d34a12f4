/// Work the update function asks for: async operations whose results come back as
/// messages, cancellation, quitting. `update` stays synchronous and pure; the runtime (or a
/// test driver) carries effects out.
public struct Effect<Msg: Sendable>: Sendable {
    public enum Kind: Sendable {
        case none
        case batch([Effect<Msg>])
        /// Runs `operation`; a later task with the same key supersedes it (its result is dropped).
        case task(key: String, operation: @Sendable () async -> Msg)
        case cancel(key: String)
        case quit
    }

    public var kind: Kind

    public static var none: Effect { Effect(kind: .none) }
    public static var quit: Effect { Effect(kind: .quit) }

    public static func task(_ key: String, _ operation: @escaping @Sendable () async -> Msg) -> Effect {
        Effect(kind: .task(key: key, operation: operation))
    }

    public static func cancel(_ key: String) -> Effect { Effect(kind: .cancel(key: key)) }

    public static func batch(_ effects: [Effect]) -> Effect { Effect(kind: .batch(effects)) }

    /// The effect's tasks and other kinds, flattened.
    public var flattened: [Kind] {
        switch kind {
        case .none: []
        case .batch(let effects): effects.flatMap(\.flattened)
        default: [kind]
        }
    }

    public func map<Other: Sendable>(_ transform: @escaping @Sendable (Msg) -> Other) -> Effect<Other> {
        switch kind {
        case .none: .none
        case .batch(let effects): .batch(effects.map { $0.map(transform) })
        case .task(let key, let operation): .task(key) { transform(await operation()) }
        case .cancel(let key): .cancel(key)
        case .quit: .quit
        }
    }
}

/// Which generation of each task key is current, so a result that arrives after a newer
/// request (an old filter, a superseded reload) or after a cancel is dropped.
public struct Generations: Sendable {
    private var current: [String: Int] = [:]

    public init() {}

    public mutating func start(_ key: String) -> Int {
        let next = (current[key] ?? 0) + 1
        current[key] = next
        return next
    }

    public mutating func cancel(_ key: String) {
        current[key] = (current[key] ?? 0) + 1
    }

    public func isCurrent(_ key: String, _ generation: Int) -> Bool {
        current[key] == generation
    }
}
