import Foundation
import Synchronization

/// The portal's leaky bucket, mirrored on our side so we wait instead of being refused:
/// every request adds one, the bucket drains `drainPerSecond`, at most `capacity` fit.
/// (Bitrix24: 2/s and 50; Enterprise plans 5/s and 250.)
public final class RateLimiter: Sendable {
    public struct Plan: Sendable, Equatable {
        public var drainPerSecond: Double
        public var capacity: Double
        public static let standard = Plan(drainPerSecond: 2, capacity: 50)
        public static let enterprise = Plan(drainPerSecond: 5, capacity: 250)
    }

    private struct State {
        var level = 0.0
        var at: TimeInterval
    }

    static let margin = 2.0
    private let plan: Plan
    private let state: Mutex<State>
    private let clock: @Sendable () -> TimeInterval

    public init(plan: Plan = .standard, clock: @escaping @Sendable () -> TimeInterval = { ProcessInfo.processInfo.systemUptime })
    {
        self.plan = plan
        self.clock = clock
        state = Mutex(State(at: clock()))
    }

    /// Reserves a place in the bucket; returns how long to wait before sending.
    public func reserve() -> TimeInterval {
        state.withLock { s in
            let now = clock()
            s.level = max(0, s.level - (now - s.at) * plan.drainPerSecond)
            s.at = now
            s.level += 1
            // Keep a margin below the portal's capacity: the portal measures at arrival with
            // its own clock, and other tools from this IP share its bucket.
            let over = s.level - (plan.capacity - Self.margin)
            return over > 0 ? over / plan.drainPerSecond : 0
        }
    }

    /// The portal refused with QUERY_LIMIT_EXCEEDED: our picture was too optimistic (another
    /// client shares the portal's bucket from this IP), so count the bucket as full.
    public func portalSaysFull() {
        state.withLock { s in
            s.level = max(s.level, plan.capacity)
            s.at = clock()
        }
    }

    public func wait() async {
        let delay = reserve()
        if delay > 0 { try? await Task.sleep(for: .seconds(delay)) }
    }
}

/// When to repeat a failed call: 503 QUERY_LIMIT_EXCEEDED with growing delays (1 s, 2 s,
/// 3 s — as the official Python SDK does), OPERATION_TIME_LIMIT once after its reset time
/// (at most `maxOperatingWait`), a read that timed out or met a 5xx page once, and never a write (`*.add`, `*.update`, …) whose request
/// timed out: the portal may have done it, and a retry would duplicate the lead.
public struct RetryPolicy: Sendable {
    public var maxAttempts = 4
    public var baseDelay: TimeInterval = 1
    public var maxOperatingWait: TimeInterval = 60

    public init() {}

    public static func isWrite(_ method: String) -> Bool {
        let verb = method.split(separator: ".").last.map(String.init) ?? method
        return ["add", "update", "delete", "set", "send", "bind", "unbind"].contains(verb)
            || method.hasPrefix("im.notify") || method.hasPrefix("crm.timeline.comment.add")
    }

    /// The delay before attempt `attempt + 1`, or nil to give up.
    public func delay(after error: PortalError, attempt: Int, method: String, now: TimeInterval) -> TimeInterval? {
        guard attempt < maxAttempts else { return nil }
        switch error {
        case .queryLimitExceeded:
            return baseDelay * Double(attempt)
        case .operationTimeLimit(_, let resetAt):
            guard attempt == 1, let resetAt else { return nil }
            let wait = max(0, resetAt - now)
            return wait <= maxOperatingWait ? wait : nil
        case _ where error.writeOutcomeUnknown:
            // Once only: an operator is waiting, and a slow portal rarely recovers in seconds.
            // A write may have been done: repeating it could create a second lead.
            return Self.isWrite(method) || attempt > 1 ? nil : baseDelay
        default:
            return nil
        }
    }
}
