import Foundation
import Sandbox
import SetupModel
import Synchronization
import Testing
import Transport

@testable import Bitrix24

/// OAuth over real HTTP: refresh once on `expired_token`, hand the new pair over for
/// storing, repeat the call; one refresh for concurrent calls; a refused refresh is typed.
@Suite struct OAuthTests {
    final class Renewals: Sendable {
        let saved = Mutex<[OAuthCredentials]>([])
        func append(_ c: OAuthCredentials) { saved.withLock { $0.append(c) } }
        var all: [OAuthCredentials] { saved.withLock { $0 } }
    }

    func client(_ portal: SandboxPortal, renewals: Renewals, edit: (inout OAuthCredentials) -> Void = { _ in })
        async throws -> PortalClient
    {
        let base = try await portal.start()
        var credentials = await portal.oauthCredentials(base: base)
        edit(&credentials)
        let session = OAuthSession(credentials: credentials) { renewals.append($0) }
        return PortalClient(domain: try PortalDomain(parsing: base), credentials: .oauth(session))
    }

    @Test func callsWithTheAccessTokenInTheBody() async throws {
        let portal = SandboxPortal()
        let renewals = Renewals()
        let client = try await client(portal, renewals: renewals)
        let answer = try await client.call("profile")
        #expect(answer.result.member("ID") == JSONNode(.string("1")))
        #expect(renewals.all.isEmpty)
        await portal.stop()
    }

    @Test func expiredTokenIsRefreshedOncePersistedAndTheCallRepeated() async throws {
        let portal = SandboxPortal()
        let renewals = Renewals()
        let client = try await client(portal, renewals: renewals)
        await portal.expireAccessToken()
        let answer = try await client.call("crm.lead.add", ["fields": ["TITLE": "after refresh"]])
        #expect(answer.result == JSONNode(.number("4")))
        #expect(await portal.refreshCount == 1)
        let current = await portal.currentTokens()
        #expect(renewals.all.count == 1)
        #expect(renewals.all.first?.accessToken?.value == current.access)
        #expect(renewals.all.first?.refreshToken?.value == current.refresh)
        #expect(renewals.all.first?.expiresAt != nil)
        // The lead exists once: the refused call created nothing, the repeat created it.
        #expect(await portal.data.records.filter { $0.title == "after refresh" }.count == 1)
        // It expires again an hour later: refreshed again with the new refresh token.
        await portal.expireAccessToken()
        _ = try await client.call("profile")
        #expect(await portal.refreshCount == 2 && renewals.all.count == 2)
        await portal.stop()
    }

    @Test func concurrentCallsShareOneRefresh() async throws {
        let portal = SandboxPortal()
        let renewals = Renewals()
        let client = try await client(portal, renewals: renewals)
        await portal.expireAccessToken()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { _ = try await client.call("scope") } }
            try await group.waitForAll()
        }
        #expect(await portal.refreshCount == 1)
        await portal.stop()
    }

    @Test func aUsedRefreshTokenIsRefusedAsInvalidGrant() async throws {
        let portal = SandboxPortal()
        let renewals = Renewals()
        let client = try await client(portal, renewals: renewals) { $0.refreshToken = Secret("an-old-refresh-token") }
        await portal.expireAccessToken()
        await #expect(throws: PortalError.refreshRejected(code: "invalid_grant", description: "Invalid refresh token")) {
            try await client.call("profile")
        }
        #expect(renewals.all.isEmpty)
        await portal.stop()
    }

    @Test func aWrongClientSecretIsRefusedAsInvalidClient() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal, renewals: Renewals()) { $0.clientSecret = Secret("wrong") }
        await portal.expireAccessToken()
        do {
            _ = try await client.call("profile")
            Issue.record("the call succeeded")
        } catch {
            guard case .refreshRejected("invalid_client", _) = error else { throw error }
            #expect(error.fix.contains("client id and secret"))
        }
        await portal.stop()
    }

    @Test func aRevokedTokenIsNotRefreshed() async throws {
        let portal = SandboxPortal()
        let renewals = Renewals()
        let client = try await client(portal, renewals: renewals) { $0.accessToken = Secret("revoked") }
        await #expect(throws: PortalError.invalidToken) { try await client.call("profile") }
        #expect(await portal.refreshCount == 0)
        await portal.stop()
    }

    @Test func authIsAddedToAnyBody() {
        #expect(String(decoding: PortalClient.adding(auth: "t", to: Data("{}".utf8)), as: UTF8.self) == #"{"auth":"t"}"#)
        #expect(
            String(decoding: PortalClient.adding(auth: "t", to: Data(#"{"a":1}"#.utf8)), as: UTF8.self)
                == #"{"auth":"t","a":1}"#)
    }
}

/// A renamed portal answers 302; the POST is re-sent to the new host, the new domain is
/// reported for storing, and later calls go straight there.
@Suite struct MovedPortalTests {
    @Test func repostsToTheNewHostAndRecordsIt() async throws {
        let old = SandboxPortal()
        let new = SandboxPortal()
        let oldBase = try await old.start()
        let newBase = try await new.start()
        var faults = SandboxPortal.Faults()
        faults.movedTo = newBase
        await old.setFaults(faults)
        let (domain, webhook) = try Webhook.parse(url: await old.webhookURL(base: oldBase))
        let moves = Mutex<[(PortalDomain, PortalDomain)]>([])
        let client = PortalClient(domain: domain, credentials: .webhook(webhook)) { from, to in
            moves.withLock { $0.append((from, to)) }
        }
        let answer = try await client.call("crm.lead.add", ["fields": ["TITLE": "moved"]])
        #expect(answer.result == JSONNode(.number("4")))
        #expect(await new.data.records.contains { $0.title == "moved" })
        let newDomain = try PortalDomain(parsing: newBase)
        #expect(client.domain == newDomain)
        #expect(moves.withLock { $0.map(\.1) } == [newDomain])
        _ = try await client.call("profile")
        #expect(await old.requestCount == 1)
        await old.stop()
        await new.stop()
    }
}

/// A refresh that fails at the OAuth server names that server, not the portal.
@Suite struct OAuthServerFailureTests {
    @Test func anUnreachableOAuthServerIsNamed() async throws {
        let credentials = OAuthCredentials(
            clientID: "app", clientSecret: Secret("secret-123"), accessToken: Secret("access-123"),
            refreshToken: Secret("refresh-123"), expiresAt: nil, oauthServer: "http://127.0.0.1:1/")
        let session = OAuthSession(credentials: credentials, timeouts: Timeouts(connectMs: 2_000, totalMs: 3_000))
        do {
            try await session.refresh()
            Issue.record("a refresh through a closed port succeeded")
        } catch {
            guard case .oauthServerFailed(let server, _) = error else {
                Issue.record("wrong error: \(error)")
                return
            }
            #expect(server == "http://127.0.0.1:1/")
            #expect(error.message.hasPrefix("the OAuth server http://127.0.0.1:1/ could not renew the keys"))
            #expect(error.fix.contains("the portal is not at fault"))
        }
    }
}
