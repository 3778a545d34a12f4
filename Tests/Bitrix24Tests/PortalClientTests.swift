import Foundation
import Sandbox
import SetupModel
import Testing
import Transport

@testable import Bitrix24

/// The client over real loopback HTTP through libcurl, against the sandbox portal.
@Suite struct PortalClientTests {
    func client(
        _ portal: SandboxPortal, code: String? = nil, timeouts: Timeouts = .standard, limiter: RateLimiter? = RateLimiter(),
        retry: RetryPolicy = RetryPolicy()
    ) async throws -> PortalClient {
        let base = try await portal.start()
        let url = await portal.webhookURL(base: base)
        var (domain, webhook) = try Webhook.parse(url: url)
        if let code { webhook.code = Secret(code) }
        return PortalClient(domain: domain, webhook: webhook, timeouts: timeouts, limiter: limiter, retry: retry)
    }

    @Test func profileThroughTheEnvelope() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        let answer = try await client.call("profile")
        #expect(answer.result.member("ID") == JSONNode(.string("1")))
        #expect(answer.result.member("NAME") == JSONNode(.string("Иван")))
        #expect(answer.operatingResetAt != nil)
        await portal.stop()
    }

    @Test func wrongWebhookCode() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal, code: "wrongcode123")
        await #expect(throws: PortalError.wrongWebhook) { try await client.call("profile") }
        await portal.stop()
    }

    @Test func unknownMethod() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        await #expect(throws: PortalError.methodNotFound("crm.nothing.list")) { try await client.call("crm.nothing.list") }
        await portal.stop()
    }

    @Test func crmErrorWithEmptyCode() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        await #expect(throws: PortalError.crm("Не заполнено обязательное поле \"Название лида\"")) {
            try await client.call("crm.lead.add", ["fields": ["NAME": "x"]])
        }
        #expect(try await client.call("crm.lead.add", ["fields": ["TITLE": "Тест"]]).result == JSONNode(.number("4")))
        await portal.stop()
    }

    @Test func htmlAnswerIsClassifiedByStatus() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        var faults = SandboxPortal.Faults()
        faults.htmlStatus = 403
        await portal.setFaults(faults)
        do {
            _ = try await client.call("profile")
            Issue.record("an HTML page was taken as an answer")
        } catch {
            guard case .notJSON(403, let snippet) = error else { Issue.record("wrong error \(error)"); return }
            #expect(snippet == "an HTML page titled «Portal not found» (a login or error page?)")
            #expect(error.message.contains("HTTP 403 with an HTML page titled «Portal not found»"))
            #expect(error.fix.contains("deleted, blocked"))
        }
        await portal.stop()
    }

    @Test func slowPortalTimesOut() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal, timeouts: Timeouts(connectMs: 1000, totalMs: 300), retry: Self.noRetry)
        var faults = SandboxPortal.Faults()
        faults.latencyMs = 1500
        await portal.setFaults(faults)
        do {
            _ = try await client.call("profile")
            Issue.record("no timeout")
        } catch {
            guard case .transport(.timeout) = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.isTemporary)
        }
        await portal.stop()
    }

    @Test func closedPortIsUnreachable() async throws {
        let (domain, webhook) = try Webhook.parse(url: "http://127.0.0.1:1/rest/1/abcdef0123456789/")
        let client = PortalClient(domain: domain, webhook: webhook)
        do {
            _ = try await client.call("profile")
            Issue.record("connected to port 1")
        } catch {
            guard case .transport(.unreachable(let host, _)) = error else { Issue.record("wrong error \(error)"); return }
            #expect(host == "127.0.0.1")
        }
    }

    @Test func plainHTTPToARealHostIsRefusedBeforeSending() async throws {
        let (domain, webhook) = try Webhook.parse(url: "http://crm.example.com/rest/1/abcdef0123456789/")
        let client = PortalClient(domain: domain, webhook: webhook)
        await #expect(throws: PortalError.transport(.plainHTTPRefused(host: "crm.example.com"))) {
            try await client.call("profile")
        }
    }

    @Test(arguments: [0, 1, 49, 50, 51, 100, 101])
    func pagingEdges(count: Int) async throws {
        let portal = SandboxPortal(data: .users(count))
        let client = try await client(portal)
        var seen: [String] = []
        var start: Int? = 0
        var requests = 0
        while let from = start {
            let answer = try await client.call("user.get", ["start": from])
            requests += 1
            #expect(answer.total == count)
            guard case .array(let rows) = answer.result.value else {
                Issue.record("result is not a list: \(answer.result.compactText)")
                return
            }
            #expect(rows.count <= 50)
            seen += rows.compactMap { if case .string(let id)? = $0.member("ID")?.value { id } else { nil } }
            start = answer.next
        }
        #expect(seen == (0..<count).map { "\($0 + 1)" })
        #expect(requests == max(1, (count + 49) / 50))
        await portal.stop()
    }

    @Test func emptyListIsAnEmptyArray() async throws {
        let portal = SandboxPortal(data: .users(0))
        let client = try await client(portal)
        let answer = try await client.call("crm.lead.list")
        #expect(answer.result == JSONNode(.array([])))
        #expect(answer.total == 0 && answer.next == nil)
        await portal.stop()
    }

    static var noRetry: RetryPolicy {
        var policy = RetryPolicy()
        policy.maxAttempts = 1
        return policy
    }

    @Test func aFullBucketIsRefusedWith503() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal, limiter: nil, retry: Self.noRetry)
        // Overfull by ten minutes: however long a loaded machine takes to send the call, the
        // bucket has not drained by then.
        await portal.fillRateBucket(overflowSeconds: 600)
        await #expect(throws: PortalError.queryLimitExceeded) { try await client.call("scope") }
        #expect(PortalError.queryLimitExceeded.isTemporary)
        await portal.stop()
    }

}

