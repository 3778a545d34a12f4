import Bitrix24
import Foundation
import Testing
import Transport

/// Real TLS servers on loopback (`openssl s_server`) with certificates nothing trusts: the
/// transport refuses them and says which fault it met.
@Suite(.serialized) struct TLSRefusalTests {
    /// A child process by posix_spawn, reaped with waitpid (Foundation's Process was seen
    /// to hang in waitUntilExit under the test runner).
    static func spawn(_ args: [String], in folder: String) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ["/usr/bin/openssl"] + args
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        return posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 ? pid : nil
    }

    /// Runs `openssl` with `args` in `folder`; true when it exited 0.
    static func openssl(_ args: [String], in folder: String) -> Bool {
        guard let pid = spawn(args, in: folder) else { return false }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return status == 0
    }

    /// Serves `cert`/`key` on a free port until the returned process is stopped.
    static func serve(cert: String, key: String, in folder: String) throws -> (pid_t, Int) {
        for port in (20_000..<20_050).shuffled() {
            guard
                let pid = spawn(
                    ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key, "-www", "-quiet"], in: folder)
            else { break }
            Thread.sleep(forTimeInterval: 0.4)
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == 0 { return (pid, port) }
        }
        throw POSIXError(.EADDRINUSE)
    }

    static func stop(_ pid: pid_t) {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    func fault(of url: String) async -> TLSFault? {
        do {
            _ = try await CurlTransport().post(url, json: Data("{}".utf8), timeouts: Timeouts(connectMs: 3_000, totalMs: 5_000))
            return nil
        } catch {
            if case .tls(_, let fault, _) = error { return fault }
            Issue.record("not a TLS failure: \(error)")
            return nil
        }
    }

    @Test func selfSignedAndUnknownAuthorityAreToldApart() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
            print("skipped: no /usr/bin/openssl")
            return
        }
        let folder = NSTemporaryDirectory() + "cgs-tls-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let subject = ["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        #expect(
            Self.openssl(
                [
                    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", folder + "/self.key", "-out",
                    folder + "/self.crt", "-days", "2",
                ]
                    + subject, in: folder))
        #expect(
            Self.openssl(
                [
                    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", folder + "/ca.key", "-out", folder + "/ca.crt",
                    "-days", "2", "-subj", "/CN=Private CA",
                ],
                in: folder))
        #expect(
            Self.openssl(
                ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", folder + "/leaf.key", "-out", folder + "/leaf.csr"] + subject,
                in: folder))
        #expect(
            Self.openssl(
                [
                    "x509", "-req", "-in", folder + "/leaf.csr", "-CA", folder + "/ca.crt", "-CAkey", folder + "/ca.key",
                    "-CAcreateserial", "-out", folder + "/leaf.crt", "-days", "2",
                ],
                in: folder))

        let (selfSigned, selfPort) = try Self.serve(cert: folder + "/self.crt", key: folder + "/self.key", in: folder)
        defer { Self.stop(selfSigned) }
        #expect(await fault(of: "https://127.0.0.1:\(selfPort)/rest/1/abcdef0123456789/profile.json") == .selfSigned)

        let (privateCA, caPort) = try Self.serve(cert: folder + "/leaf.crt", key: folder + "/leaf.key", in: folder)
        defer { Self.stop(privateCA) }
        #expect(await fault(of: "https://127.0.0.1:\(caPort)/rest/1/abcdef0123456789/profile.json") == .unknownAuthority)
    }
}
