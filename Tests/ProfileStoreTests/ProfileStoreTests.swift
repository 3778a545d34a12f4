import Foundation
import SetupModel
import Testing

@testable import ProfileStore

@Suite struct ProfileStoreTests {
    @Test func createsFileAndFolderWithPrivateModes() throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        let file = try FileManager.default.attributesOfItem(atPath: store.path)
        let folder = try FileManager.default.attributesOfItem(atPath: dir.path + "/data")
        #expect((file[.posixPermissions] as? Int) == 0o600)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
    }

    @Test func savesVersionsWithHistoryAndAuthor() throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        let created = try store.createProfile(StoreFixtures.profile(), author: StoreFixtures.alice)
        #expect(created.version == 1)
        var edited = created.profile
        edited.chats.createOn = .chatEnd
        edited.integrationActive = true
        let saved = try store.saveProfile(edited, expectedVersion: 1, author: StoreFixtures.bob)
        #expect(saved.version == 2)

        let loaded = try store.loadProfile(named: "main")
        #expect(loaded.profile == edited)
        #expect(loaded.updatedBy == "bob")
        #expect(loaded.profile.callGear.dataAPIKey?.value == "key-0123456789abcdef")

        let history = try store.history(ofProfile: "main")
        #expect(history.map(\.version) == [1, 2])
        #expect(history[0].user == "alice" && history[0].clientAddress == "10.1.2.3")
        #expect(history[1].changes.map(\.path) == ["chats.createOn", "integrationActive"])
        // History keeps no secrets.
        #expect(try store.profile(named: "main", version: 1).callGear.dataAPIKey == nil)
        #expect(try store.profileSummaries().map(\.active) == [true])
    }

    @Test func concurrentSaveIsAConflictAndOverwritesNothing() throws {
        let dir = TempDir()
        let first = try StoreFixtures.store(in: dir)
        try first.createProfile(StoreFixtures.profile(), author: StoreFixtures.alice)
        // A second connection, as a second operator's process would have.
        let second = try ProfileStore(path: first.path)
        var a = try first.loadProfile(named: "main")
        var b = try second.loadProfile(named: "main")
        a.profile.chats.notifyOnCreate = true
        b.profile.chats.copyCommentsToContact = true
        try first.saveProfile(a.profile, expectedVersion: a.version, author: StoreFixtures.alice)
        #expect {
            try second.saveProfile(b.profile, expectedVersion: b.version, author: StoreFixtures.bob)
        } throws: { error in
            guard case .conflict(_, 1, 2, "alice@10.1.2.3", _) = error as? StoreError else { return false }
            return true
        }
        #expect(try first.loadProfile(named: "main").profile == a.profile)
        // Overwriting knowingly works and is recorded.
        b.version = 2
        try second.saveProfile(b.profile, expectedVersion: 1, author: StoreFixtures.bob, overwrite: true)
        #expect(try first.loadProfile(named: "main").version == 3)
    }

    @Test func parallelWritersInTwoThreadsNeverLoseASave() async throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        try store.createProfile(StoreFixtures.profile(), author: StoreFixtures.alice)
        let path = store.path
        // Each writer retries on conflict, as an operator reloading would: all 2×25 saves land.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let own = try ProfileStore(path: path)
                    var done = 0
                    while done < 25 {
                        let current = try own.loadProfile(named: "main")
                        var p = current.profile
                        p.callGear.tags.append("w\(writer)-\(done)")
                        do {
                            try own.saveProfile(p, expectedVersion: current.version, author: Author(user: "w\(writer)"))
                            done += 1
                        } catch StoreError.conflict {
                            continue
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try store.loadProfile(named: "main")
        #expect(final.version == 51)
        #expect(final.profile.callGear.tags.count == 50)
    }

    @Test func accountInUseIsRefusedUnlessCascading() throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        try store.createProfile(StoreFixtures.profile(), author: StoreFixtures.alice)
        #expect(throws: StoreError.accountInUse(domain: StoreFixtures.domain.description, profiles: ["main"])) {
            try store.removeAccount(domain: StoreFixtures.domain.description, cascade: false)
        }
        try store.removeAccount(domain: StoreFixtures.domain.description, cascade: true)
        #expect(try store.profileSummaries().isEmpty)
        #expect(try store.accounts().isEmpty)
    }

    @Test func renamingTheDomainMovesItsProfiles() throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        try store.createProfile(StoreFixtures.profile(), author: StoreFixtures.alice)
        var account = StoreFixtures.account
        account.domain = try PortalDomain(parsing: "renamed.bitrix24.ru")
        try store.updateAccount(domain: StoreFixtures.domain.description, to: account)
        #expect(try store.loadProfile(named: "main").profile.account == "https://renamed.bitrix24.ru")
        #expect(try store.findAccount("renamed.bitrix24.ru/").name == "Тест")
        #expect(try store.findAccount("Тест").domain == account.domain)
    }

    @Test func profileNeedsAKnownAccount() throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        var p = StoreFixtures.profile()
        p.account = "https://nope.bitrix24.ru"
        #expect(throws: StoreError.accountNotFound("https://nope.bitrix24.ru")) {
            try store.createProfile(p, author: StoreFixtures.alice)
        }
    }

    @Test func draftsAndCacheRoundTrip() throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        let draft = Draft(profileName: "main", baseVersion: 3, profile: StoreFixtures.profile(), reason: "SIGHUP")
        try store.saveDraft(draft)
        #expect(try store.drafts().first?.profile == draft.profile)
        try store.deleteDraft(profileName: "main")
        #expect(try store.drafts().isEmpty)
        try store.putCache(account: "a", kind: "catalog", payload: "{\"x\":1}")
        #expect(try store.cached(account: "a", kind: "catalog")?.payload == "{\"x\":1}")
        #expect(try store.cached(account: "a", kind: "other") == nil)
    }

    @Test func fileThatIsNotSQLiteIsRefusedAndKept() throws {
        let dir = TempDir()
        let path = dir.path + "/store.sqlite"
        try "these are my notes, not a database".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.notAStore(path: path)) { try ProfileStore(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "these are my notes, not a database")
    }

    @Test(.enabled(if: geteuid() != 0, "root writes into read-only folders; the CLI tests cover a path that cannot be made"))
    func readOnlyFolderGivesAClearMessage() throws {
        let dir = TempDir()
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: dir.path)
        #expect { try ProfileStore(path: dir.path + "/store.sqlite") } throws: { error in
            "\(error)".contains("cannot create the store")
        }
    }

    @Test func folderThatCannotBeMadeGivesAClearMessage() throws {
        let dir = TempDir()
        let blocker = dir.path + "/file"
        try "x".write(toFile: blocker, atomically: true, encoding: .utf8)
        #expect { try ProfileStore(path: blocker + "/sub/store.sqlite") } throws: { error in
            "\(error)".hasPrefix("cannot create the store at \(blocker)/sub/store.sqlite")
        }
    }
}

