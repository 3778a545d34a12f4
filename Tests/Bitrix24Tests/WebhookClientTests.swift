import Foundation
import Sandbox
import SetupModel
import Testing

@testable import Bitrix24

/// The client over real loopback HTTP through libcurl, against the sandbox portal.
@Suite struct WebhookClientTests {
    func client(_ portal: SandboxPortal, code: String? = nil, timeouts: Timeouts = .standard) async throws -> WebhookClient {
        let base = try await portal.start()
        let url = await portal.webhookURL(base: base)
        var (domain, webhook) = try Webhook.parse(url: url)
        if let code { webhook.code = Secret(code) }
        return WebhookClient(domain: domain, webhook: webhook, timeouts: timeouts)
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
        #expect(try await client.call("crm.lead.add", ["fields": ["TITLE": "Тест"]]).result == JSONNode(.number("4242")))
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
            #expect(snippet.hasPrefix("<!DOCTYPE html>"))
            #expect(error.fix.contains("deleted, blocked"))
        }
        await portal.stop()
    }

    @Test func slowPortalTimesOut() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal, timeouts: Timeouts(connectMs: 1000, totalMs: 300))
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
        let client = WebhookClient(domain: domain, webhook: webhook)
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
        let client = WebhookClient(domain: domain, webhook: webhook)
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
        let portal = SandboxPortal()
        let client = try await client(portal)
        let answer = try await client.call("crm.lead.list")
        #expect(answer.result == JSONNode(.array([])))
        #expect(answer.total == 0 && answer.next == nil)
        await portal.stop()
    }

    @Test func burstOverTheBucketHitsTheRateLimit() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        var limited = 0
        for _ in 0..<60 {
            do {
                _ = try await client.call("scope")
            } catch PortalError.queryLimitExceeded {
                limited += 1
            }
        }
        // 50 fit in the bucket (plus what drained meanwhile); the rest are refused with 503.
        #expect(limited > 0 && limited <= 10)
        await portal.stop()
    }
}
