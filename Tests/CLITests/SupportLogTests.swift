import Foundation
import Testing

/// The log an operator sends to support: every portal and Data API call with its numbers,
/// under `$XDG_STATE_HOME/callgear-setup/`, and never a secret — checked over a session
/// that used every kind of secret the tool holds.
@Suite struct SupportLogTests {
    @Test func aFullSessionIsLoggedWithoutASingleSecret() throws {
        let cli = CLIRunner()
        let state = cli.folder + "/state"
        let environment = ["XDG_STATE_HOME": state]
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo")
        defer { portal.stop() }
        let domain = String(portal.webhook.split(separator: "/rest/")[0])
        let webhookCode = String(portal.webhook.split(separator: "/").last!)
        let added = try cli.run(
            ["account", "add", "--domain", domain, "--name", "Sandbox", "--webhook-stdin"], stdin: portal.webhook + "\n",
            environment: environment)
        #expect(added.code == 0, "\(added.err)")
        try cli.importExample(
            "profile-dubai.json", replacing: "https://demo-callgear.bitrix24.ru", with: domain, as: "cg"
        ) { text in
            text.replacingOccurrences(
                of: "\"callGear\" : {",
                with:
                    "\"callGear\" : {\n      \"dataAPIKey\" : \"\(portal.dataAPI.key)\",\n      \"dataAPIURL\" : \"\(portal.dataAPI.endpoint)\","
            )
        }
        for args in [
            ["portal", "lists", domain], ["account", "verify", domain], ["callgear", "lists", "cg"],
            ["simulate", "cg", "--event", cli.example("event-chat-started.json"), "--live"],
            ["portal", "lists", "--webhook", portal.webhook, "--log-level", "debug"],
        ] {
            let result = try cli.run(args, withStore: !args.contains("--webhook"), environment: environment)
            #expect(result.code == 0, "\(args): \(result.err)")
        }
        let log = try String(contentsOfFile: state + "/callgear-setup/callgear-setup.log", encoding: .utf8)
        #expect(log.contains(" info portal ") && log.contains("batch ok") && log.contains("requests=1"), "\(log.prefix(600))")
        #expect(log.contains("ms="))
        #expect(log.contains(" info data-api ") && log.contains("get.chat_channels ok"))
        for secret in [webhookCode, portal.dataAPI.key] {
            #expect(!log.contains(secret), "a secret reached the log")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: state + "/callgear-setup/callgear-setup.log")[
            .posixPermissions]
        #expect((mode as? Int) == 0o600)
    }

    @Test func aBadLevelIsRefused() throws {
        let cli = CLIRunner()
        let result = try cli.run(["profile", "list", "--log-level", "loud"])
        #expect(result.code == 2 && result.err.contains("'loud' is not one of"))
    }
}
