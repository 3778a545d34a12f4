import Foundation
import GRDB

extension ProfileStore {
    /// Keeps the latest pick list of one kind ("catalog", "callgear-lists") per account.
    public func putCache(account: String, kind: String, payload: String, fetchedAt: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO catalogCache (accountDomain, kind, payload, fetchedAt) VALUES (?, ?, ?, ?)",
                arguments: [account, kind, payload, fetchedAt])
        }
    }

    public func cached(account: String, kind: String) throws(StoreError) -> CachedCatalog? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT payload, fetchedAt FROM catalogCache WHERE accountDomain = ? AND kind = ?",
                arguments: [account, kind]
            ).map { CachedCatalog(payload: $0["payload"], fetchedAt: $0["fetchedAt"]) }
        }
    }
}
