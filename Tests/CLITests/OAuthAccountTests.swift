import Foundation
import Testing

/// An OAuth account end to end: the sandbox's application credentials are added, a call
/// after the access token expired refreshes by itself and stores the new pair (the old
/// refresh token is spent, so a later refresh works only if the new one was stored), and
/// `account refresh` does the same by hand.
@Suite struct OAuthAccountTests {
    @Test func expiredKeysAreRefreshedAndStored() throws {
        let cli = CLIRunner()
        let oauthFile = cli.folder + "/oauth.json"
        let portal = try PortalCommandTests.SandboxProcess(
            seed: "demo", extra: ["--oauth-file", oauthFile, "--token-lifetime", "1"])
        defer { portal.stop() }
        let domain = String(portal.webhook.split(separator: "/rest/")[0])
        let added = try cli.run(["account", "add", "--domain", domain, "--name", "OAuth", "--oauth-file", oauthFile])
        #expect(added.code == 0, "\(added.err)")

        Thread.sleep(forTimeInterval: 1.3)
        let verified = try cli.run(["account", "verify", "OAuth"])
        #expect(verified.code == 0, "\(verified.err)")
        #expect(verified.out.contains("as user 1 (administrator)"))

        let refreshed = try cli.run(["account", "refresh", "OAuth"])
        #expect(refreshed.code == 0, "\(refreshed.err)")
        #expect(refreshed.out.contains("refreshed the keys of"))
        #expect(!refreshed.out.contains("sandbox-access-"), "the token is masked")
        let again = try cli.run(["account", "refresh", "OAuth"])
        #expect(again.code == 0, "\(again.err)")

        let webhookAccount = try cli.run(
            [
                "account", "add", "--domain", "https://other.bitrix24.ru", "--webhook",
                "https://other.bitrix24.ru/rest/1/abcdef0123456789/",
            ])
        #expect(webhookAccount.code == 0, "\(webhookAccount.err)")
        let refused = try cli.run(["account", "refresh", "other.bitrix24.ru"])
        #expect(refused.code == 2 && refused.err.contains("only OAuth accounts are refreshed"))
    }

    @Test func aSpentRefreshTokenSaysWhatToDo() throws {
        let cli = CLIRunner()
        let oauthFile = cli.folder + "/oauth.json"
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo", extra: ["--oauth-file", oauthFile])
        defer { portal.stop() }
        let domain = String(portal.webhook.split(separator: "/rest/")[0])
        // Two stores hold the same keys; the first refresh spends the refresh token.
        let other = CLIRunner()
        for runner in [cli, other] {
            let added = try runner.run(["account", "add", "--domain", domain, "--name", "OAuth", "--oauth-file", oauthFile])
            #expect(added.code == 0, "\(added.err)")
        }
        #expect(try other.run(["account", "refresh", "OAuth"]).code == 0)
        let stale = try cli.run(["account", "refresh", "OAuth"])
        #expect(stale.code == 2)
        #expect(stale.err.contains("invalid_grant") && stale.err.contains("reconnect the portal"))
    }
}

/// A renamed portal: the stored account follows it to the new address.
@Suite struct MovedAccountTests {
    @Test func theAccountTakesTheNewDomain() throws {
        let cli = CLIRunner()
        let renamed = try PortalCommandTests.SandboxProcess(seed: "demo")
        defer { renamed.stop() }
        let newDomain = String(renamed.webhook.split(separator: "/rest/")[0])
        let old = try PortalCommandTests.SandboxProcess(seed: "demo", extra: ["--moved-to", newDomain])
        defer { old.stop() }
        let oldDomain = String(old.webhook.split(separator: "/rest/")[0])
        let added = try cli.run(
            ["account", "add", "--domain", oldDomain, "--name", "Renamed", "--webhook-stdin"], stdin: old.webhook + "\n")
        #expect(added.code == 0, "\(added.err)")
        #expect(try cli.run(["profile", "create", "main", "--account", "Renamed", "--region", "dubai"]).code == 0)

        let verified = try cli.run(["account", "verify", "Renamed"])
        #expect(verified.code == 0, "\(verified.err)")
        #expect(verified.err.contains("moved to \(newDomain)"))
        let list = try cli.run(["account", "list"])
        #expect(list.out.contains(newDomain) && !list.out.contains(oldDomain), "\(list.out)")
        // The profile follows its account.
        let shown = try cli.run(["profile", "show", "main"])
        #expect(shown.out.contains(newDomain), "\(shown.out)")
    }
}
