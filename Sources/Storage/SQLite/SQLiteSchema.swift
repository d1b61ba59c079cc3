// SPDX-License-Identifier: Apache-2.0

internal import GRDB

/// The schema of the SQLite store as a sequence of named migrations.
///
/// Migrations are append-only: a released migration is never edited or removed, a change is a new migration at the
/// end. GRDB records the applied names in `grdb_migrations` and runs each migration once, in its own transaction.
///
/// Column conventions:
/// - Instants (`authored_on`, `last_modified`, `last_medication_dispense`, `recorded`) are `REAL` seconds since
///   2001-01-01T00:00:00Z, the exact `Double` inside `Foundation.Date`, so a value reads back equal and sorts correctly.
/// - Calendar dates (`expiry_date`, `accept_date`) are ISO `YYYY-MM-DD` text.
/// - Personal data is a `BLOB` sealed by ``PersonalDataCipher``; lookups go through a keyed ``LookupHash`` (`*_hash`).
enum SQLiteSchema {
    /// The migrator with every migration in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-prescription-sequence") { db in
            // A single row: the highest sequence number reserved so far (see SQLiteSequenceLease).
            try db.execute(
                sql: """
                    CREATE TABLE prescription_sequence (
                        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                        reserved_through INTEGER NOT NULL CHECK (reserved_through >= 0)
                    );
                    INSERT INTO prescription_sequence (singleton, reserved_through) VALUES (1, 0);
                    """
            )
        }
        migrator.registerMigration("v1-tasks") { db in
            try db.execute(
                sql: """
                    CREATE TABLE tasks (
                        id TEXT PRIMARY KEY NOT NULL,
                        flowtype TEXT NOT NULL,
                        status TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        authored_on REAL NOT NULL,
                        last_modified REAL NOT NULL,
                        expiry_date TEXT,
                        accept_date TEXT,
                        last_medication_dispense REAL,
                        beneficiary_hash BLOB,
                        beneficiary BLOB,
                        credentials BLOB NOT NULL
                    );
                    CREATE INDEX tasks_by_beneficiary ON tasks (beneficiary_hash, authored_on DESC, id DESC);
                    """
            )
        }
        migrator.registerMigration("v1-task-documents") { db in
            try db.execute(
                sql: """
                    CREATE TABLE task_documents (
                        task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                        kind TEXT NOT NULL,
                        ciphertext BLOB NOT NULL,
                        PRIMARY KEY (task_id, kind)
                    ) WITHOUT ROWID;
                    """
            )
        }
        migrator.registerMigration("v1-audit-records") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit_records (
                        id TEXT PRIMARY KEY NOT NULL,
                        insurant_hash BLOB NOT NULL,
                        recorded REAL NOT NULL,
                        ciphertext BLOB NOT NULL
                    );
                    CREATE INDEX audit_records_by_insurant ON audit_records (insurant_hash, recorded DESC, id DESC);
                    """
            )
        }
        migrator.registerMigration("v1-storage-metadata") { db in
            // `key-check`: an empty plaintext sealed at creation, so that opening with another key file fails at once.
            try db.execute(
                sql: """
                    CREATE TABLE storage_metadata (
                        name TEXT PRIMARY KEY NOT NULL,
                        value BLOB NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v2-tasks-multiple-prescription") { db in
            // The Mehrfachverordnung part of a task (numbering, period, MVO-ID) as JSON; no personal data.
            try db.execute(sql: "ALTER TABLE tasks ADD COLUMN multiple_prescription TEXT")
        }
        return migrator
    }
}
