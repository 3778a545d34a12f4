import Foundation
import Testing

/// `callgear lists` against the sandbox's Data API emulator.
@Suite struct CallGearCommandTests {
    func importProfile(_ cli: CLIRunner, key: String?, endpoint: String) throws {
        try cli.importExample(
            "profile-dubai.json", replacing: "https://demo-callgear.bitrix24.ru", with: "https://demo-callgear.bitrix24.ru",
            as: "cg"
        ) { text in
            guard let key else { return text }
            return text.replacingOccurrences(
                of: "\"callGear\" : {",
                with: "\"callGear\" : {\n      \"dataAPIKey\" : \"\(key)\",\n      \"dataAPIURL\" : \"\(endpoint)\",")
        }
    }

    @Test func listsPrintedStoredAndErrorsSayWhatToDo() throws {
        let cli = CLIRunner()
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo")
        defer { portal.stop() }
        #expect(portal.dataAPI.endpoint.hasSuffix("/v2.0"))
        try importProfile(cli, key: portal.dataAPI.key, endpoint: portal.dataAPI.endpoint)

        let lists = try cli.run(["callgear", "lists", "cg"])
        #expect(lists.code == 0, "\(lists.err)")
        #expect(lists.out.contains("CallGear account: Демо-аккаунт CallGear"))
        #expect(lists.out.contains("Chat channels (13)"))
        #expect(lists.out.contains("  111  WhatsApp Web 111   whatsapp"), "\(lists.out)")
        #expect(lists.out.contains("пример.рф") && lists.out.contains("Custom offline-request fields (2)"))
        let json = try cli.run(["callgear", "lists", "cg", "--json"])
        #expect(json.out.contains("\"name\" : \"Telegram bot 35\""))

        let saved = try cli.run(["callgear", "lists", "cg", "--save"])
        #expect(saved.code == 0 && saved.err.contains("stored in cg as version 2"), "\(saved.err)")
        let exported = try cli.run(["profile", "export", "cg"]).out
        #expect(exported.contains("\"Авито\"") && exported.contains("\"Contract value\"") && !exported.contains("Старый бот"))
        #expect(!exported.contains(portal.dataAPI.key), "the key stays out of exports")

        let show = try cli.run(["profile", "show", "cg"])
        #expect(!show.out.contains(portal.dataAPI.key), "the key is masked")
    }

    @Test func withoutAKeyOrWithAWrongOne() throws {
        let cli = CLIRunner()
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo")
        defer { portal.stop() }
        try importProfile(cli, key: nil, endpoint: portal.dataAPI.endpoint)
        let none = try cli.run(["callgear", "lists", "cg"])
        #expect(none.code == 2 && none.err.contains("no CallGear Data API key is set"))

        let wrong = CLIRunner()
        try importProfile(wrong, key: "not-the-key", endpoint: portal.dataAPI.endpoint)
        let refused = try wrong.run(["callgear", "lists", "cg"])
        #expect(refused.code == 2)
        #expect(refused.err.contains("not valid (access_token_invalid)") && refused.err.contains("Data API Basic set"))
    }
}
