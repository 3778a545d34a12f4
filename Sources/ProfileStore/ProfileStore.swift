import Foundation
import GRDB
import SetupModel

/// The SQLite file that holds accounts, profiles with their history, drafts and the
/// pick-list cache.
///
/// Saving is one IMMEDIATE transaction that names the version the editor started from:
/// SQLite makes it all-or-nothing (a writer killed mid-save leaves the old or the new
/// version), and the version check turns a concurrent save into a reported conflict.
public final class ProfileStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// `$XDG_DATA_HOME/callgear-setup/store.sqlite`, or under `~/.local/share`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return base + "/callgear-setup/store.sqlite"
    }

    public init(path: String) throws(StoreError) {
        self.path = path
        try Self.prepareFile(at: path)
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.foreignKeysEnabled = true
        // In WAL mode NORMAL keeps every commit atomic (a killed process loses nothing
        // committed); only a power cut may lose the last commit. It saves an fsync per save.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try pool.write { db in
                if try Migrations.migrator.hasBeenSuperseded(db) { throw StoreError.newerStore(path: path) }
            }
            try Migrations.migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notAStore(path: path)
        } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM].contains(error.resultCode) {
            throw .cannotCreate(path: path, reason: "\(error.message ?? "cannot open") — is the folder writable?")
        } catch {
            throw .database("\(error)")
        }
    }

    /// Creates the folder (0700) and the file (0600) ourselves, before SQLite would create
    /// them with the umask's looser modes; refuses a file that is not SQLite up front.
    private static func prepareFile(at path: String) throws(StoreError) {
        let manager = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !manager.fileExists(atPath: folder) {
            do {
                try manager.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotCreate(path: path, reason: "the folder \(folder) cannot be made (\(Self.reason(error)))")
            }
        }
        if manager.fileExists(atPath: path) {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw .cannotCreate(path: path, reason: "the file cannot be read (permission denied)")
            }
            let header = (try? handle.read(upToCount: 16)) ?? Data()
            try? handle.close()
            if !header.isEmpty && header != Data("SQLite format 3\0".utf8) {
                throw .notAStore(path: path)
            }
            return
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return }
            throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        close(fd)
    }

    private static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }

    /// Runs `body` in one IMMEDIATE transaction, mapping database errors to `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw Self.map(error)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw Self.map(error)
        }
    }

    static func map(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_READONLY {
                return .database("the store is read-only (\(error.message ?? "")) — check the file's permissions")
            }
            return .database(error.message ?? "\(error)")
        }
        return .database("\(error)")
    }
}
