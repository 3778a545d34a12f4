import Foundation
import Synchronization
import TestSupport
import Testing

/// Several real processes at once against one store: the OAuth refresh race and one-shot
/// switches under concurrent saves.
@Suite struct ConcurrencyHardeningTests {
    /// Runs `count` copies of a command at the same moment, each in its own process.
    static func together(_ cli: CLIRunner, _ count: Int, _ args: @escaping @Sendable (Int) -> [String]) -> [CLIRunner.Result] {
        let results = Mutex<[Int: CLIRunner.Result]>([:])
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let result = (try? cli.run(args(i))) ?? CLIRunner.Result(code: -1, out: "", err: "spawn failed")
            results.withLock { $0[i] = result }
        }
        return results.withLock { dict in (0..<count).map { dict[$0]! } }
    }

    @Test func twoProcessesMeetingAnExpiredTokenBothSucceed() async throws {
        try await Self.offPool { try Self.expiredTokenRace() }
    }

    /// Blocking work (sleeps, waiting for processes) on a thread of its own, so the
    /// cooperative pool stays free for the in-process sandboxes of other suites.
    static func offPool(_ body: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread {
                do {
                    try body()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    static func expiredTokenRace() throws {
        let cli = CLIRunner()
        let oauthFile = cli.folder + "/oauth.json"
        let portal = try PortalCommandTests.SandboxProcess(
            seed: "demo", extra: ["--oauth-file", oauthFile, "--token-lifetime", "1", "--no-rate-limit"])
        defer { portal.stop() }
        let domain = String(portal.webhook.split(separator: "/rest/")[0])
        #expect(try cli.run(["account", "add", "--domain", domain, "--name", "OAuth", "--oauth-file", oauthFile]).code == 0)
        // Eight rounds: each time the token has expired and two processes call at once.
        for round in 1...8 {
            Thread.sleep(forTimeInterval: 1.2)
            let results = Self.together(cli, 2) { _ in ["account", "verify", "OAuth"] }
            for result in results {
                #expect(result.code == 0, "round \(round): \(result.err)")
                #expect(!result.err.contains("reconnect"), "round \(round): \(result.err)")
            }
        }
    }

    @Test func switchingUnderConcurrentSavesIsRetriedNotRefused() async throws {
        try await Self.offPool { try Self.concurrentSwitches() }
    }

    static func concurrentSwitches() throws {
        let cli = CLIRunner()
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo")
        defer { portal.stop() }
        let domain = try cli.addAccount(portal, name: "Sandbox")
        try cli.importExample("profile-dubai.json", replacing: "https://demo-callgear.bitrix24.ru", with: domain, as: "main")
        let results = Self.together(cli, 12) { i in ["profile", i.isMultiple(of: 2) ? "activate" : "deactivate", "main"] }
        for result in results {
            #expect(result.code == 0, "\(result.err)")
            #expect(!result.err.contains("reload it"), "a one-shot command cannot follow that advice: \(result.err)")
        }
    }
}
