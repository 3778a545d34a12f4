import Foundation
import GRDB
import SetupModel

/// One OAuth refresh at a time across processes. A refresh token works once: two processes
/// that meet an expired token together and both refresh lock one of them out (the portal
/// says `invalid_grant` though the stored keys are fine). The account row carries a lease;
/// whoever holds it refreshes, the others wait for the pair it stores.
extension ProfileStore {
    public enum RefreshLeaseAnswer: Equatable, Sendable {
        /// This process may refresh now; it must finish or abandon the lease.
        case granted
        /// Another process renewed the pair since `staleAccessToken` was read: use this one.
        case renewed(OAuthCredentials)
        /// Another process is refreshing; ask again shortly.
        case busy
    }

    public func acquireRefreshLease(
        domain: String, staleAccessToken: String, holder: String, duration: TimeInterval
    ) throws(StoreError) -> RefreshLeaseAnswer {
        try write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT authorization, refreshLeaseHolder, refreshLeaseUntil FROM account WHERE domain = ?",
                    arguments: [domain])
            else { throw StoreError.accountNotFound(domain) }
            let authorization = try StoredJSON.decode(
                Authorization.self, row["authorization"], what: "authorization of \(domain)")
            if case .oauth(let stored) = authorization, let token = stored.accessToken?.value, token != staleAccessToken {
                return .renewed(stored)
            }
            let now = Date()
            if let other: String = row["refreshLeaseHolder"], other != holder, let until: Date = row["refreshLeaseUntil"],
                until > now
            {
                return .busy
            }
            try db.execute(
                sql: "UPDATE account SET refreshLeaseHolder = ?, refreshLeaseUntil = ? WHERE domain = ?",
                arguments: [holder, now.addingTimeInterval(duration), domain])
            return .granted
        }
    }

    /// Stores the renewed pair and ends the lease, in one transaction.
    public func finishRefresh(domain: String, holder: String, credentials: OAuthCredentials) throws(StoreError) {
        try write { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account WHERE domain = ?", arguments: [domain]) ?? 0
            guard count == 1 else { throw StoreError.accountNotFound(domain) }
            try db.execute(
                sql: """
                    UPDATE account SET authorization = ?, updatedAt = ?,
                        refreshLeaseHolder = CASE WHEN refreshLeaseHolder = ? THEN NULL ELSE refreshLeaseHolder END,
                        refreshLeaseUntil = CASE WHEN refreshLeaseHolder = ? THEN NULL ELSE refreshLeaseUntil END
                    WHERE domain = ?
                    """,
                arguments: [StoredJSON.encode(Authorization.oauth(credentials)), Date(), holder, holder, domain])
        }
    }

    /// Ends the lease without a new pair (the refresh failed).
    public func abandonRefresh(domain: String, holder: String) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE account SET refreshLeaseHolder = NULL, refreshLeaseUntil = NULL
                    WHERE domain = ? AND refreshLeaseHolder = ?
                    """,
                arguments: [domain, holder])
        }
    }
}
