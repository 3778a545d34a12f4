import Foundation

/// One HTTP exchange as the Bitrix24 client needs it: POST a JSON body (or GET, for the
/// OAuth server), get status, body and redirect target. A protocol so the client can be driven by any transport; the real
/// one is libcurl (`CurlTransport`), tested against the sandbox portal over loopback.
public protocol HTTPTransport: Sendable {
    func post(_ url: String, json body: Data, timeouts: Timeouts) async throws(TransportError) -> HTTPResult
    /// A plain GET: the OAuth server takes its refresh request only that way.
    func get(_ url: String, timeouts: Timeouts) async throws(TransportError) -> HTTPResult
}

public struct Timeouts: Sendable, Equatable {
    public var connectMs: Int
    public var totalMs: Int

    /// Bitrix24 cuts a request off after 60 s; connecting should take a few.
    public static let standard = Timeouts(connectMs: 5_000, totalMs: 60_000)

    public init(connectMs: Int, totalMs: Int) {
        self.connectMs = connectMs
        self.totalMs = totalMs
    }
}

public struct HTTPResult: Sendable, Equatable {
    public var status: Int
    public var body: Data
    /// Where a 3xx points (a renamed portal), not followed automatically: a POST must be
    /// re-posted, which HTTP clients' own redirect handling does not do.
    public var redirectURL: String?
    public var contentType: String?
}

/// Why no HTTP answer came back at all.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
    case timeout(url: String, afterMs: Int)
    case unreachable(host: String, detail: String)
    case unresolvable(host: String)
    case tls(host: String, detail: String)
    /// Plain http to anything but loopback, unless the operator allowed it for a self-hosted portal.
    case plainHTTPRefused(host: String)
    case invalidURL(String)
    case other(String)

    public var description: String {
        switch self {
        case .timeout(let url, let ms):
            "no answer from \(Self.host(of: url)) within \(ms / 1000) s — the portal may be overloaded or the network slow; try again"
        case .unreachable(let host, let detail):
            "cannot connect to \(host) (\(detail)) — check the address and that this machine can reach it"
        case .unresolvable(let host):
            "the name \(host) does not resolve — check the portal domain for typos"
        case .tls(let host, let detail):
            "the secure connection to \(host) failed (\(detail)) — the certificate is not valid for this name, or a proxy intercepts TLS"
        case .plainHTTPRefused(let host):
            "refusing plain http to \(host): credentials would travel unencrypted — use https, or allow http for this self-hosted portal explicitly"
        case .invalidURL(let url):
            "not a valid address: \(url)"
        case .other(let detail):
            "the request failed: \(detail)"
        }
    }

    static func host(of url: String) -> String {
        URLComponents(string: url)?.host ?? url
    }
}
