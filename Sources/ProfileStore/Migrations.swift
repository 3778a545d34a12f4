import GRDB

/// The store's schema, built up by numbered migrations from an empty file. A store whose
/// migrations this build does not know was written by a newer callgear-setup.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account (
                        domain TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        authorization TEXT NOT NULL,      -- JSON, secrets included
                        createdAt DATETIME NOT NULL,
                        updatedAt DATETIME NOT NULL
                    );
                    CREATE TABLE profile (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        name TEXT NOT NULL UNIQUE,
                        accountDomain TEXT REFERENCES account(domain) ON UPDATE CASCADE ON DELETE RESTRICT,
                        region TEXT NOT NULL,
                        active BOOLEAN NOT NULL,
                        version INTEGER NOT NULL,
                        document TEXT NOT NULL,           -- the profile's JSON, secrets included
                        updatedAt DATETIME NOT NULL,
                        updatedBy TEXT NOT NULL
                    );
                    CREATE TABLE profileHistory (
                        profileId INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
                        version INTEGER NOT NULL,
                        savedAt DATETIME NOT NULL,
                        user TEXT NOT NULL,
                        clientAddress TEXT,
                        changes TEXT NOT NULL,            -- JSON list of ProfileChange
                        document TEXT NOT NULL,           -- the profile's JSON without secrets
                        PRIMARY KEY (profileId, version)
                    );
                    CREATE TABLE draft (
                        profileName TEXT PRIMARY KEY NOT NULL,
                        baseVersion INTEGER,
                        document TEXT NOT NULL,
                        savedAt DATETIME NOT NULL,
                        reason TEXT NOT NULL
                    );
                    CREATE TABLE catalogCache (
                        accountDomain TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        payload TEXT NOT NULL,
                        fetchedAt DATETIME NOT NULL,
                        PRIMARY KEY (accountDomain, kind)
                    );
                    """)
        }
        // v2: the per-account choice of plain http for a self-hosted portal, and the lease
        // that lets one process at a time refresh an OAuth pair (a refresh token works once).
        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    ALTER TABLE account ADD COLUMN allowInsecureHTTP BOOLEAN NOT NULL DEFAULT 0;
                    ALTER TABLE account ADD COLUMN refreshLeaseHolder TEXT;
                    ALTER TABLE account ADD COLUMN refreshLeaseUntil DATETIME;
                    """)
        }
        // v3: the format version of each stored profile JSON (current, history, draft), so a
        // later build upgrades what an earlier one wrote instead of failing on it.
        migrator.registerMigration("v3") { db in
            try db.execute(
                sql: """
                    ALTER TABLE profile ADD COLUMN formatVersion INTEGER NOT NULL DEFAULT 1;
                    ALTER TABLE profileHistory ADD COLUMN formatVersion INTEGER NOT NULL DEFAULT 1;
                    ALTER TABLE draft ADD COLUMN formatVersion INTEGER NOT NULL DEFAULT 1;
                    """)
        }
        return migrator
    }
}