@Suite struct ImportTests {
    @Test func importAddsAccountAndProfileInOneGo() throws {
        let dir = TempDir()
        let store = try ProfileStore(path: dir.path + "/s.sqlite")
        let doc = ProfileDocument(profile: StoreFixtures.profile(), account: StoreFixtures.account)
        let result = try store.importDocument(doc, replace: false, author: StoreFixtures.alice)
        #expect(result.account == .added && !result.replaced && result.stored.version == 1)
        #expect(try store.accounts() == [StoreFixtures.account])
    }

    @Test func failedImportChangesNothing() throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        try store.createProfile(StoreFixtures.profile(), author: StoreFixtures.alice)
        var account = StoreFixtures.account
        account.name = "renamed"
        let doc = ProfileDocument(profile: StoreFixtures.profile(), account: account)
        // The profile exists and replace was not asked: the account rename must not land either.
        #expect(throws: StoreError.profileExists("main")) {
            try store.importDocument(doc, replace: false, author: StoreFixtures.alice)
        }
        #expect(try store.accounts().first?.name == "Тест")
    }

    @Test func replaceKeepsStoredSecretsAndAddsAVersion() throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        try store.createProfile(StoreFixtures.profile(), author: StoreFixtures.alice)
        // A document exported without secrets, edited, imported back.
        var doc = try ProfileDocument.decode(
            ProfileDocument(profile: StoreFixtures.profile(), account: StoreFixtures.account).encoded())
        doc.profile.chats.notifyOnCreate = true
        let result = try store.importDocument(doc, replace: true, author: StoreFixtures.bob)
        #expect(result.replaced && result.stored.version == 2 && result.account == .none)
        let loaded = try store.loadProfile(named: "main")
        #expect(loaded.profile.callGear.dataAPIKey?.value == "key-0123456789abcdef")
        #expect(try store.accounts() == [StoreFixtures.account])
        #expect(try store.history(ofProfile: "main").last?.changes.map(\.path) == ["chats.notifyOnCreate"])
    }
}
