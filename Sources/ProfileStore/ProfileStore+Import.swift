import GRDB
import SetupModel

/// What an import did, for the command's report.
public struct ImportResult: Equatable, Sendable {
    public enum AccountChange: Equatable, Sendable { case none, added, updated }
    public var stored: StoredProfile
    public var replaced: Bool
    public var account: AccountChange
}

extension ProfileStore {
    /// Stores a document's account and profile in one transaction: any failure leaves the
    /// store as it was. Secrets the document leaves out are kept from the stored copies.
    public func importDocument(_ document: ProfileDocument, replace: Bool, author: Author) throws(StoreError) -> ImportResult {
        try write { db in
            var accountChange = ImportResult.AccountChange.none
            if var account = document.account {
                let domain = account.domain.description
                if let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE domain = ?", arguments: [domain]) {
                    let stored = try Self.account(from: row)
                    account.authorization = account.authorization.keepingSecrets(of: stored.authorization)
                    if account != stored {
                        try Self.replaceAccount(domain: domain, with: account, db)
                        accountChange = .updated
                    }
                } else {
                    try Self.insertAccount(account, db)
                    accountChange = .added
                }
            }
            let name = document.profile.name
            if let row = try Row.fetchOne(
                db, sql: "SELECT version, document, formatVersion FROM profile WHERE name = ?", arguments: [name])
            {
                guard replace else { throw StoreError.profileExists(name) }
                let current = try StoredJSON.profile(row["document"], version: row["formatVersion"], what: "profile '\(name)'")
                let stored = try Self.updateProfile(
                    document.profile.keepingSecrets(of: current), expectedVersion: row["version"], author: author,
                    overwrite: false, db)
                return ImportResult(stored: stored, replaced: true, account: accountChange)
            }
            let stored = try Self.insertProfile(document.profile, author: author, db)
            return ImportResult(stored: stored, replaced: false, account: accountChange)
        }
    }
}
