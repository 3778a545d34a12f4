import Foundation
import TestSupport
import Testing

/// Runs the built `callgear-setup` binary as an operator's shell would, with a private
/// HOME and store, and collects exit code, stdout and stderr.
final class CLIRunner: Sendable {
    struct Result {
        var code: Int32
        var out: String
        var err: String
    }

    let folder: String
    var store: String { folder + "/store.sqlite" }

    init() {
        folder = NSTemporaryDirectory() + "cgs-cli-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// The folder (HOME, store, files) goes with the test, pass or fail.
    deinit { try? FileManager.default.removeItem(atPath: folder) }

    static var binary: String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("callgear-setup").path
    }

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// `args` get `--store` appended unless `withStore` is false. Spawned with posix_spawn and
    /// reaped with waitpid: Foundation's Process was seen reaping children late under load.
    @discardableResult
    func run(_ args: [String], stdin: String? = nil, withStore: Bool = true, environment extra: [String: String] = [:]) throws
        -> Result
    {
        var environment = ["HOME": folder, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        environment.merge(extra) { $1 }
        let argv = [Self.binary] + args + (withStore ? ["--store", store] : [])
        var input: [Int32] = [0, 0]
        var output: [Int32] = [0, 0]
        var errors: [Int32] = [0, 0]
        guard SpawnGuard.pipe(&input), SpawnGuard.pipe(&output), SpawnGuard.pipe(&errors) else { throw POSIXError(.EMFILE) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        for fd in input + output + errors { posix_spawn_file_actions_addclose(&actions, fd) }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = SpawnGuard.spawn(&pid, Self.binary, &actions, cArgs, cEnv)
        close(input[0])
        close(output[1])
        close(errors[1])
        guard status == 0 else {
            close(input[1]); close(output[0]); close(errors[0])
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL)
        }
        if let stdin { _ = Array(stdin.utf8).withUnsafeBytes { Glibc.write(input[1], $0.baseAddress, $0.count) } }
        close(input[1])
        // Read both streams together so neither pipe can fill up and stall the child.
        var out = [UInt8]()
        var err = [UInt8]()
        var fds = [
            pollfd(fd: output[0], events: Int16(POLLIN), revents: 0), pollfd(fd: errors[0], events: Int16(POLLIN), revents: 0),
        ]
        var open = 2
        var chunk = [UInt8](repeating: 0, count: 8192)
        while open > 0 {
            _ = poll(&fds, 2, -1)
            for i in 0..<2 where fds[i].fd >= 0 && fds[i].revents != 0 {
                let n = read(fds[i].fd, &chunk, chunk.count)
                if n > 0 {
                    if i == 0 { out += chunk[0..<n] } else { err += chunk[0..<n] }
                } else {
                    close(fds[i].fd)
                    fds[i].fd = -1
                    open -= 1
                }
            }
        }
        var exitStatus: Int32 = 0
        waitpid(pid, &exitStatus, 0)
        return Result(
            code: (exitStatus >> 8) & 0xFF, out: String(decoding: out, as: UTF8.self), err: String(decoding: err, as: UTF8.self))
    }

    func write(_ name: String, _ text: String) -> String {
        let path = folder + "/" + name
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func example(_ name: String) -> String {
        Self.repositoryRoot + "/Examples/" + name
    }
}

extension CLIRunner {
    /// Adds a sandbox process as an account (the webhook through stdin); returns its domain.
    @discardableResult
    func addAccount(_ portal: PortalCommandTests.SandboxProcess, name: String) throws -> String {
        let domain = String(portal.webhook.split(separator: "/rest/")[0])
        let added = try run(
            ["account", "add", "--domain", domain, "--name", name, "--webhook-stdin"], stdin: portal.webhook + "\n")
        #expect(added.code == 0, "\(added.err)")
        return domain
    }

    /// Imports one of `Examples/` with its portal replaced by `domain` (and any other edit).
    func importExample(
        _ file: String, replacing exampleDomain: String, with domain: String, as name: String? = nil,
        edit: (String) -> String = { $0 }
    ) throws {
        let text = try String(contentsOfFile: Self.repositoryRoot + "/Examples/" + file, encoding: .utf8)
        let document = folder + "/import-\(UUID().uuidString.prefix(6)).json"
        try edit(text.replacingOccurrences(of: exampleDomain, with: domain)).write(
            toFile: document, atomically: true, encoding: .utf8)
        let imported = try run(["profile", "import", document] + (name.map { ["--as", $0] } ?? []))
        #expect(imported.code == 0, "\(imported.err)")
    }
}
