import Foundation
import GRDB
import SetupModel

extension ProfileStore {
    public func profileSummaries() throws(StoreError) -> [ProfileSummary] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT name, region, accountDomain, active, version, updatedAt, updatedBy FROM profile ORDER BY name"
            )
            .map { row in
                ProfileSummary(
                    name: row["name"], region: Region(rawValue: row["region"]) ?? .latvia,
                    account: row["accountDomain"] ?? "", active: row["active"], version: row["version"],
                    updatedAt: row["updatedAt"], updatedBy: row["updatedBy"])
            }
        }
    }

    public func loadProfile(named name: String) throws(StoreError) -> StoredProfile {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM profile WHERE name = ?", arguments: [name]) else {
                throw StoreError.profileNotFound(name)
            }
            return StoredProfile(
                profile: try StoredJSON.profile(row["document"], version: row["formatVersion"], what: "profile '\(name)'"),
                version: row["version"], updatedAt: row["updatedAt"], updatedBy: row["updatedBy"])
        }
    }

    /// Stores a new profile as version 1.
    @discardableResult
    public func createProfile(_ profile: Profile, author: Author) throws(StoreError) -> StoredProfile {
        try write { db in try Self.insertProfile(profile, author: author, db) }
    }

    /// An active profile must be valid: the rule lives here, so the console, import,
    /// activate and any later caller meet it alike.
    static func requireValidIfActive(_ profile: Profile, _ db: Database) throws {
        guard profile.integrationActive else { return }
        let known = try String.fetchAll(db, sql: "SELECT domain FROM account")
        let errors = profile.validate(knownAccounts: known).errors
        if !errors.isEmpty { throw StoreError.invalidActive(profile: profile.name, problems: errors) }
    }

    static func insertProfile(_ profile: Profile, author: Author, _ db: Database) throws -> StoredProfile {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM profile WHERE name = ?", arguments: [profile.name]) == true {
            throw StoreError.profileExists(profile.name)
        }
        try requireValidIfActive(profile, db)
        try Self.requireAccount(profile.account, db)
        let now = Date()
        try db.execute(
            sql: """
                INSERT INTO profile (name, accountDomain, region, active, version, document, updatedAt, updatedBy, formatVersion)
                VALUES (?, ?, ?, ?, 1, ?, ?, ?, \(ProfileFormat.currentVersion))
                """,
            arguments: [
                profile.name, profile.account.isEmpty ? nil : profile.account, profile.region.rawValue,
                profile.integrationActive, StoredJSON.encode(profile), now, author.description,
            ])
        try Self.appendHistory(
            db, profileID: db.lastInsertedRowID, version: 1, publicText: StoredJSON.encode(profile, secrets: false), changes: [],
            author: author, at: now)
        return StoredProfile(profile: profile, version: 1, updatedAt: now, updatedBy: author.description)
    }

    /// Saves `profile` over the version the editor started from. If someone saved in
    /// between, nothing is written and `.conflict` says who and when; `overwrite: true`
    /// is the operator's explicit "save over theirs".
    @discardableResult
    public func saveProfile(
        _ profile: Profile, expectedVersion: Int, author: Author, overwrite: Bool = false
    ) throws(StoreError) -> StoredProfile {
        try write { db in
            try Self.updateProfile(profile, expectedVersion: expectedVersion, author: author, overwrite: overwrite, db)
        }
    }

    static func updateProfile(
        _ profile: Profile, expectedVersion: Int, author: Author, overwrite: Bool, _ db: Database
    ) throws -> StoredProfile {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM profile WHERE name = ?", arguments: [profile.name]) else {
            throw StoreError.profileNotFound(profile.name)
        }
        let current: Int = row["version"]
        if current != expectedVersion && !overwrite {
            let savedAt: Date = row["updatedAt"]
            throw StoreError.conflict(
                profile: profile.name, expected: expectedVersion, current: current,
                savedBy: row["updatedBy"], savedAt: savedAt.formatted(.iso8601))
        }
        try Self.requireAccount(profile.account, db)
        try Self.requireValidIfActive(profile, db)
        let id: Int64 = row["id"]
        // The previous version's public text is in the history already: diffing the two
        // texts skips decoding and re-encoding the old profile (half the cost of a save).
        let publicText = StoredJSON.encode(profile, secrets: false)
        // A text of an older format is upgraded first, so the diff shows settings, not the format.
        let history = try Row.fetchOne(
            db, sql: "SELECT document, formatVersion FROM profileHistory WHERE profileId = ? AND version = ?",
            arguments: [id, current])
        let oldText: String
        if let history, history["formatVersion"] as Int == ProfileFormat.currentVersion {
            oldText = history["document"]
        } else {
            let old = history ?? row
            oldText = StoredJSON.encode(
                try StoredJSON.profile(old["document"], version: old["formatVersion"], what: "profile '\(profile.name)'"),
                secrets: false)
        }
        let changes: [ProfileChange]
        do {
            // Secrets are not in the public texts; the stored document has them.
            let oldDocument: String = row["document"]
            changes =
                ProfileDiff.changes(from: try JSONParser.parse(oldText), to: try JSONParser.parse(publicText))
                + ProfileDiff.secretChanges(from: try JSONParser.parse(oldDocument), to: profile)
        } catch {
            throw StoreError.corrupt("history of '\(profile.name)': \(error)")
        }
        let version = current + 1
        let now = Date()
        try db.execute(
            sql: """
                UPDATE profile SET accountDomain = ?, region = ?, active = ?, version = ?, document = ?,
                updatedAt = ?, updatedBy = ?, formatVersion = \(ProfileFormat.currentVersion) WHERE id = ?
                """,
            arguments: [
                profile.account.isEmpty ? nil : profile.account, profile.region.rawValue, profile.integrationActive,
                version, StoredJSON.encode(profile), now, author.description, id,
            ])
        try Self.appendHistory(
            db, profileID: id, version: version, publicText: publicText, changes: changes, author: author, at: now)
        return StoredProfile(profile: profile, version: version, updatedAt: now, updatedBy: author.description)
    }

    public func deleteProfile(named name: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM profile WHERE name = ?", arguments: [name])
            if db.changesCount == 0 { throw StoreError.profileNotFound(name) }
            try db.execute(sql: "DELETE FROM draft WHERE profileName = ?", arguments: [name])
        }
    }

    public func history(ofProfile name: String) throws(StoreError) -> [HistoryEntry] {
        try read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM profile WHERE name = ?", arguments: [name]) else {
                throw StoreError.profileNotFound(name)
            }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM profileHistory WHERE profileId = ? ORDER BY version", arguments: [id]
            ).map { row in
                HistoryEntry(
                    version: row["version"], savedAt: row["savedAt"], user: row["user"],
                    clientAddress: row["clientAddress"],
                    changes: try StoredJSON.decode([ProfileChange].self, row["changes"], what: "history of '\(name)'"))
            }
        }
    }

    /// A past version's settings (without secrets: history never holds them).
    public func profile(named name: String, version: Int) throws(StoreError) -> Profile {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT h.document, h.formatVersion FROM profileHistory h JOIN profile p ON p.id = h.profileId WHERE p.name = ? AND h.version = ?",
                    arguments: [name, version])
            else {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM profile WHERE name = ?", arguments: [name]) != true {
                    throw StoreError.profileNotFound(name)
                }
                throw StoreError.database("profile '\(name)' has no version \(version) — 'profile history \(name)' lists them")
            }
            return try StoredJSON.profile(row["document"], version: row["formatVersion"], what: "version \(version) of '\(name)'")
        }
    }

    private static func requireAccount(_ domain: String, _ db: Database) throws {
        guard !domain.isEmpty else { return }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE domain = ?", arguments: [domain]) != true {
            throw StoreError.accountNotFound(domain)
        }
    }

    private static func appendHistory(
        _ db: Database, profileID: Int64, version: Int, publicText: String, changes: [ProfileChange], author: Author,
        at date: Date
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO profileHistory (profileId, version, savedAt, user, clientAddress, changes, document, formatVersion)
                VALUES (?, ?, ?, ?, ?, ?, ?, \(ProfileFormat.currentVersion))
                """,
            arguments: [
                profileID, version, date, author.user, author.clientAddress, StoredJSON.encode(changes),
                publicText,
            ])
    }
}
