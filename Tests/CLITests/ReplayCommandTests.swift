import Foundation
import Testing

/// `replay` on the release binary against a sandbox process: offline and live summaries, the
/// JSON of every event, the comparison with a stored version, and the mistakes an operator
/// makes with dates. The sandbox's traffic ends today, so the last weeks have data.
@Suite struct ReplayCommandTests {
    func setUp(_ cli: CLIRunner, _ portal: PortalCommandTests.SandboxProcess) throws {
        let domain = try cli.addAccount(portal, name: "Sandbox")
        try cli.importExample("profile-dubai.json", replacing: "https://demo-callgear.bitrix24.ru", with: domain, as: "cg") {
            text in
            text.replacingOccurrences(
                of: "\"callGear\" : {",
                with:
                    "\"callGear\" : {\n      \"dataAPIKey\" : \"\(portal.dataAPI.key)\",\n      \"dataAPIURL\" : \"\(portal.dataAPI.endpoint)\","
            )
        }
    }

    static var weeksAgo: String {
        String(ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60 * 86_400)).prefix(10))
    }

    @Test func offlineLiveJSONAndTheComparison() throws {
        let cli = CLIRunner()
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo")
        defer { portal.stop() }
        try setUp(cli, portal)

        let offline = try cli.run(["replay", "cg", "--from", Self.weeksAgo])
        #expect(offline.code == 0, "\(offline.err)")
        #expect(offline.out.contains("every visitor taken as unknown"))
        #expect(offline.out.contains("3000 chats, 600 offline requests"), "\(offline.out)")
        #expect(offline.out.contains("New leads and deals: ") && offline.out.contains("channel not ticked"))
        #expect(offline.out.contains("Cost: 4 Data API calls"), "three pages of chats, one of requests")
        #expect(offline.out.contains("new lead at IN_PROCESS + new deal in funnel 2 at C2:NEW"), "no lists cached: IDs")

        let live = try cli.run(["replay", "cg", "--from", Self.weeksAgo, "--live"])
        #expect(live.code == 0, "\(live.err)")
        #expect(live.out.contains("visitors looked up in the portal"))
        #expect(
            live.out.contains("Into existing records: ") && live.out.contains("comment into the existing deal"), "\(live.out)")
        #expect(live.out.contains("0 one by one"))
        // Live, the portal's lists are loaded (and cached): names, not IDs.
        #expect(live.out.contains("new lead at «В работе» + new deal in funnel Повторные продажи (2) at «Новая»"), "\(live.out)")
        #expect(live.out.contains("Мария Смирнова (user 1)"))

        let json = try cli.run(["replay", "cg", "--from", Self.weeksAgo, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(object["chats"] as? Int == 3_000 && object["requests"] as? Int == 600 && object["mode"] as? String == "offline")
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.count == 3_600)
        let first = try #require(events.first { ($0["category"] as? String) == "created" })
        #expect((first["actions"] as? [[String: Any]])?.isEmpty == false && (first["explanation"] as? [Any])?.isEmpty == false)

        // Version 2 unticks every channel but WhatsApp: the comparison names what changes and why.
        let exported = try cli.run(["profile", "export", "cg"]).out
        let narrowed = exported.replacingOccurrences(
            of: #""channels" : \[\s*"111",\s*"7"\s*\]"#, with: #""channels" : ["111"]"#, options: .regularExpression)
        #expect(narrowed != exported, "the example ticks 111 and 7")
        let file = cli.write("narrowed.json", narrowed)
        #expect(try cli.run(["profile", "import", file, "--as", "cg", "--replace"]).code == 0)
        let compared = try cli.run(["replay", "cg", "--from", Self.weeksAgo, "--against", "1"])
        #expect(compared.code == 0, "\(compared.err)")
        #expect(compared.out.contains("Against version 1:"))
        #expect(
            compared.out.contains("chats: new lead") && compared.out.contains("→ nothing: channel not ticked  [Chats channels]"),
            "\(compared.out)")
    }

    @Test func badDatesAndAMissingVersionSayWhat() throws {
        let cli = CLIRunner()
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo")
        defer { portal.stop() }
        try setUp(cli, portal)
        let bad = try cli.run(["replay", "cg", "--from", "2026-02-30"])
        #expect(bad.code == 2 && bad.err.contains("--from '2026-02-30' is not a date"))
        let backwards = try cli.run(["replay", "cg", "--from", "2026-11-10", "--to", "2026-11-01"])
        #expect(backwards.code == 2 && backwards.err.contains("is after --to"))
        // Stopping before the day budget runs out: what was read is replayed, exit 4 says so.
        let stopped = try cli.run(["replay", "cg", "--from", Self.weeksAgo, "--reserve", "2999"])
        #expect(stopped.code == 4, "\(stopped.err)")
        #expect(
            stopped.err.contains("stopped before the Data API day budget ran out") && stopped.out.contains("1000 chats"),
            "\(stopped.out)")
        let missing = try cli.run(["replay", "cg", "--from", Self.weeksAgo, "--against", "9"])
        #expect(missing.code != 0 && missing.err.contains("has no version 9"), "\(missing.err)")
    }
}
