import Foundation
import Testing

@Suite struct AccountCommandTests {
    let webhook = "https://acme.bitrix24.ru/rest/7/abcdef0123456789/"

    @Test func addWithWebhookFromStdinNeverPrintsTheCode() throws {
        let cli = CLIRunner()
        let added = try cli.run(
            ["account", "add", "--domain", "acme.bitrix24.ru/", "--name", "Акме", "--webhook-stdin"], stdin: webhook + "\n")
        #expect(added.code == 0, "\(added.err)")
        let list = try cli.run(["account", "list"])
        #expect(
            list.out.contains("https://acme.bitrix24.ru") && list.out.contains("Акме") && list.out.contains("/rest/7/••••••789/"))
        let json = try cli.run(["account", "list", "--json"])
        for output in [added.out, added.err, list.out, list.err, json.out] {
            #expect(!output.contains("abcdef0123456789"))
        }
    }

    @Test func invalidDomainAndWebhookSayWhatIsWrong() throws {
        let cli = CLIRunner()
        let domain = try cli.run(["account", "add", "--domain", "https://acme.bitrix24.ru/crm/"])
        #expect(domain.code == 2 && domain.err.contains("--domain: the portal domain has extra parts '/crm/'"))
        let hook = try cli.run([
            "account", "add", "--domain", "acme.bitrix24.ru", "--webhook", "https://acme.bitrix24.ru/rest/admin/abc/",
        ])
        #expect(hook.code == 2 && hook.err.contains("webhook: the user id 'admin' after /rest/ must be a number"))
        let other = try cli.run([
            "account", "add", "--domain", "acme.bitrix24.ru", "--webhook", "https://evil.bitrix24.ru/rest/1/abcdef0123456789/",
        ])
        #expect(other.code == 2 && other.err.contains("the webhook is for https://evil.bitrix24.ru"))
        #expect(try cli.run(["account", "list", "--json"]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func oauthFromFile() throws {
        let cli = CLIRunner()
        let file = cli.write(
            "oauth.json",
            "{\"clientId\": \"app.123\", \"clientSecret\": \"s3cr3t-value-xyz\", \"accessToken\": \"tok-0123456789\", \"refreshToken\": \"ref-0123456789\"}"
        )
        let added = try cli.run(["account", "add", "--domain", "acme.bitrix24.ru", "--oauth-file", file])
        #expect(added.code == 0, "\(added.err)")
        #expect(try cli.run(["account", "list"]).out.contains("oauth app.123"))
        let bad = cli.write("bad.json", "{\"clientId\": \"a\", \"clientSecrte\": \"x\"}")
        let refused = try cli.run(["account", "edit", "acme.bitrix24.ru", "--oauth-file", bad])
        #expect(refused.code == 2 && refused.err.contains("unknown field 'clientSecrte'"))
    }

    @Test func editDomainMovesProfilesAndRemoveIsGuarded() throws {
        let cli = CLIRunner()
        try cli.run(["profile", "import", cli.example("profile-latvia.json")])
        let edit = try cli.run(["account", "edit", "CallGear test portal", "--domain", "renamed.bitrix24.ru"])
        #expect(edit.code == 0, "\(edit.err)")
        #expect(try cli.run(["profile", "export", "demo-latvia"]).out.contains("\"account\" : \"https://renamed.bitrix24.ru\""))
        let unconfirmed = try cli.run(["account", "remove", "renamed.bitrix24.ru"])
        #expect(unconfirmed.code == 2 && unconfirmed.err.contains("--yes"))
        let inUse = try cli.run(["account", "remove", "renamed.bitrix24.ru", "--yes"])
        #expect(inUse.code == 2 && inUse.err.contains("used by profile 'demo-latvia'"))
        let cascade = try cli.run(["account", "remove", "renamed.bitrix24.ru", "--yes", "--cascade"])
        #expect(cascade.code == 0)
        #expect(try cli.run(["profile", "list", "--json"]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func demoTourRuns() throws {
        let cli = CLIRunner()
        let demo = try cli.run(["demo", "--tour"], withStore: false)
        #expect(demo.code == 0, "\(demo.err)")
        #expect(demo.out.contains("unknown variable 'chanel_name'"))
        #expect(demo.out.contains("Integration is active: on"))
        #expect(demo.out.contains("nothing was overwritten"))
    }
}

@Suite struct TableAlignmentTests {
    @Test func wideNamesLineUp() throws {
        let cli = CLIRunner()
        try cli.run(["account", "add", "--domain", "a.bitrix24.ru", "--name", "中文名字"])
        try cli.run(["account", "add", "--domain", "b.bitrix24.ru", "--name", "Bob"])
        let lines = try cli.run(["account", "list"]).out.split(separator: "\n").map(String.init)
        // The AUTHORISATION column starts at the same display column on every row.
        let columns = lines.map { line -> Int in
            let prefix = line.components(
                separatedBy: lines[0].contains("AUTHORISATION") && line == lines[0] ? "AUTHORISATION" : "none")[0]
            return prefix.reduce(0) { $0 + (($1.unicodeScalars.first!.value >= 0x4E00) ? 2 : 1) }
        }
        #expect(Set(columns).count == 1, "\(lines)")
    }
}
