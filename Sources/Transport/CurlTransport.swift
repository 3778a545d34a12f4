internal import CCurl
import Foundation
import SetupModel
import Synchronization

/// The libcurl transport: TLS verification always on, proxies from the environment (libcurl
/// reads `https_proxy`/`no_proxy` itself), compressed answers, no automatic redirects,
/// connect and total timeouts, and plain http only to loopback or when allowed.
///
/// curl's easy calls block, so each request runs on its own thread rather than tying up
/// one of the few cooperative threads (the machine has two cores).
public struct CurlTransport: HTTPTransport {
    public var userAgent: String
    /// Hosts for which plain http is accepted besides loopback (self-hosted portals the
    /// operator vouched for).
    public var plainHTTPAllowed: Set<String>
    /// This transport's kept handles (and so its open connections): a client's requests
    /// reuse each other's, other clients' do not interfere.
    let pool = HandlePool()

    public init(userAgent: String = "callgear-setup/1.0", plainHTTPAllowed: Set<String> = []) {
        self.userAgent = userAgent
        self.plainHTTPAllowed = plainHTTPAllowed
        Self.initialiseOnce
    }

    private static let initialiseOnce: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    public func post(_ url: String, json body: Data, timeouts: Timeouts) async throws(TransportError) -> HTTPResult {
        try await exchange(url, body: body, timeouts: timeouts)
    }

    public func get(_ url: String, timeouts: Timeouts) async throws(TransportError) -> HTTPResult {
        try await exchange(url, body: nil, timeouts: timeouts)
    }

    /// POST when there is a body, GET otherwise.
    private func exchange(_ url: String, body: Data?, timeouts: Timeouts) async throws(TransportError) -> HTTPResult {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else {
            throw .invalidURL(url)
        }
        if scheme == "http" {
            guard PortalDomain.isLoopback(host: host) || plainHTTPAllowed.contains(host) else {
                throw .plainHTTPRefused(host: host)
            }
        } else if scheme != "https" {
            throw .invalidURL(url)
        }
        let agent = userAgent
        let result: Result<HTTPResult, TransportError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    returning: Self.perform(url: url, host: host, body: body, timeouts: timeouts, userAgent: agent, pool: pool))
            }
            thread.start()
        }
        return try result.get()
    }

    /// Collects what curl's write callback hands over.
    private final class Sink {
        var data = Data()
    }

    private static func perform(
        url: String, host: String, body: Data?, timeouts: Timeouts, userAgent: String, pool: HandlePool
    ) -> Result<
        HTTPResult, TransportError
    > {
        guard let handle = pool.take() else { return .failure(.other("libcurl could not start")) }
        defer { pool.give(handle) }
        var headers: UnsafeMutablePointer<curl_slist>? = nil
        for header in ["Content-Type: application/json", "Accept: application/json", "Expect:"] {
            headers = curl_slist_append(headers, header)
        }
        defer { curl_slist_free_all(headers) }
        let sink = Sink()
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()

        _ = ccurl_setopt_string(handle, CURLOPT_URL, url)
        if let body {
            _ = ccurl_setopt_long(handle, CURLOPT_POST, 1)
            _ = ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
            // COPYPOSTFIELDS copies, so the body need not outlive this call.
            _ = body.withUnsafeBytes { raw in
                ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
            }
        } else {
            _ = ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        }
        _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
        _ = ccurl_setopt_string(handle, CURLOPT_USERAGENT, userAgent)
        _ = ccurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        _ = ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, timeouts.connectMs)
        _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, timeouts.totalMs)
        _ = ccurl_setopt_write(handle, CURLOPT_WRITEFUNCTION) { pointer, size, count, userdata in
            guard let pointer, let userdata else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(userdata).takeUnretainedValue()
            sink.data.append(UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: size * count)
            return size * count
        }
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer)
        // curl's own words for a failure ("SSL certificate problem: self-signed certificate").
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let code = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            defer { _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil) }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            let explained = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let detail = explained.isEmpty ? String(cString: curl_easy_strerror(code)) : explained
            switch code {
            case CURLE_OPERATION_TIMEDOUT: return .failure(.timeout(url: url, afterMs: timeouts.totalMs))
            case CURLE_COULDNT_RESOLVE_HOST: return .failure(.unresolvable(host: host))
            case CURLE_COULDNT_CONNECT: return .failure(.unreachable(host: host, detail: detail))
            case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM:
                var verifyResult = 0
                _ = ccurl_getinfo_long(handle, CURLINFO_SSL_VERIFYRESULT, &verifyResult)
                let fault = TLSFault.classify(verifyResult: verifyResult, detail: detail)
                return .failure(.tls(host: host, fault: fault, detail: detail))
            default: return .failure(.other(detail))
            }
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var redirect: UnsafeMutablePointer<CChar>? = nil
        _ = ccurl_getinfo_string(handle, CURLINFO_REDIRECT_URL, &redirect)
        var contentType: UnsafeMutablePointer<CChar>? = nil
        _ = ccurl_getinfo_string(handle, CURLINFO_CONTENT_TYPE, &contentType)
        var connections = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connections)
        return .success(
            HTTPResult(
                status: status, body: sink.data, redirectURL: redirect.map { String(cString: $0) },
                contentType: contentType.map { String(cString: $0) }, newConnections: connections))
    }
}

/// curl handles kept between requests. A handle keeps its connections (keep-alive, and on a
/// real portal the TLS session), so the next request to the same host skips the TCP and TLS
/// handshakes — each of which is a round trip to the portal. Options are set again on every
/// request (`curl_easy_reset` keeps the connections); a handle is used by one request at a time.
final class HandlePool: Sendable {
    /// A curl easy handle, passed between threads but never used by two at once.
    struct Handle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    private let idle = Mutex<[Handle]>([])
    /// As many as requests run at once at most (the catalog's burst), not more.
    static let keep = 16

    func take() -> UnsafeMutableRawPointer? {
        if let kept = idle.withLock({ $0.popLast() }) { return kept.pointer }
        return curl_easy_init()
    }

    deinit {
        for handle in idle.withLock({ $0 }) { curl_easy_cleanup(handle.pointer) }
    }

    func give(_ pointer: UnsafeMutableRawPointer) {
        curl_easy_reset(pointer)
        let extra = idle.withLock { handles -> Handle? in
            guard handles.count < Self.keep else { return Handle(pointer: pointer) }
            handles.append(Handle(pointer: pointer))
            return nil
        }
        if let extra { curl_easy_cleanup(extra.pointer) }
    }
}
