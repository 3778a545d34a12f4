import AppLog
import Foundation
import SetupModel
import Transport

/// The OAuth side of a portal connection: the current token pair, and the one refresh the
/// docs allow — only after the portal said `expired_token`, never on a timer (that can get
/// the application blocked). An actor, so two calls that both meet an expired token cause
/// one refresh: the second sees the token already changed and simply repeats its call.
/// Every new pair is handed to `onRenewed` at once, because a refresh token works only once.
public actor OAuthSession {
    public let clientID: String
    private let clientSecret: Secret?
    public private(set) var credentials: OAuthCredentials
    private let transport: any HTTPTransport
    private let timeouts: Timeouts
    private let onRenewed: @Sendable (OAuthCredentials) -> Void
    /// Serialises refreshes with other processes sharing the same stored keys.
    private let coordinator: (any OAuthRefreshCoordinator)?

    public init(
        credentials: OAuthCredentials, transport: any HTTPTransport = CurlTransport(), timeouts: Timeouts = .standard,
        coordinator: (any OAuthRefreshCoordinator)? = nil,
        onRenewed: @escaping @Sendable (OAuthCredentials) -> Void = { _ in }
    ) {
        self.clientID = credentials.clientID
        self.clientSecret = credentials.clientSecret
        self.credentials = credentials
        self.transport = transport
        self.timeouts = timeouts
        self.coordinator = coordinator
        self.onRenewed = onRenewed
        Self.keepOutOfLogs(credentials)
    }

    private static func keepOutOfLogs(_ credentials: OAuthCredentials) {
        for secret in [credentials.clientSecret, credentials.accessToken, credentials.refreshToken] {
            LogRedactor.shared.register(secret?.value)
        }
    }

    /// The access token to send now.
    public func accessToken() throws(PortalError) -> String {
        guard let token = credentials.accessToken?.value, !token.isEmpty else { throw .invalidToken }
        return token
    }

    /// Refreshes unless another call already did since `staleToken` was read, or joins
    /// the refresh under way (the actor is re-entered while the OAuth server answers).
    public func refresh(replacing staleToken: String) async throws(PortalError) {
        if let current = credentials.accessToken?.value, current != staleToken { return }
        try await refresh()
    }

    private var inFlight: Task<Void, any Error>?

    /// One refresh at a time; callers arriving meanwhile share its outcome.
    public func refresh() async throws(PortalError) {
        let task: Task<Void, any Error>
        if let running = inFlight {
            task = running
        } else {
            task = Task { try await self.coordinatedRefresh() }
            inFlight = task
        }
        do {
            try await task.value
            inFlight = nil
        } catch {
            inFlight = nil
            throw error as? PortalError ?? .other(code: "CLIENT", description: "\(error)", status: 0)
        }
    }

    /// The refresh, coordinated with other processes when a coordinator is given: it may
    /// find the pair already renewed by another process, and a refusal (`invalid_grant`) is
    /// checked against the stored pair before it is reported.
    private func coordinatedRefresh() async throws(PortalError) {
        guard let coordinator else { return try await exchangeRefreshToken() }
        let stale = credentials.accessToken?.value ?? ""
        switch try await coordinator.begin(replacing: stale, for: timeouts) {
        case .useStored(let stored):
            Self.keepOutOfLogs(stored)
            credentials = stored
            Log.portal.info("OAuth keys renewed by another process; using them")
            return
        case .refreshNow:
            break
        }
        do {
            try await exchangeRefreshToken()
        } catch {
            await coordinator.abandon()
            if case .refreshRejected = error, let stored = await coordinator.storedCredentials(),
                let token = stored.accessToken?.value, token != stale
            {
                Self.keepOutOfLogs(stored)
                credentials = stored
                Log.portal.info("OAuth refresh refused, but another process had renewed the keys; using them")
                return
            }
            throw error
        }
        await coordinator.finish(credentials)
    }

    /// `GET {server}oauth/token/?grant_type=refresh_token&…` — the documented refresh.
    private func exchangeRefreshToken() async throws(PortalError) {
        guard let refreshToken = credentials.refreshToken?.value, let secret = clientSecret?.value else {
            throw .refreshRejected(code: "missing", description: "no refresh token or client secret is stored")
        }
        var server = credentials.oauthServer ?? OAuthCredentials.defaultOAuthServer
        if !server.hasSuffix("/") { server += "/" }
        var query = URLComponents()
        query.queryItems = [
            URLQueryItem(name: "grant_type", value: "refresh_token"), URLQueryItem(name: "client_id", value: clientID),
            URLQueryItem(name: "client_secret", value: secret), URLQueryItem(name: "refresh_token", value: refreshToken),
        ]
        let answer: HTTPResult
        do {
            answer = try await transport.get(server + "oauth/token/" + (query.string ?? ""), timeouts: timeouts)
        } catch {
            // Said of the OAuth server: the portal's own address has nothing to do with it.
            throw .oauthServerFailed(server: server, detail: error.description)
        }
        guard let tree = try? JSONParser.parse(Array(answer.body)), case .object = tree.value else {
            throw .oauthServerFailed(
                server: server, detail: "HTTP \(answer.status) with \(PortalError.snippet(answer.body)) instead of JSON")
        }
        if let code = tree.string("error") {
            throw .refreshRejected(code: code, description: tree.string("error_description") ?? "")
        }
        guard let access = tree.string("access_token"), let refresh = tree.string("refresh_token") else {
            throw .refreshRejected(code: "malformed", description: "the OAuth server's answer has no token pair")
        }
        var renewed = credentials
        renewed.accessToken = Secret(access)
        renewed.refreshToken = Secret(refresh)
        if let expires = tree.string("expires").flatMap(Double.init) {
            renewed.expiresAt = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: expires))
        }
        if let endpoint = tree.string("server_endpoint"), let root = Self.serverRoot(endpoint) {
            renewed.oauthServer = root
        }
        Self.keepOutOfLogs(renewed)
        credentials = renewed
        Log.portal.info("OAuth keys renewed", metadata: ["client": "\(clientID)"])
        onRenewed(renewed)
    }

    /// `https://oauth.bitrix.info/rest/` → `https://oauth.bitrix.info/`.
    static func serverRoot(_ endpoint: String) -> String? {
        guard let url = URLComponents(string: endpoint), let scheme = url.scheme, let host = url.host else { return nil }
        return "\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")/"
    }
}

/// Keeps one refresh at a time across processes that share stored keys (the store's lease
/// on the account row); `OAuthSession` asks it before refreshing and tells it the outcome.
public protocol OAuthRefreshCoordinator: Sendable {
    /// Waits while another process refreshes; answers with the pair it stored, or leave to
    /// refresh now.
    func begin(replacing staleAccessToken: String, for timeouts: Timeouts) async throws(PortalError) -> OAuthRefreshStart
    /// Stores the renewed pair and ends the lease; a failure to store is reported, not thrown.
    func finish(_ renewed: OAuthCredentials) async
    /// Ends the lease after a failed refresh.
    func abandon() async
    /// The pair as stored now (another process may have renewed it).
    func storedCredentials() async -> OAuthCredentials?
}

public enum OAuthRefreshStart: Sendable, Equatable {
    case useStored(OAuthCredentials)
    case refreshNow
}
