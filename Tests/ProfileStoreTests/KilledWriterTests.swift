import Foundation
import GRDB
import SetupModel
import Testing

@testable import ProfileStore

/// A writer process SIGKILLed at random moments must leave the old or the new version.
@Suite struct KilledWriterTests {
    @Test func killedWriterLeavesAWholeVersion() throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        try store.createProfile(StoreFixtures.profile(), author: StoreFixtures.alice)
        let writer = StoreFixtures.productPath("StoreWriter")
        try #require(FileManager.default.isExecutableFile(atPath: writer), "StoreWriter not built at \(writer)")

        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for _ in 0..<8 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: writer)
            process.arguments = [store.path, "main", "100000"]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            // Wait for the first save, then kill at a random moment in the stream of saves.
            _ = out.fileHandleForReading.availableData
            usleep(UInt32.random(in: 1_000...40_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { kills += 1 }

            try checkWholeVersion(path: store.path)
        }
        #expect(kills == 8)
    }

    private func checkWholeVersion(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        let integrity = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
        let store = try ProfileStore(path: path)
        let stored = try store.loadProfile(named: "main")
        let history = try store.history(ofProfile: "main")
        #expect(history.last?.version == stored.version)
        #expect(history.map(\.version) == Array(1...stored.version))
        if stored.version > 1 {
            // Every stamped field carries the same version: no torn document.
            #expect(stored.profile.chats.defaultResponsible == "\(stored.version)")
            #expect(stored.profile.other.templates.allSatisfy { $0.text.hasPrefix("v\(stored.version) ") })
            #expect(stored.profile.chats.responsibleRules.count == stored.version % 7 + 1)
            var withoutSecrets = stored.profile
            withoutSecrets.callGear.dataAPIKey = nil
            #expect(try store.profile(named: "main", version: stored.version) == withoutSecrets)
        }
    }
}
