import AppLog
import Foundation
import Logging
import SetupModel
import Synchronization
import Transport

/// How a client proves itself to the portal.
public enum PortalCredentials: Sendable {
    /// `https://DOMAIN/rest/USER/CODE/method.json`.
    case webhook(Webhook)
    /// `https://DOMAIN/rest/method.json` with `auth` in the body; refreshed on `expired_token`.
    case oauth(OAuthSession)
}

/// Calls Bitrix24 REST methods through an incoming webhook or an OAuth application: builds
/// the URL, posts JSON, and turns every answer into a `PortalResponse` or a typed
/// `PortalError`. It refreshes an expired OAuth token once and repeats the call, and it
/// follows a renamed portal's 302 by re-posting to the new host (HTTP clients' own
/// redirects turn a POST into a body-less GET) and reporting the new domain.
public struct PortalClient: Sendable {
    public var domain: PortalDomain { address.value }
    public let credentials: PortalCredentials
    let transport: any HTTPTransport
    let timeouts: Timeouts
    /// nil: send at once (tests of the portal's own limit); otherwise wait for a place.
    let limiter: RateLimiter?
    let retry: RetryPolicy
    /// The last `operating_reset_at` seen, to know how long an OPERATION_TIME_LIMIT lasts.
    private let lastReset = OperatingReset()
    private let address: PortalAddress
    private let onMoved: @Sendable (_ from: PortalDomain, _ to: PortalDomain) -> Void

    public init(
        domain: PortalDomain, credentials: PortalCredentials, transport: any HTTPTransport = CurlTransport(),
        timeouts: Timeouts = .standard, limiter: RateLimiter? = RateLimiter(), retry: RetryPolicy = RetryPolicy(),
        onMoved: @escaping @Sendable (_ from: PortalDomain, _ to: PortalDomain) -> Void = { _, _ in }
    ) {
        self.address = PortalAddress(domain)
        self.credentials = credentials
        if case .webhook(let hook) = credentials { LogRedactor.shared.register(hook.code?.value) }
        self.transport = transport
        self.timeouts = timeouts
        self.limiter = limiter
        self.retry = retry
        self.onMoved = onMoved
    }

    public init(
        domain: PortalDomain, webhook: Webhook, transport: any HTTPTransport = CurlTransport(), timeouts: Timeouts = .standard,
        limiter: RateLimiter? = RateLimiter(), retry: RetryPolicy = RetryPolicy()
    ) {
        self.init(
            domain: domain, credentials: .webhook(webhook), transport: transport, timeouts: timeouts, limiter: limiter,
            retry: retry)
    }

    /// Calls `method`, waiting for the rate limit and retrying what the policy allows.
    public func call(_ method: String, _ parameters: [String: any Sendable] = [:]) async throws(PortalError) -> PortalResponse {
        try await call(method, body: try Self.encode(parameters))
    }

    /// The same with a body already encoded (a batch, whose commands must keep their order).
    func call(_ method: String, body: Data) async throws(PortalError) -> PortalResponse {
        var attempt = 1
        let started = Date()
        func record(_ outcome: String, _ level: Logger.Level) {
            Log.portal.log(
                level: level, "\(method) \(outcome)",
                metadata: [
                    "host": "\(domain.host)", "ms": "\(Int(Date().timeIntervalSince(started) * 1000))",
                    "requests": "\(attempt)", "retries": "\(attempt - 1)",
                ])
        }
        while true {
            do {
                if let limiter { await limiter.wait() }
                let answer = try await send(method, body: body)
                if let reset = answer.operatingResetAt { lastReset.value = reset }
                record("ok", .info)
                return answer
            } catch {
                var failure = error
                if case .queryLimitExceeded = failure { limiter?.portalSaysFull() }
                if case .operationTimeLimit(let name, nil) = failure {
                    failure = .operationTimeLimit(method: name, resetAt: lastReset.value)
                }
                guard let delay = retry.delay(after: failure, attempt: attempt, method: method, now: Date().timeIntervalSince1970)
                else {
                    record("failed: \(failure.message)", .warning)
                    throw failure
                }
                try? await Task.sleep(for: .seconds(delay))
                attempt += 1
            }
        }
    }

    static func encode(_ parameters: [String: any Sendable]) throws(PortalError) -> Data {
        do {
            return try JSONSerialization.data(withJSONObject: parameters, options: [.sortedKeys])
        } catch {
            throw .other(code: "CLIENT", description: "parameters are not JSON: \(error)", status: 0)
        }
    }

    /// One request, with the two repairs that are not retries: a refreshed token after
    /// `expired_token`, and the new host after a 302. Each happens at most once per call.
    private func send(_ method: String, body: Data) async throws(PortalError) -> PortalResponse {
        var refreshed = false
        var moved = false
        while true {
            let (url, signed, token) = try await prepare(method, body: body)
            do {
                return try await post(url, signed, method: method)
            } catch .expiredToken where !refreshed {
                guard case .oauth(let session) = credentials, let token else { throw .expiredToken }
                try await session.refresh(replacing: token)
                refreshed = true
            } catch .moved(let target) where !moved {
                guard let newDomain = Self.domain(of: target), newDomain != domain else { throw .moved(to: target) }
                let old = domain
                address.value = newDomain
                onMoved(old, newDomain)
                moved = true
            }
        }
    }

    /// The URL and body for the current domain and token.
    private func prepare(_ method: String, body: Data) async throws(PortalError) -> (String, Data, String?) {
        switch credentials {
        case .webhook(let webhook):
            guard let base = webhook.baseURL(on: domain) else { throw .wrongWebhook }
            return (base + method + ".json", body, nil)
        case .oauth(let session):
            let token = try await session.accessToken()
            return ("\(domain)/rest/\(method).json", Self.adding(auth: token, to: body), token)
        }
    }

    private func post(_ url: String, _ body: Data, method: String) async throws(PortalError) -> PortalResponse {
        let answer: HTTPResult
        do {
            answer = try await transport.post(url, json: body, timeouts: timeouts)
        } catch {
            throw .transport(error)
        }
        let tree = try PortalError.interpret(
            status: answer.status, body: answer.body, method: method, redirectURL: answer.redirectURL)
        return try PortalResponse(tree: tree)
    }

    /// `{"auth":TOKEN, …the rest of the object}`: OAuth calls carry the token in the body,
    /// where proxies do not log it, rather than in the query string.
    static func adding(auth token: String, to body: Data) -> Data {
        let field = Data("{\"auth\":\(JSONNode.quote(token))".utf8)
        let rest = body.drop(while: { $0 == UInt8(ascii: " ") }).dropFirst()  // past "{"
        let isEmpty = rest.first(where: { $0 != UInt8(ascii: " ") }) == UInt8(ascii: "}")
        return field + (isEmpty ? Data("}".utf8) : Data(",".utf8) + rest)
    }

    /// The portal address a redirect points to (scheme, host, port; the path is ours).
    static func domain(of location: String) -> PortalDomain? {
        guard let url = URLComponents(string: location), let scheme = url.scheme, let host = url.host else { return nil }
        return try? PortalDomain(parsing: "\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")")
    }
}

/// The portal's current domain, shared by copies of a client so a move is seen by all.
final class PortalAddress: Sendable {
    private let stored: Mutex<PortalDomain>
    init(_ domain: PortalDomain) { stored = Mutex(domain) }
    var value: PortalDomain {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
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
