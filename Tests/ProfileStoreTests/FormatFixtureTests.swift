import Foundation
import ProfileStore
import SetupModel
import Testing

/// Stored data always loads: a store and an exported document written by an earlier release
/// (the files under Fixtures/, never deleted, one per format) open and upgrade in this build.
@Suite struct FormatFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// The release before the v2 schema (a4d4e10): account + profile + history, schema v1.
    @Test func aStoreWrittenBySchemaV1OpensAndSaves() throws {
        let dir = TempDir()
        let path = dir.path + "/store.sqlite"
        try FileManager.default.copyItem(atPath: Self.folder + "/store-v1-a4d4e10.db", toPath: path)
        let store = try ProfileStore(path: path)
        #expect(!store.isReadOnly)
        let accounts = try store.accounts()
        #expect(accounts.count == 1)
        #expect(accounts.first?.allowInsecureHTTP == false)
        let stored = try store.loadProfile(named: "fixture")
        #expect(stored.profile.region == .dubai && stored.version == 1)
        var edited = stored.profile
        edited.other.addToClosed.toggle()
        let saved = try store.saveProfile(edited, expectedVersion: 1, author: Author(user: "t"))
        #expect(saved.version == 2)
        #expect(try store.history(ofProfile: "fixture").count == 2)
    }

    @Test func aDocumentExportedByFormatVersion1Imports() throws {
        let bytes = try #require(FileManager.default.contents(atPath: Self.folder + "/profile-v1-a4d4e10.json"))
        let document = try ProfileDocument.decode(Array(bytes))
        #expect(document.profile.name == "fixture")
        #expect(document.account?.allowInsecureHTTP == false)
        // Re-exported unchanged, byte for byte: new optional fields are written only when set.
        #expect(document.encoded() == String(decoding: bytes, as: UTF8.self))
    }

    /// The release before the settings catalog (dbe2fe7): schema v2 with an account on plain
    /// http, two profiles, two versions of one, and a draft left by a hangup.
    @Test func aStoreWrittenBySchemaV2OpensWithItsDraftAndHistory() throws {
        let dir = TempDir()
        let path = dir.path + "/store.sqlite"
        try FileManager.default.copyItem(atPath: Self.folder + "/store-v2-dbe2fe7.db", toPath: path)
        let store = try ProfileStore(path: path)
        #expect(try store.accounts().first { $0.domain.host == "192.168.1.10" }?.allowInsecureHTTP == true)
        let latvia = try store.loadProfile(named: "demo-latvia")
        #expect(latvia.version == 2 && latvia.profile.chats.notifyOnCreate == false)
        #expect(try store.profile(named: "demo-latvia", version: 1).chats.notifyOnCreate == true)
        let draft = try #require(try store.drafts().first { $0.profileName == "demo-latvia" })
        #expect(draft.baseVersion == 2 && draft.profile.chats.enabled == false && draft.reason == "hangup")
        // Upgraded rows save in the current format, and the history diff shows the setting.
        var edited = latvia.profile
        edited.other.addToClosed.toggle()
        let saved = try store.saveProfile(edited, expectedVersion: 2, author: Author(user: "t"))
        #expect(saved.version == 3)
        #expect(try store.history(ofProfile: "demo-latvia").last?.changes.map(\.path) == ["other.addToClosed"])
        #expect(try store.loadProfile(named: "demo-dubai").profile.integrationActive)
    }

    @Test func aDocumentExportedByTheReleaseBeforeTheCatalogImports() throws {
        let bytes = try #require(FileManager.default.contents(atPath: Self.folder + "/profile-v1-dbe2fe7.json"))
        let document = try ProfileDocument.decode(Array(bytes))
        #expect(document.profile.name == "demo-dubai" && document.profile.integrationActive)
        #expect(document.encoded() == String(decoding: bytes, as: UTF8.self))
    }
}
