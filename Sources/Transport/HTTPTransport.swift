import Foundation
import SetupModel

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
    /// Connections opened for this request: 0 when a kept one was reused.
    public var newConnections = 1
}

/// Why no HTTP answer came back at all.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
    case timeout(url: String, afterMs: Int)
    case unreachable(host: String, detail: String)
    case unresolvable(host: String)
    case tls(host: String, fault: TLSFault, detail: String)
    /// Plain http to anything but loopback, unless the operator allowed it for a self-hosted portal.
    case plainHTTPRefused(host: String)
    case invalidURL(String)
    case other(String)

    public var description: String {
        switch self {
        case .timeout(let url, let ms):
            tr(
                "no answer from \(Self.host(of: url)) within \(ms / 1000) s — the portal may be overloaded or the network slow; try again",
                ru:
                    "нет ответа от \(Self.host(of: url)) за \(ms / 1000) с — портал перегружен или сеть медленная; попробуйте снова"
            )
        case .unreachable(let host, let detail):
            tr(
                "cannot connect to \(host) (\(detail)) — check the address and that this machine can reach it",
                ru: "не удаётся подключиться к \(host) (\(detail)) — проверьте адрес и что эта машина до него достаёт")
        case .unresolvable(let host):
            tr(
                "the name \(host) does not resolve — check the portal domain for typos",
                ru: "имя \(host) не разрешается — проверьте домен портала на опечатки")
        case .tls(let host, let fault, let detail):
            tr(
                "the secure connection to \(host) failed: \(fault.explanation(host: host)) (\(detail))",
                ru: "защищённое соединение с \(host) не удалось: \(fault.explanation(host: host)) (\(detail))")
        case .plainHTTPRefused(let host):
            tr(
                "refusing plain http to \(host): the webhook code or token would travel unencrypted — use https; for a self-hosted portal on your own network, store the choice with: account add --domain http://\(host) --allow-insecure-http (or account edit ACCOUNT --allow-insecure-http)",
                ru:
                    "простой http к \(host) запрещён: код вебхука или токен пошли бы без шифрования — используйте https; для своего портала в своей сети сохраните выбор: account add --domain http://\(host) --allow-insecure-http (или account edit АККАУНТ --allow-insecure-http)"
            )
        case .invalidURL(let url):
            tr("not a valid address: \(url)", ru: "неверный адрес: \(url)")
        case .other(let detail):
            tr("the request failed: \(detail)", ru: "запрос не удался: \(detail)")
        }
    }

    static func host(of url: String) -> String {
        URLComponents(string: url)?.host ?? url
    }
}

/// Why a certificate was refused, in the terms an operator can act on.
public enum TLSFault: String, Sendable, Equatable {
    case selfSigned, expired, wrongName, unknownAuthority, other

    /// From OpenSSL's verify result (X509_V_ERR_*) and curl's error text.
    public static func classify(verifyResult: Int, detail: String) -> TLSFault {
        let text = detail.lowercased()
        switch verifyResult {
        case 18, 19: return .selfSigned
        case 9, 10: return .expired
        case 62: return .wrongName
        case 2, 20, 21, 27: return .unknownAuthority
        default: break
        }
        if text.contains("self-signed") || text.contains("self signed") { return .selfSigned }
        if text.contains("expired") { return .expired }
        if text.contains("subject name") || text.contains("does not match") || text.contains("hostname mismatch") {
            return .wrongName
        }
        if text.contains("local issuer") || text.contains("unknown ca") || text.contains("unable to get") {
            return .unknownAuthority
        }
        return .other
    }

    public func explanation(host: String) -> String {
        switch self {
        case .selfSigned:
            tr(
                "the certificate is self-signed, so nothing vouches for it — give the portal a certificate from a known authority",
                ru: "сертификат самоподписанный, за него никто не ручается — дайте порталу сертификат известного центра")
        case .expired:
            tr(
                "the certificate has expired (or this machine's clock is wrong: check `date`) — renew the portal's certificate",
                ru: "срок сертификата истёк (или часы этой машины неверны: проверьте `date`) — обновите сертификат портала")
        case .wrongName:
            tr(
                "the certificate is for another name than \(host) — check the portal domain for typos, or the portal's certificate",
                ru: "сертификат выдан не на имя \(host) — проверьте домен портала на опечатки или сертификат портала")
        case .unknownAuthority:
            tr(
                "the certificate comes from an authority this machine does not trust — a private CA (add it with update-ca-certificates) or a proxy that intercepts TLS",
                ru:
                    "сертификат выдан центром, которому эта машина не доверяет — частный CA (добавьте его через update-ca-certificates) или прокси, перехватывающий TLS"
            )
        case .other:
            tr(
                "the certificate or the TLS handshake was refused — a proxy may intercept TLS",
                ru: "сертификат или рукопожатие TLS отклонены — возможно, TLS перехватывает прокси")
        }
    }
}
