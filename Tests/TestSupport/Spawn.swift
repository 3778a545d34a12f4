import Foundation

/// posix_spawn + waitpid: Foundation's Process left tmux clients unreaped here, hanging
/// waitUntilExit; this is the plain, predictable way.
public enum Spawn {
    public static func run(_ argv: [String], capture: Bool) throws -> String {
        var fds: [Int32] = [0, 0]
        guard SpawnGuard.pipe(&fds) else { throw POSIXError(.EMFILE) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "TMUX")
        let env = environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        let status = SpawnGuard.spawn(&pid, argv[0], &actions, cArgs, cEnv)
        close(fds[1])
        guard status == 0 else {
            close(fds[0])
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL)
        }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &chunk, chunk.count)
            if n <= 0 { break }
            output += chunk[0..<n]
        }
        close(fds[0])
        var exitStatus: Int32 = 0
        waitpid(pid, &exitStatus, 0)
        return String(decoding: output, as: UTF8.self)
    }
}

/// Tests spawn processes from many threads at once. A pipe made by one thread must not
/// leak into a child spawned by another (a long-lived sandbox holding a CLI run's stdout
/// open made that run's read wait forever), so pipes are created close-on-exec and
/// spawning is serialised with their creation.
public enum SpawnGuard {
    private static let lock = NSLock()

    /// `pipe()` with both ends close-on-exec; dup2 into a child's 0/1/2 clears the flag there.
    public static func pipe(_ fds: inout [Int32]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard Glibc.pipe(&fds) == 0 else { return false }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return true
    }

    /// `defaultSignals`: the child starts as from a shell, every signal at its default and
    /// none blocked. A test that ignores SIGTERM (the console runtime's signal sources do), or
    /// a worker thread that blocks it, would otherwise hand that on, and a server process
    /// stopped with SIGTERM would outlive it — and its test. (tmux keeps what it inherits:
    /// its panes' end-of-command output depends on it.)
    public static func spawn(
        _ pid: inout pid_t, _ path: String, _ actions: inout posix_spawn_file_actions_t,
        _ argv: [UnsafeMutablePointer<CChar>?], _ env: UnsafePointer<UnsafeMutablePointer<CChar>?>,
        defaultSignals: Bool = false
    ) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        guard defaultSignals else { return posix_spawn(&pid, path, &actions, nil, argv, env) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        return posix_spawn(&pid, path, &actions, &attributes, argv, env)
    }
}

/// A folder under the temporary directory that goes with its owner, pass or fail.
public final class TemporaryFolder: Sendable {
    public let path: String

    public init(_ prefix: String) {
        path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString.prefix(12))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
