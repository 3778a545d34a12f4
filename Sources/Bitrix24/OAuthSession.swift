import Foundation
import SetupModel

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

    public init(
        credentials: OAuthCredentials, transport: any HTTPTransport = CurlTransport(), timeouts: Timeouts = .standard,
        onRenewed: @escaping @Sendable (OAuthCredentials) -> Void = { _ in }
    ) {
        self.clientID = credentials.clientID
        self.clientSecret = credentials.clientSecret
        self.credentials = credentials
        self.transport = transport
        self.timeouts = timeouts
        self.onRenewed = onRenewed
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
            task = Task { try await self.exchangeRefreshToken() }
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
            throw .transport(error)
        }
        guard let tree = try? JSONParser.parse(Array(answer.body)), case .object = tree.value else {
            throw .notJSON(status: answer.status, snippet: PortalError.snippet(answer.body))
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
        credentials = renewed
        onRenewed(renewed)
    }

    /// `https://oauth.bitrix.info/rest/` → `https://oauth.bitrix.info/`.
    static func serverRoot(_ endpoint: String) -> String? {
        guard let url = URLComponents(string: endpoint), let scheme = url.scheme, let host = url.host else { return nil }
        return "\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")/"
    }
}
