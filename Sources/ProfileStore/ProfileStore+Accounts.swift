import Foundation
import GRDB
import SetupModel

extension ProfileStore {
    public func accounts() throws(StoreError) -> [Account] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY domain").map(Self.account(from:))
        }
    }

    public func account(domain: String) throws(StoreError) -> Account {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE domain = ?", arguments: [domain]) else {
                throw StoreError.accountNotFound(domain)
            }
            return try Self.account(from: row)
        }
    }

    /// Finds an account by domain (in any form an operator types) or by its name.
    public func findAccount(_ reference: String) throws(StoreError) -> Account {
        let all = try accounts()
        if let domain = try? PortalDomain(parsing: reference), let hit = all.first(where: { $0.domain == domain }) {
            return hit
        }
        let named = all.filter { $0.name == reference }
        if named.count == 1 { return named[0] }
        throw .accountNotFound(reference)
    }

    public func addAccount(_ account: Account) throws(StoreError) {
        try write { db in try Self.insertAccount(account, db) }
    }

    static func insertAccount(_ account: Account, _ db: Database) throws {
        let now = Date()
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE domain = ?", arguments: [account.domain.description]) == true {
            throw StoreError.accountExists(account.domain.description)
        }
        try db.execute(
            sql: """
                INSERT INTO account (domain, name, authorization, allowInsecureHTTP, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                account.domain.description, account.name, StoredJSON.encode(account.authorization), account.allowInsecureHTTP,
                now, now,
            ])
    }

    /// Replaces the account stored under `domain`. A new domain (a renamed portal) moves
    /// every profile that uses it along, in the same transaction; the profiles' documents
    /// are rewritten too, since they name their account.
    public func updateAccount(domain: String, to account: Account) throws(StoreError) {
        try write { db in try Self.replaceAccount(domain: domain, with: account, db) }
    }

    static func replaceAccount(domain: String, with account: Account, _ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE domain = ?", arguments: [domain]) == true else {
            throw StoreError.accountNotFound(domain)
        }
        let newDomain = account.domain.description
        if newDomain != domain,
            try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE domain = ?", arguments: [newDomain]) == true
        {
            throw StoreError.accountExists(newDomain)
        }
        try db.execute(
            sql: """
                UPDATE account SET domain = ?, name = ?, authorization = ?, allowInsecureHTTP = ?, updatedAt = ?
                WHERE domain = ?
                """,
            arguments: [
                newDomain, account.name, StoredJSON.encode(account.authorization), account.allowInsecureHTTP, Date(), domain,
            ])
        if newDomain != domain {
            for row in try Row.fetchAll(
                db, sql: "SELECT id, document, formatVersion FROM profile WHERE accountDomain = ?", arguments: [newDomain])
            {
                var profile = try StoredJSON.profile(row["document"], version: row["formatVersion"], what: "profile document")
                profile.account = newDomain
                try db.execute(
                    sql: "UPDATE profile SET document = ?, formatVersion = \(ProfileFormat.currentVersion) WHERE id = ?",
                    arguments: [StoredJSON.encode(profile), row["id"] as Int64])
            }
        }
    }

    /// Refused while profiles use the account, unless `cascade` deletes them too.
    public func removeAccount(domain: String, cascade: Bool) throws(StoreError) {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE domain = ?", arguments: [domain]) == true else {
                throw StoreError.accountNotFound(domain)
            }
            let users = try String.fetchAll(
                db, sql: "SELECT name FROM profile WHERE accountDomain = ? ORDER BY name", arguments: [domain])
            if !users.isEmpty {
                guard cascade else { throw StoreError.accountInUse(domain: domain, profiles: users) }
                try db.execute(sql: "DELETE FROM profile WHERE accountDomain = ?", arguments: [domain])
            }
            try db.execute(sql: "DELETE FROM catalogCache WHERE accountDomain = ?", arguments: [domain])
            try db.execute(sql: "DELETE FROM account WHERE domain = ?", arguments: [domain])
        }
    }

    /// Profile names that use the account, for confirmations.
    public func profiles(usingAccount domain: String) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT name FROM profile WHERE accountDomain = ? ORDER BY name", arguments: [domain])
        }
    }

    static func account(from row: Row) throws -> Account {
        let domainText: String = row["domain"]
        guard let domain = try? PortalDomain(parsing: domainText) else {
            throw StoreError.corrupt("account domain '\(domainText)'")
        }
        return Account(
            name: row["name"], domain: domain,
            authorization: try StoredJSON.decode(
                Authorization.self, row["authorization"], what: "authorization of \(domainText)"),
            allowInsecureHTTP: row["allowInsecureHTTP"] ?? false)
    }
}
