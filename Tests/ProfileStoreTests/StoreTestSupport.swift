import Foundation
import ProfileStore
import SetupModel

/// A fresh folder per test, removed afterwards.
final class TempDir {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "cgs-store-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        _ = try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        try? FileManager.default.removeItem(atPath: path)
    }
}

enum StoreFixtures {
    static let domain = try! PortalDomain(parsing: "https://callgeartest.bitrix24.ru")
    static let account = Account(
        name: "Тест", domain: domain, authorization: .webhook(Webhook(userID: "1", code: Secret("abcdef0123456789"))))
    static let alice = Author(user: "alice", clientAddress: "10.1.2.3")
    static let bob = Author(user: "bob")

    static func profile(_ name: String = "main") -> Profile {
        var p = Profile(name: name, region: .dubai, account: domain.description)
        p.chats.enabled = true
        p.chats.defaultResponsible = "1"
        p.callGear.dataAPIKey = Secret("key-0123456789abcdef")
        return p
    }

    static func store(in dir: TempDir) throws -> ProfileStore {
        let store = try ProfileStore(path: dir.path + "/data/store.sqlite")
        try store.addAccount(account)
        return store
    }

    /// The directory that holds the test bundle also holds the products built with it.
    static func productPath(_ name: String) -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
