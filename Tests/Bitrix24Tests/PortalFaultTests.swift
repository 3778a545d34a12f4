import Foundation
import Sandbox
import SetupModel
import Testing

@testable import Bitrix24

/// Each remaining error of the reference, produced by the sandbox over real HTTP.
@Suite struct PortalFaultTests {
    func client(_ portal: SandboxPortal, faults: SandboxPortal.Faults) async throws -> PortalClient {
        let base = try await portal.start()
        await portal.setFaults(faults)
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        var policy = RetryPolicy()
        policy.maxAttempts = 1
        return PortalClient(domain: domain, webhook: webhook, retry: policy)
    }

    @Test func missingScopeIsNamedWithItsFix() async throws {
        var faults = SandboxPortal.Faults()
        faults.scopes = ["crm"]
        let portal = SandboxPortal()
        let client = try await client(portal, faults: faults)
        await #expect(throws: PortalError.self) { try await client.call("user.get") }
        do {
            _ = try await client.call("user.get")
        } catch {
            guard case .missingScope = error else { throw error }
            #expect(error.fix.contains("permissions"))
        }
        // CRM calls still work with the scope it has.
        _ = try await client.call("crm.status.list")
        await portal.stop()
    }

    @Test func missingScopeInsideABatchIsThatCommandsError() async throws {
        var faults = SandboxPortal.Faults()
        faults.scopes = ["crm"]
        let portal = SandboxPortal()
        let client = try await client(portal, faults: faults)
        let answer = try await client.batch([
            BatchCommand("users", "user.get"), BatchCommand("stages", "crm.status.list"),
        ])
        guard case .missingScope? = answer.errors["users"] else {
            Issue.record("expected missingScope, got \(String(describing: answer.errors["users"]))")
            return
        }
        #expect(answer.results["stages"] != nil)
        await portal.stop()
    }

    @Test func freePlanWithoutREST() async throws {
        var faults = SandboxPortal.Faults()
        faults.restNotOnPlan = true
        let portal = SandboxPortal()
        let client = try await client(portal, faults: faults)
        await #expect(throws: PortalError.restNotOnPlan) { try await client.call("profile") }
        await portal.stop()
    }

    @Test func deletedPortal() async throws {
        var faults = SandboxPortal.Faults()
        faults.deleted = true
        let portal = SandboxPortal()
        let client = try await client(portal, faults: faults)
        await #expect(throws: PortalError.portalDeleted) { try await client.call("profile") }
        #expect(!PortalError.portalDeleted.isTemporary)
        await portal.stop()
    }

    /// 429 OPERATION_TIME_LIMIT: the method is blocked until `operating_reset_at`, which an
    /// earlier answer told; ten minutes away is too long to wait, so the error carries it.
    @Test func operatingTimeLimitCarriesTheReset() async throws {
        var faults = SandboxPortal.Faults()
        faults.operationLimited = ["crm.lead.list"]
        let portal = SandboxPortal()
        let client = try await client(portal, faults: faults)
        _ = try await client.call("profile")
        do {
            _ = try await client.call("crm.lead.list")
            Issue.record("the blocked method answered")
        } catch {
            guard case .operationTimeLimit(let method, let reset) = error else { throw error }
            #expect(method == "crm.lead.list")
            #expect((reset ?? 0) > Date().timeIntervalSince1970 + 500)
            #expect(error.isTemporary)
        }
        await portal.stop()
    }
}
