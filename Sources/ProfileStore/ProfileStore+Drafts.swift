import Foundation
import GRDB
import SetupModel

extension ProfileStore {
    /// One draft per profile: the latest unsaved edits win.
    public func saveDraft(_ draft: Draft) throws(StoreError) {
        try write { db in
            try db.execute(
                sql:
                    "INSERT OR REPLACE INTO draft (profileName, baseVersion, document, savedAt, reason, formatVersion) VALUES (?, ?, ?, ?, ?, \(ProfileFormat.currentVersion))",
                arguments: [draft.profileName, draft.baseVersion, StoredJSON.encode(draft.profile), draft.savedAt, draft.reason])
        }
    }

    public func drafts() throws(StoreError) -> [Draft] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM draft ORDER BY savedAt DESC").map { row in
                Draft(
                    profileName: row["profileName"], baseVersion: row["baseVersion"],
                    profile: try StoredJSON.profile(row["document"], version: row["formatVersion"], what: "draft"),
                    savedAt: row["savedAt"], reason: row["reason"])
            }
        }
    }

    public func deleteDraft(profileName: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM draft WHERE profileName = ?", arguments: [profileName])
        }
    }
}