@Suite struct RateLimitTests {
    @Test func aBurstWithTheClientLimiterCompletesWithoutRefusals() async throws {
        let portal = SandboxPortal()
        let base = try await portal.start()
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        var policy = RetryPolicy()
        policy.maxAttempts = 1
        let client = PortalClient(domain: domain, webhook: webhook, limiter: RateLimiter(), retry: policy)
        let started = Date()
        for _ in 0..<56 { _ = try await client.call("scope") }
        // 48 go at once (a margin of 2 below the portal's 50), the other 8 wait for the
        // bucket to drain at 2 per second.
        #expect(Date().timeIntervalSince(started) >= 3.5)
        #expect(await portal.requestCount == 56)
        await portal.stop()
    }

    @Test func refusedByThePortalIsRetriedAndCompletes() async throws {
        let portal = SandboxPortal()
        let base = try await portal.start()
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        var policy = RetryPolicy()
        policy.baseDelay = 0.6
        policy.maxAttempts = 6
        let raw = PortalClient(domain: domain, webhook: webhook, limiter: nil, retry: policy)
        // Another tool filled the portal's bucket: the call is refused with 503 twice and
        // retried until it goes through (refusals by count, not time: a loaded machine
        // must not turn the test into one that never meets a refusal).
        await portal.refuseNext(2)
        let answer = try await raw.call("scope")
        #expect(answer.result.compactText.contains("crm"))
        #expect(await portal.requestCount == 3)
        await portal.stop()
    }

