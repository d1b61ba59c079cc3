// SPDX-License-Identifier: Apache-2.0

public import Crypto
import Foundation
import GRDB
public import Workflow

/// The embedded ``Workflow/WorkflowStore``: one SQLite file, accessed through GRDB.
///
/// ```swift
/// let store = try SQLiteWorkflowStore(directory: "/var/lib/erezept")  // storage.sqlite + storage.key
/// let task = try await store.transaction { try $0.task(id) }
/// ```
///
/// **Durability.** The file is opened as a GRDB `DatabasePool` in WAL mode (one writer, concurrent readers) with
/// `synchronous = FULL`: every commit syncs the WAL, so a transaction whose operation was answered with 2xx survives a
/// SIGKILL and a power loss. GRDB sets `synchronous = NORMAL` while it enables WAL, after `prepareDatabase` has run, so
/// the level is set once the pool is open and then read back (`NORMAL` in WAL mode may lose the last commits on power
/// loss; measured here, `FULL` still gives about 8.5k commits/s). Foreign keys are on; a writer waits up to
/// ``busyTimeout`` for another process's lock before failing with ``StorageError/Code/databaseFailure``.
///
/// **Transactions.** ``transaction(_:)`` runs its body on GRDB's writer connection inside one `BEGIN IMMEDIATE`
/// transaction: it commits when the body returns and rolls back when it throws; the body's error is rethrown unchanged.
/// SQLite errors become ``StorageError/Code/databaseFailure`` (also an interruption when the calling task is cancelled
/// mid-transaction, which rolls it back). Writes are serialised, so a body that reads a task and
/// updates it sees no concurrent change in between; the version check of `update` additionally refuses a task read in
/// an earlier transaction (``Workflow/StoreConflict``).
///
/// **At rest.** Personal data is sealed with ``PersonalDataCipher`` before it reaches SQLite: a task's KVNR, AccessCode,
/// Secret and owner, its documents and the audit records. Beneficiaries and insurants are found through keyed
/// ``LookupHash`` columns. The database records a key check at creation, so opening it with another key file fails with
/// ``StorageError/Code/decryptionFailed`` instead of mixing data under two keys.
public struct SQLiteWorkflowStore: WorkflowStore {
    /// The database file name inside a data directory, `storage.sqlite`.
    public static let databaseFileName = "storage.sqlite"
    /// How long a write waits for a lock held by another connection.
    public static let busyTimeout: Double = 5

    private let writer: any DatabaseWriter
    private let cipher: PersonalDataCipher
    private let lease: SQLiteSequenceLease

    /// Opens (or creates) the store of a data directory: ``databaseFileName`` with the key of ``StorageKeyFile`` in the
    /// same directory, which is created when missing.
    /// - Parameter directory: The data directory; it must exist.
    /// - Throws: The errors of ``StorageKeyFile/loadOrCreate()``, ``StorageError/Code/databaseFailure`` when the database
    ///   cannot be opened or migrated, ``StorageError/Code/decryptionFailed`` when the key does not belong to it.
    public init(directory: String) throws(StorageError) {
        let masterKey = try StorageKeyFile(directory: directory).loadOrCreate()
        let path = directory.hasSuffix("/") ? directory + Self.databaseFileName : directory + "/" + Self.databaseFileName
        try self.init(path: path, masterKey: masterKey)
    }

    /// Opens (or creates) the database file at `path`.
    /// - Parameters:
    ///   - path: The SQLite file; its directory must exist.
    ///   - masterKey: The 256-bit master key of at-rest encryption.
    /// - Throws: ``StorageError/Code/invalidKey``, ``StorageError/Code/databaseFailure``,
    ///   ``StorageError/Code/decryptionFailed`` when the key does not belong to the database.
    public init(path: String, masterKey: SymmetricKey) throws(StorageError) {
        try self.init(path: path, masterKey: masterKey, sequenceBlockSize: 100)
    }

