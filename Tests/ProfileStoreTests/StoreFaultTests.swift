import Foundation
import ProfileStore
import SetupModel
import Testing

/// The machine's faults, on real file systems: a full disk (a small tmpfs) and a read-only
/// mount. Both need mount(8) and so root; without it the test says so and passes nothing.
@Suite(.serialized) struct StoreFaultTests {
    /// Mounts `options` at a new folder; nil when this user may not mount.
    static func mount(_ options: [String], source: String = "tmpfs") -> String? {
        let folder = NSTemporaryDirectory() + "cgs-mount-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard run(["/bin/mount"] + options + [source, folder]) == 0 else {
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        }
        return folder
    }

    static func unmount(_ folder: String) {
        _ = run(["/bin/umount", "-l", folder])
        try? FileManager.default.removeItem(atPath: folder)
    }

    @discardableResult
    static func run(_ argv: [String]) -> Int32 {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { return -1 }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return (status >> 8) & 0xFF
    }

    @Test func aFullDiskIsNamedAndReadsStillWork() throws {
        guard let folder = Self.mount(["-t", "tmpfs", "-o", "size=1m"]) else {
            print("skipped: mount(8) is not allowed for this user")
            return
        }
        defer { Self.unmount(folder) }
        let path = folder + "/store.sqlite"
        do {
            let store = try ProfileStore(path: path)
            try store.addAccount(StoreFixtures.account)
            try store.createProfile(StoreFixtures.profile("main"), author: Author(user: "t"))
        }
        // Fill the disk to the last byte.
        let filler = folder + "/filler"
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: filler))
        let block = Data(count: 4096)
        while (try? handle.write(contentsOf: block)) != nil {}
        try? handle.close()

        let store = try ProfileStore(path: path)
        #expect(try store.profileSummaries().map(\.name) == ["main"], "reading works on a full disk")
        do {
            try store.createProfile(StoreFixtures.profile("second"), author: Author(user: "t"))
            Issue.record("a save on a full disk succeeded")
        } catch {
            #expect(error.description.contains("the disk holding \(path) is full"), "\(error.description)")
        }
    }

    @Test func aReadOnlyStoreReadsAndSaysWhySavingFails() throws {
        let source = NSTemporaryDirectory() + "cgs-ro-src-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: source) }
        do {
            let store = try ProfileStore(path: source + "/store.sqlite")
            try store.addAccount(StoreFixtures.account)
            try store.createProfile(StoreFixtures.profile("main"), author: Author(user: "t"))
        }
        guard let folder = Self.mount(["--bind", "-o", "ro"], source: source) else {
            print("skipped: mount(8) is not allowed for this user")
            return
        }
        defer { Self.unmount(folder) }
        // Older util-linux ignores "ro" on the first bind: make sure it is read-only.
        Self.run(["/bin/mount", "-o", "remount,ro,bind", folder])
        let path = folder + "/store.sqlite"
        let store = try ProfileStore(path: path)
        #expect(store.isReadOnly)
        #expect(try store.profileSummaries().map(\.name) == ["main"])
        #expect(try store.loadProfile(named: "main").version == 1)
        do {
            try store.createProfile(StoreFixtures.profile("second"), author: Author(user: "t"))
            Issue.record("a save on a read-only store succeeded")
        } catch {
            #expect(
                error.description.contains(
                    "\(path) is read-only (its disk is mounted read-only): reading works, saving does not"),
                "\(error.description)")
        }
    }

    @Test func aChangedDataAPIKeyIsInHistoryWithoutItsValue() throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        var profile = StoreFixtures.profile("main")
        profile.callGear.dataAPIKey = nil
        try store.createProfile(profile, author: Author(user: "t"))
        profile.callGear.dataAPIKey = Secret("first-secret-key-123")
        try store.saveProfile(profile, expectedVersion: 1, author: Author(user: "t"))
        profile.callGear.dataAPIKey = Secret("second-secret-key-456")
        try store.saveProfile(profile, expectedVersion: 2, author: Author(user: "t"))
        let history = try store.history(ofProfile: "main")
        #expect(history[1].changes.map(\.description) == ["callGear.dataAPIKey: added (hidden)"])
        #expect(history[2].changes.map(\.description) == ["callGear.dataAPIKey: (hidden) → (another value, hidden)"])
        let text = "\(history)"
        #expect(!text.contains("first-secret") && !text.contains("second-secret"))
    }
}
