import Foundation
import SetupModel
import Synchronization

/// Calls Bitrix24 REST methods through an incoming webhook: builds the URL, posts JSON,
/// and turns every answer into a `PortalResponse` or a typed `PortalError`.
public struct WebhookClient: Sendable {
    public let domain: PortalDomain
    public let webhook: Webhook
    let transport: any HTTPTransport
    let timeouts: Timeouts
    /// nil: send at once (tests of the portal's own limit); otherwise wait for a place.
    let limiter: RateLimiter?
    let retry: RetryPolicy
    /// The last `operating_reset_at` seen, to know how long an OPERATION_TIME_LIMIT lasts.
    private let lastReset = OperatingReset()

    public init(
        domain: PortalDomain, webhook: Webhook, transport: any HTTPTransport = CurlTransport(), timeouts: Timeouts = .standard,
        limiter: RateLimiter? = RateLimiter(), retry: RetryPolicy = RetryPolicy()
    ) {
        self.domain = domain
        self.webhook = webhook
        self.transport = transport
        self.timeouts = timeouts
        self.limiter = limiter
        self.retry = retry
    }

    /// Calls `method`, waiting for the rate limit and retrying what the policy allows.
    public func call(_ method: String, _ parameters: [String: any Sendable] = [:]) async throws(PortalError) -> PortalResponse {
        try await call(method, body: try Self.encode(parameters))
    }

    /// The same with a body already encoded (a batch, whose commands must keep their order).
    func call(_ method: String, body: Data) async throws(PortalError) -> PortalResponse {
        var attempt = 1
        while true {
            do {
                if let limiter { await limiter.wait() }
                let answer = try await send(method, body: body)
                if let reset = answer.operatingResetAt { lastReset.value = reset }
                return answer
            } catch {
                var failure = error
                if case .queryLimitExceeded = failure { limiter?.portalSaysFull() }
                if case .operationTimeLimit(let name, nil) = failure {
                    failure = .operationTimeLimit(method: name, resetAt: lastReset.value)
                }
                guard let delay = retry.delay(after: failure, attempt: attempt, method: method, now: Date().timeIntervalSince1970)
                else { throw failure }
                try? await Task.sleep(for: .seconds(delay))
                attempt += 1
            }
        }
    }

    /// One request, no waiting or retrying. `parameters` must be JSON-serialisable.
    public func callOnce(_ method: String, _ parameters: [String: any Sendable] = [:]) async throws(PortalError) -> PortalResponse
    {
        try await send(method, body: try Self.encode(parameters))
    }

    static func encode(_ parameters: [String: any Sendable]) throws(PortalError) -> Data {
        do {
            return try JSONSerialization.data(withJSONObject: parameters, options: [.sortedKeys])
        } catch {
            throw .other(code: "CLIENT", description: "parameters are not JSON: \(error)", status: 0)
        }
    }

    private func send(_ method: String, body: Data) async throws(PortalError) -> PortalResponse {
        guard let base = webhook.baseURL(on: domain) else {
            throw .wrongWebhook
        }
        let answer: HTTPResult
        do {
            answer = try await transport.post(base + method + ".json", json: body, timeouts: timeouts)
        } catch {
            throw .transport(error)
        }
        let tree = try PortalError.interpret(
            status: answer.status, body: answer.body, method: method, redirectURL: answer.redirectURL)
        return try PortalResponse(tree: tree)
    }
}

/// The newest `operating_reset_at`, shared by copies of a client.
final class OperatingReset: Sendable {
    private let stored = Mutex<Double?>(nil)
    var value: Double? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
