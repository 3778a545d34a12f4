import Foundation
import TestSupport
import Testing

/// The binary against a sandbox portal in this process, over loopback.
@Suite struct PortalCommandTests {
    /// `callgear-setup sandbox` in a process of its own, as an operator runs it: the test
    /// process's threads cannot starve it, and killing it really takes the portal down.
    final class SandboxProcess {
        let pid: pid_t
        let webhook: String
        /// The Data API emulator: its endpoint and key (the second line printed).
        let dataAPI: (endpoint: String, key: String)

        init(seed: String, extra: [String] = []) throws {
            var output: [Int32] = [0, 0]
            guard SpawnGuard.pipe(&output) else { throw POSIXError(.EMFILE) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_adddup2(&actions, output[1], 1)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addclose(&actions, output[0])
            posix_spawn_file_actions_addclose(&actions, output[1])
            let argv = [CLIRunner.binary, "sandbox", "--seed", seed] + extra
            let cArgs = argv.map { strdup($0) } + [nil]
            defer { cArgs.forEach { free($0) } }
            var pid: pid_t = 0
            let status = SpawnGuard.spawn(&pid, CLIRunner.binary, &actions, cArgs, environ, defaultSignals: true)
            close(output[1])
            guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
            self.pid = pid
            // Both lines are read before the pipe is closed: writing the second into a
            // closed pipe would kill the sandbox with SIGPIPE.
            func line() -> String {
                var bytes = [UInt8]()
                var byte: UInt8 = 0
                while read(output[0], &byte, 1) == 1, byte != UInt8(ascii: "\n") { bytes.append(byte) }
                return String(decoding: bytes, as: UTF8.self)
            }
            webhook = line()
            let parts = line().split(separator: " ").map(String.init)
            dataAPI = (parts.count > 1 ? parts[1] : "", parts.count > 2 ? parts[2] : "")
            close(output[0])
        }

        func stop() {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }

        deinit { if kill(pid, 0) == 0 { stop() } }
    }

    @Test func listsAreSanitizedCachedAndShownStaleWhenThePortalIsDown() throws {
        let cli = CLIRunner()
        let portal = try SandboxProcess(seed: "hostile")
        #expect(portal.webhook.hasPrefix("http://127.0.0.1:"))
        let domain = String(portal.webhook.split(separator: "/rest/")[0])
        let added = try cli.run(
            ["account", "add", "--domain", domain, "--name", "Sandbox", "--webhook-stdin"], stdin: portal.webhook + "\n")
        #expect(added.code == 0, "\(added.err)")

        let live = try cli.run(["portal", "lists", "Sandbox"])
        #expect(live.code == 0, "\(live.err)")
        #expect(live.out.contains("Users (76)"))
        #expect(live.out.contains("␛[31mКрасный␛[0m"))
        #expect(!live.out.contains("\u{1B}") && !live.out.contains("\u{202E}") && !live.out.contains("\u{200B}"))
        let json = try cli.run(["portal", "lists", "Sandbox", "--json"])
        #expect(!json.out.contains("\u{1B}") && json.out.contains("\\u001b[31m"))

        portal.stop()
        let stale = try cli.run(["portal", "lists", "Sandbox"])
        #expect(stale.code == 4, "cached data is its own exit code: \(stale.err)")
        #expect(stale.err.contains("stale: cannot connect to 127.0.0.1"))
        #expect(stale.err.contains("shown: the lists fetched at"))
        #expect(stale.out.contains("Users (76)"))
    }

    @Test func verifyShowsUserScopesAndMode() throws {
        let cli = CLIRunner()
        let portal = try SandboxProcess(seed: "demo")
        let result = try cli.run(["account", "verify", "--webhook", portal.webhook], withStore: false)
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("as user 1 (administrator)"))
        #expect(result.out.contains("scopes: crm, user, department, im"))
        #expect(result.out.contains("CRM mode: classic"))
    }

    @Test func wrongWebhookSaysWhatToDo() throws {
        let cli = CLIRunner()
        let portal = try SandboxProcess(seed: "demo")
        let wrong = String(portal.webhook.split(separator: "/rest/")[0]) + "/rest/1/wrongcode12345/"
        let result = try cli.run(["portal", "lists", "--webhook", wrong], withStore: false)
        #expect(result.code == 2)
        #expect(result.err.contains("does not accept this webhook"))
        #expect(result.err.contains("fix: copy the webhook URL again"))
    }

    @Test func unreachablePortalWithoutCacheExitsThree() throws {
        let cli = CLIRunner()
        let result = try cli.run(
            ["portal", "lists", "--webhook", "http://127.0.0.1:1/rest/1/abcdef0123456789/"], withStore: false)
        #expect(result.code == 3)
        #expect(result.err.contains("cannot connect to 127.0.0.1"))
    }
}