    init(path: String, masterKey: SymmetricKey, sequenceBlockSize: UInt64) throws(StorageError) {
        let cipher = try PersonalDataCipher(masterKey: masterKey)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration())
            // After opening: GRDB has just set NORMAL while enabling WAL. The writer connection lives as long as the
            // pool, so setting it once covers every write.
            let level = try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                return try Int.fetchOne(db, sql: "PRAGMA synchronous")
            }
            guard level == 2 else {
                throw StorageError(.databaseFailure, reason: "SQLite refused synchronous = FULL")
            }
        } catch let error as DatabaseError {
            throw StorageError.database(error)
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(.databaseFailure, reason: "cannot open the database: \(error)")
        }
        try self.init(writer: pool, cipher: cipher, sequenceBlockSize: sequenceBlockSize)
    }

    /// A store in memory, gone when the value is released; for tests and previews.
    /// - Parameter masterKey: The 256-bit master key of at-rest encryption.
    public static func inMemory(masterKey: SymmetricKey) throws(StorageError) -> SQLiteWorkflowStore {
        let cipher = try PersonalDataCipher(masterKey: masterKey)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: Self.configuration())
        } catch {
            throw StorageError(.databaseFailure, reason: "cannot open an in-memory database: \(error)")
        }
        return try SQLiteWorkflowStore(writer: queue, cipher: cipher, sequenceBlockSize: 100)
    }

    private init(writer: any DatabaseWriter, cipher: PersonalDataCipher, sequenceBlockSize: UInt64) throws(StorageError) {
        self.writer = writer
        self.cipher = cipher
        self.lease = SQLiteSequenceLease(blockSize: sequenceBlockSize)
        do {
            try SQLiteSchema.migrator.migrate(writer)
            try writer.write { db in try Self.checkKey(db, cipher: cipher) }
        } catch let error as DatabaseError {
            throw StorageError.database(error)
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(.databaseFailure, reason: "cannot prepare the database: \(error)")
        }
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "erezept.storage"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        return configuration
    }

    /// Stores the key check on first use, or verifies it.
    private static func checkKey(_ db: Database, cipher: PersonalDataCipher) throws {
        if let stored = try Data.fetchOne(db, sql: "SELECT value FROM storage_metadata WHERE name = 'key-check'") {
            do {
                _ = try cipher.open(Array(stored), insurant: nil, associatedData: SQLiteAssociatedData.keyCheck)
            } catch {
                throw StorageError(.decryptionFailed, reason: "the master key does not open this database: wrong key file?")
            }
        } else {
            let sealed = try cipher.seal([], insurant: nil, associatedData: SQLiteAssociatedData.keyCheck)
            try db.execute(sql: "INSERT INTO storage_metadata (name, value) VALUES ('key-check', ?)", arguments: [Data(sealed)])
        }
    }

    /// Runs `body` in one SQLite transaction on the writer connection (see the type's documentation).
    public func transaction<Result: Sendable>(
        _ body: @escaping @Sendable (any WorkflowTransaction) throws -> Result
    ) async throws -> Result {
        let cipher = self.cipher
        let lease = self.lease
        do {
            return try await self.writer.writeWithoutTransaction { db in
                try lease.refillIfEmpty(db)
                var result: Result?
                do {
                    try db.inTransaction(.immediate) {
                        result = try body(SQLiteWorkflowTransaction(db: db, cipher: cipher, lease: lease))
                        return .commit
                    }
                    lease.transactionEnded(committed: true)
                } catch {
                    lease.transactionEnded(committed: false)
                    throw error
                }
                guard let result else {
                    throw StorageError(.databaseFailure, reason: "the transaction committed without a result")
                }
                return result
            }
        } catch let error as DatabaseError {
            throw StorageError.database(error)
        }
    }

    /// The value of `PRAGMA <name>` on the writer connection, for checks of the connection settings.
    func writerPragma(_ name: String) async throws -> String? {
        try await self.writer.writeWithoutTransaction { db in
            try String.fetchOne(db, sql: "PRAGMA \(name)")
        }
    }

    /// Copies the WAL into the database file and truncates it (`PRAGMA wal_checkpoint(TRUNCATE)`), for example before a
    /// file-level backup. SQLite also checkpoints on its own; calling this is never required for durability.
    /// - Throws: ``StorageError/Code/databaseFailure``, for example while readers hold the WAL.
    public func checkpoint() async throws(StorageError) {
        do {
            _ = try await self.writer.writeWithoutTransaction { db in
                try db.checkpoint(.truncate)
            }
        } catch let error as DatabaseError {
            throw StorageError.database(error)
        } catch {
            throw StorageError(.databaseFailure, reason: "checkpoint failed: \(error)")
        }
    }
}
