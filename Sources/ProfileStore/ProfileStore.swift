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
    let pool: any DatabaseWriter
    /// Opened read-only because the file, its folder or its disk cannot be written: every
    /// read works, every write says why it cannot.
    public var isReadOnly: Bool { writeRefusal != nil }
    /// What every write answers on a store opened read-only (read-only, or a full disk).
    public let writeRefusal: StoreError?

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
        let exists = FileManager.default.fileExists(atPath: path)
        do {
            try Self.prepareFile(at: path)
            pool = try Self.openWritable(path)
            writeRefusal = nil
        } catch {
            // A store that cannot be written (a read-only file, folder or mount, a full disk)
            // still opens for reading, so that list, show, export and diff keep working.
            let fault = Self.classify(error, path: path)
            guard exists, fault.allowsReading, FileManager.default.isReadableFile(atPath: path) else { throw fault.error }
            do {
                pool = try Self.openReadOnly(path)
            } catch {
                throw fault.error
            }
            writeRefusal = fault.error
        }
    }

    private static func openWritable(_ path: String) throws -> DatabasePool {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.foreignKeysEnabled = true
        // In WAL mode NORMAL keeps every commit atomic (a killed process loses nothing
        // committed); only a power cut may lose the last commit. It saves an fsync per save.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        let pool = try DatabasePool(path: path, configuration: config)
        try pool.write { db in
            if try Migrations.migrator.hasBeenSuperseded(db) { throw StoreError.newerStore(path: path) }
        }
        try Migrations.migrator.migrate(pool)
        return pool
    }

    /// SQLite cannot read a WAL database it may not write unless told that nobody writes it
    /// (`immutable`): its shared-memory file cannot be made. The migrations must be done.
    private static func openReadOnly(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.foreignKeysEnabled = true
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let uri = "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
        let queue = try DatabaseQueue(path: uri, configuration: config)
        try queue.read { db in
            if try Migrations.migrator.hasBeenSuperseded(db) { throw StoreError.newerStore(path: path) }
            if try !Migrations.migrator.hasCompletedMigrations(db) {
                throw StoreError.database("the store needs an upgrade, and it cannot be written")
            }
        }
        return queue
    }

    /// What an opening failure means, and whether reading may still work.
    private static func classify(_ error: any Error, path: String) -> (error: StoreError, allowsReading: Bool) {
        if let error = error as? StoreError {
            switch error {
            case .cannotCreate where FileManager.default.fileExists(atPath: path):
                return (.readOnly(path: path, reason: Self.writeObstacle(path)), true)
            default: return (error, false)
            }
        }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB: return (.notAStore(path: path), false)
            case .SQLITE_FULL: return (.diskFull(path: path), true)
            case .SQLITE_IOERR:
                if Self.diskIsFull(path) { return (.diskFull(path: path), true) }
                return (.database("\(error.message ?? "disk I/O error") (SQLite \(error.extendedResultCode.rawValue))"), true)
            case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
                if Self.diskIsFull(path) { return (.diskFull(path: path), true) }
                if !FileManager.default.fileExists(atPath: path) {
                    return (
                        .cannotCreate(path: path, reason: "\(error.message ?? "cannot open") — is the folder writable?"), false
                    )
                }
                return (.readOnly(path: path, reason: Self.writeObstacle(path)), true)
            default:
                return (.database(error.message ?? "\(error)"), false)
            }
        }
        return (.database("\(error)"), false)
    }

    /// Less than 64 KiB free for us on the store's file system.
    static func diskIsFull(_ path: String) -> Bool {
        var info = statvfs()
        let folder = (path as NSString).deletingLastPathComponent
        guard statvfs(folder.isEmpty ? "." : folder, &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 64 << 10
    }

    /// Which of file, folder or mount stops writing, in words.
    static func writeObstacle(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        var info = statvfs()
        if statvfs(folder.isEmpty ? "." : folder, &info) == 0, info.f_flag & UInt(ST_RDONLY) != 0 {
            return "its disk is mounted read-only"
        }
        if access(path, W_OK) != 0 { return "the file is not writable for this user" }
        if access(folder.isEmpty ? "." : folder, W_OK) != 0 { return "its folder is not writable for this user" }
        return "it cannot be written"
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
        if let writeRefusal { throw writeRefusal }
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
            throw map(error)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw map(error)
        }
    }

    func map(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_READONLY: return .readOnly(path: path, reason: Self.writeObstacle(path))
            case .SQLITE_FULL: return .diskFull(path: path)
            case .SQLITE_IOERR where Self.diskIsFull(path): return .diskFull(path: path)
            default: return .database(error.message ?? "\(error)")
            }
        }
        return .database("\(error)")
    }
}
