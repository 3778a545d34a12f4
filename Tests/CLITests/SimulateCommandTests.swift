import Foundation
import Testing

/// `simulate` on the example profile and event files: the offline preview, the live dry
/// run and the test apply against a sandbox process, and a broken event file.
@Suite struct SimulateCommandTests {
    /// A store with the Dubai example profile on the sandbox portal ("sim").
    func setUp(_ cli: CLIRunner, _ portal: PortalCommandTests.SandboxProcess) throws {
        let domain = try cli.addAccount(portal, name: "Sandbox")
        try cli.importExample("profile-dubai.json", replacing: "https://demo-callgear.bitrix24.ru", with: domain, as: "sim")
    }

    static func example(_ name: String) -> String { CLIRunner.repositoryRoot + "/Examples/" + name }

    @Test func offlinePreviewLiveDryRunAndTestApply() throws {
        let cli = CLIRunner()
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo")
        defer { portal.stop() }
        try setUp(cli, portal)

        // Offline: the portal is assumed to know nobody — a first contact.
        let preview = try cli.run(["simulate", "sim", "--event", Self.example("event-chat-started.json")])
        #expect(preview.code == 0, "\(preview.err)")
        #expect(preview.out.contains("offline preview"))
        // A deal is created and no contact is known: the visitor becomes a contact first.
        #expect(preview.out.contains("1. create contact \"Анна Петрова\" from the visitor's name, phone and e-mail"))
        #expect(preview.out.contains("2. create lead \"Чат WhatsApp Web 111 — +7 999 123-45-67 (5001)\" at stage IN_PROCESS"))
        #expect(
            preview.out.contains("[Filter of chat funnels for first client contact › Funnel rule 1]"), "\(preview.out)")

        // Live: Анна has an open deal #1, a won deal and a converted lead.
        let live = try cli.run(["simulate", "sim", "--event", Self.example("event-chat-started.json"), "--live"])
        #expect(live.code == 0, "\(live.err)")
        #expect(live.out.contains("The portal knows: lead #1 (closed), deal #1, deal #2 (closed), contact #1"))
        #expect(live.out.contains("1. add each message as a comment to deal #1 as the chat goes"))
        #expect(live.out.contains("2. add an activity to deal #1"))

        // Apply needs a confirmation.
        let unconfirmed = try cli.run(["simulate", "sim", "--event", Self.example("event-offline-request.json"), "--apply"])
        #expect(unconfirmed.code == 2 && unconfirmed.err.contains("add --yes"))

        let applied = try cli.run(["simulate", "sim", "--event", Self.example("event-offline-request.json"), "--apply", "--yes"])
        #expect(applied.code == 0, "\(applied.err)")
        #expect(applied.out.contains("1. created lead #4"))
        #expect(applied.out.contains("ORIGIN_ID = callgear-setup-test-"))

        // The new client is known now: the same request is a repeated contact.
        let again = try cli.run(["simulate", "sim", "--event", Self.example("event-offline-request.json"), "--live", "--json"])
        #expect(again.code == 0, "\(again.err)")
        #expect(again.out.contains("\"type\" : \"add_comment\""))
        #expect(again.out.contains("lead #4"))
    }

    @Test func aBrokenEventFileSaysWhere() throws {
        let cli = CLIRunner()
        #expect(try cli.run(["profile", "import", Self.example("profile-dubai.json"), "--as", "sim"]).code == 0)
        let file = cli.folder + "/event.json"
        try """
        {
          "kind": "chat",
          "channel": { "id": "111" },
          "visiter": { "name": "x" }
        }
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let unknown = try cli.run(["simulate", "sim", "--event", file])
        #expect(unknown.code == 2)
        #expect(unknown.err.contains("event.json:4:14: $.visiter: unknown field 'visiter'"), "\(unknown.err)")

        try #"{"kind": "chat", "channel": {"id": "111"}, "phase": "paused"}"#.write(
            toFile: file, atomically: true, encoding: .utf8)
        let phase = try cli.run(["simulate", "sim", "--event", file])
        #expect(phase.err.contains("$.phase: unknown event phase 'paused'"), "\(phase.err)")

        try #"{"kind": "chat", "visitor": {}"#.write(toFile: file, atomically: true, encoding: .utf8)
        let truncated = try cli.run(["simulate", "sim", "--event", file])
        #expect(truncated.code == 2 && truncated.err.contains("event.json:1:"), "\(truncated.err)")

        try #"{"kind": "chat", "visitor": {}}"#.write(toFile: file, atomically: true, encoding: .utf8)
        let noChannel = try cli.run(["simulate", "sim", "--event", file])
        #expect(noChannel.err.contains("a chat needs its channel"), "\(noChannel.err)")
    }
}