    @Test func limiterArithmetic() {
        final class Clock: @unchecked Sendable { var now = 0.0 }
        let clock = Clock()
        let limiter = RateLimiter(plan: .standard, clock: { clock.now })
        for _ in 0..<48 { #expect(limiter.reserve() == 0) }
        #expect(limiter.reserve() == 0.5)
        clock.now = 10
        #expect(limiter.reserve() == 0)
        let enterprise = RateLimiter(plan: .enterprise, clock: { clock.now })
        for _ in 0..<248 { _ = enterprise.reserve() }
        #expect(enterprise.reserve() == 0.2)
    }

    @Test func retryPolicy() {
        let policy = RetryPolicy()
        let timeout = PortalError.transport(.timeout(url: "u", afterMs: 1))
        #expect(policy.delay(after: .queryLimitExceeded, attempt: 1, method: "user.get", now: 0) == 1)
        #expect(policy.delay(after: .queryLimitExceeded, attempt: 2, method: "user.get", now: 0) == 2)
        #expect(policy.delay(after: .queryLimitExceeded, attempt: 4, method: "user.get", now: 0) == nil)
        #expect(policy.delay(after: timeout, attempt: 1, method: "crm.status.list", now: 0) == 1)
        #expect(policy.delay(after: timeout, attempt: 2, method: "crm.status.list", now: 0) == nil)
        #expect(policy.delay(after: timeout, attempt: 1, method: "crm.lead.add", now: 0) == nil)
        #expect(policy.delay(after: timeout, attempt: 1, method: "crm.timeline.comment.add", now: 0) == nil)
        #expect(policy.delay(after: timeout, attempt: 1, method: "im.notify.system.add", now: 0) == nil)
        #expect(policy.delay(after: .operationTimeLimit(method: "m", resetAt: 130), attempt: 1, method: "m", now: 100) == 30)
        #expect(policy.delay(after: .operationTimeLimit(method: "m", resetAt: 1000), attempt: 1, method: "m", now: 100) == nil)
        #expect(policy.delay(after: .wrongWebhook, attempt: 1, method: "profile", now: 0) == nil)
    }
}

/// A refused certificate is named by its fault, in terms an operator can act on.
@Suite struct TLSFaultTests {
    @Test(arguments: [
        (18, "", TLSFault.selfSigned), (19, "", .selfSigned), (10, "", .expired), (62, "", .wrongName),
        (20, "", .unknownAuthority),
        (0, "SSL certificate problem: self-signed certificate", .selfSigned),
        (0, "SSL certificate problem: certificate has expired", .expired),
        (0, "SSL: no alternative certificate subject name matches target host name 'x.example'", .wrongName),
        (0, "SSL certificate problem: unable to get local issuer certificate", .unknownAuthority),
        (0, "OpenSSL SSL_connect: Connection reset by peer", .other),
    ])
    func classified(verifyResult: Int, detail: String, fault: TLSFault) {
        #expect(TLSFault.classify(verifyResult: verifyResult, detail: detail) == fault)
    }

    @Test func theMessageSaysWhatToDo() {
        let error = TransportError.tls(host: "x.example", fault: .wrongName, detail: "…")
        #expect(error.description.contains("the certificate is for another name than x.example"))
    }
}

/// `account verify` warns about a plain-http portal (allowed by the account's stored choice).
@Suite struct InsecureHTTPWarningTests {
    @Test func verifyWarnsAboutPlainHTTPBeyondLoopback() throws {
        func check(_ domain: String) throws -> ConnectionCheck {
            ConnectionCheck(
                domain: try PortalDomain(parsing: domain), userID: "1", isAdmin: true, scopes: ConnectionCheck.neededScopes,
                crmMode: 1)
        }
        #expect(try check("http://crm.office.lan").warnings.contains(ConnectionCheck.insecureHTTPWarning))
        #expect(try check("https://acme.bitrix24.ru").warnings.isEmpty)
        #expect(try check("http://127.0.0.1:8080").warnings.isEmpty)
    }
}

/// A second request to the same portal reuses the first one's connection (no new TCP — on a
/// real portal no new TLS handshake either): the curl handles are kept between requests.
@Suite struct ConnectionReuseTests {
    @Test func theSecondRequestReusesTheConnection() async throws {
        let portal = SandboxPortal()
        let base = try await portal.start()
        let url = await portal.webhookURL(base: base) + "profile.json"
        let transport = CurlTransport()
        let first = try await transport.post(url, json: Data("{}".utf8), timeouts: .standard)
        let second = try await transport.post(url, json: Data("{}".utf8), timeouts: .standard)
        #expect(first.status == 200 && second.status == 200)
        #expect(first.newConnections == 1)
        #expect(second.newConnections == 0)
        await portal.stop()
    }
}
