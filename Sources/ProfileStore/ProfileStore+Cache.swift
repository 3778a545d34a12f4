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

extension ProfileStore {
    /// A Codable pick list into the cache, as JSON.
    public func putCached<T: Encodable>(_ value: T, account: String, kind: String) throws(StoreError) {
        let payload: Data
        do { payload = try JSONEncoder().encode(value) } catch { throw .corrupt("cache payload for \(kind): \(error)") }
        try putCache(account: account, kind: kind, payload: String(decoding: payload, as: UTF8.self))
    }

    /// The cached value and when it was fetched; a payload that no longer decodes (an
    /// older format) counts as no cache.
    public func cachedValue<T: Decodable>(_ type: T.Type, account: String, kind: String) throws(StoreError) -> CachedValue<T>? {
        guard let cached = try cached(account: account, kind: kind),
            let value = try? JSONDecoder().decode(T.self, from: Data(cached.payload.utf8))
        else { return nil }
        return CachedValue(value: value, fetchedAt: cached.fetchedAt)
    }
}

/// A pick list from the cache, with the time it was fetched (shown as "stale since").
public struct CachedValue<T> {
    public var value: T
    public var fetchedAt: Date
}

extension CachedValue: Sendable where T: Sendable {}
