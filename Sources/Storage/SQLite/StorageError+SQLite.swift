// SPDX-License-Identifier: Apache-2.0

import GRDB

extension StorageError.Code {
    /// SQLite reported an error: the file cannot be opened or written, the database is busy beyond the busy timeout, or
    /// a migration failed. The reason carries SQLite's result code and message, never statement arguments.
    public static let databaseFailure = StorageError.Code("databaseFailure")
    /// A stored row cannot be read back: an identifier, status or date column does not parse.
    public static let corruptRecord = StorageError.Code("corruptRecord")
    /// A document was stored for a task that does not exist.
    public static let missingTask = StorageError.Code("missingTask")
}

extension StorageError {
    /// A ``Code/databaseFailure`` for a GRDB error. GRDB leaves statement arguments out of its messages unless told
    /// otherwise (`Configuration.publicStatementArguments`, never set here), so no personal data reaches the reason.
    static func database(_ error: DatabaseError, file: String = #fileID, line: UInt = #line) -> StorageError {
        StorageError(
            .databaseFailure,
            reason: "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "no message")",
            file: file,
            line: line
        )
    }

    /// Runs `operation`, turning a GRDB error into ``Code/databaseFailure``; every other error passes unchanged.
    static func mappingDatabaseErrors<T>(_ operation: () throws -> T) throws -> T {
        do {
            return try operation()
        } catch let error as DatabaseError {
            throw StorageError.database(error)
        }
    }
}
