import Foundation
import GRDB
import ProfileStore
import SetupModel
import Testing

/// "An active profile must be valid" is the store's rule, met by every caller; and each
/// stored profile JSON carries the format version it was written in.
@Suite struct ActiveProfileRuleTests {
    @Test func anInvalidActiveProfileIsRefusedOnCreateAndSave() throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        var broken = StoreFixtures.profile()
        broken.chats.defaultResponsible = nil
        broken.integrationActive = true
        #expect(throws: StoreError.self) { try store.createProfile(broken, author: StoreFixtures.alice) }
        #expect(try store.profileSummaries().isEmpty, "nothing was stored")

        // Inactive, it is stored; switched on while broken, the save is refused and says why.
        broken.integrationActive = false
        try store.createProfile(broken, author: StoreFixtures.alice)
        broken.integrationActive = true
        do {
            try store.saveProfile(broken, expectedVersion: 1, author: StoreFixtures.alice)
            Issue.record("an invalid active profile was saved")
        } catch {
            #expect(error.description.contains("is marked active but has 1 error"), "\(error)")
            #expect(error.description.contains("Default chat responsible (chats.defaultResponsible)"), "\(error)")
        }
        #expect(try store.loadProfile(named: "main").version == 1)
        // Valid, it is saved active.
        broken.chats.defaultResponsible = "1"
        #expect(try store.saveProfile(broken, expectedVersion: 1, author: StoreFixtures.alice).version == 2)
    }

    @Test func importMeetsTheSameRule() throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        var broken = StoreFixtures.profile("imported")
        broken.chats.firstContact.create = []
        broken.integrationActive = true
        #expect(throws: StoreError.self) {
            try store.importDocument(ProfileDocument(profile: broken), replace: false, author: StoreFixtures.bob)
        }
        #expect(try store.profileSummaries().isEmpty)
    }

    @Test func storedRowsCarryTheirFormatVersion() throws {
        let dir = TempDir()
        let store = try StoreFixtures.store(in: dir)
        try store.createProfile(StoreFixtures.profile(), author: StoreFixtures.alice)
        try store.saveDraft(
            Draft(profileName: "main", baseVersion: 1, profile: StoreFixtures.profile(), savedAt: Date(), reason: "t"))
        let db = try DatabaseQueue(path: dir.path + "/data/store.sqlite")
        try db.read { db in
            for table in ["profile", "profileHistory", "draft"] {
                let versions = try Int.fetchAll(db, sql: "SELECT formatVersion FROM \(table)")
                #expect(!versions.isEmpty && versions.allSatisfy { $0 == ProfileFormat.currentVersion }, "\(table)")
            }
        }
        // A row of a format this build does not know is refused with the reason, not misread.
        try db.write { db in try db.execute(sql: "UPDATE profile SET formatVersion = 99") }
        do {
            _ = try store.loadProfile(named: "main")
            Issue.record("a newer format was read")
        } catch {
            #expect(error.description.contains("newer callgear-setup"), "\(error)")
        }
    }
}
