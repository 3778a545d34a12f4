import Foundation
import Sandbox
import Testing

/// The binary against a sandbox portal in this process, over loopback.
@Suite struct PortalCommandTests {
    @Test func listsAreSanitizedCachedAndShownStaleWhenThePortalIsDown() async throws {
        let cli = CLIRunner()
        let portal = SandboxPortal(data: .hostile)
        let base = try await portal.start()
        let webhook = await portal.webhookURL(base: base)
        let added = try await cli.runAsync(
            ["account", "add", "--domain", base, "--name", "Sandbox", "--webhook-stdin"], stdin: webhook + "\n")
        #expect(added.code == 0, "\(added.err)")

        let live = try await cli.runAsync(["portal", "lists", "Sandbox"])
        #expect(live.code == 0, "\(live.err)")
        #expect(live.out.contains("Users (76)"))
        #expect(live.out.contains("␛[31mКрасный␛[0m"))
        #expect(!live.out.contains("\u{1B}") && !live.out.contains("\u{202E}") && !live.out.contains("\u{200B}"))
        let json = try await cli.runAsync(["portal", "lists", "Sandbox", "--json"])
        #expect(!json.out.contains("\u{1B}") && json.out.contains("\\u001b[31m"))

        // The portal goes down: it answers every call with a 503 page.
        var down = SandboxPortal.Faults()
        down.htmlStatus = 503
        await portal.setFaults(down)
        let stale = try await cli.runAsync(["portal", "lists", "Sandbox"])
        #expect(stale.code == 0, "\(stale.err)")
        #expect(stale.err.contains("stale: the portal cannot be reached"))
        #expect(stale.out.contains("Users (76)"))
        await portal.stop()
    }

    @Test func verifyShowsUserScopesAndMode() async throws {
        let cli = CLIRunner()
        let portal = SandboxPortal()
        let base = try await portal.start()
        let result = try await cli.runAsync(
            ["account", "verify", "--webhook", await portal.webhookURL(base: base)], withStore: false)
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("as user 1 (administrator)"))
        #expect(result.out.contains("scopes: crm, user, department, im"))
        #expect(result.out.contains("CRM mode: classic"))
        await portal.stop()
    }

    @Test func wrongWebhookSaysWhatToDo() async throws {
        let cli = CLIRunner()
        let portal = SandboxPortal()
        let base = try await portal.start()
        let wrong = "\(base)/rest/1/wrongcode12345/"
        let result = try await cli.runAsync(["portal", "lists", "--webhook", wrong], withStore: false)
        #expect(result.code == 2)
        #expect(result.err.contains("does not accept this webhook"))
        #expect(result.err.contains("fix: copy the webhook URL again"))
        await portal.stop()
    }

    @Test func unreachablePortalWithoutCacheExitsThree() throws {
        let cli = CLIRunner()
        let result = try cli.run(
            ["portal", "lists", "--webhook", "http://127.0.0.1:1/rest/1/abcdef0123456789/"], withStore: false)
        #expect(result.code == 3)
        #expect(result.err.contains("cannot connect to 127.0.0.1"))
    }

    @Test func sandboxCommandPrintsAWorkingWebhook() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["sandbox", "--seed", "demo"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate() }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let webhook = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(webhook.hasPrefix("http://127.0.0.1:") && webhook.hasSuffix("/rest/1/sandbox0webhook1/"))
        let cli = CLIRunner()
        let verify = try cli.run(["account", "verify", "--webhook", webhook], withStore: false)
        #expect(verify.code == 0, "\(verify.err)")
    }
}
