// SPDX-License-Identifier: Apache-2.0

import Foundation
import GRDB
import Workflow

/// The ``Workflow/WorkflowTransaction`` of ``SQLiteWorkflowStore``: one SQLite transaction on GRDB's writer connection.
///
/// It is valid only inside the body of ``SQLiteWorkflowStore/transaction(_:)`` that received it. Every method seals
/// personal data before it is written and opens it after it is read; SQLite errors become
/// ``StorageError/Code/databaseFailure``.
final class SQLiteWorkflowTransaction: WorkflowTransaction {
    let db: Database
    let cipher: PersonalDataCipher
    let lease: SQLiteSequenceLease

    init(db: Database, cipher: PersonalDataCipher, lease: SQLiteSequenceLease) {
        self.db = db
        self.cipher = cipher
        self.lease = lease
    }

    func nextPrescriptionSequenceNumber() throws -> UInt64 {
        try StorageError.mappingDatabaseErrors {
            try self.lease.next(self.db)
        }
    }

    /// The keyed lookup hash of a KVNR, as stored in `beneficiary_hash` and `insurant_hash`.
    func hash(_ kvnr: KVNR) throws -> Data {
        Data(try self.cipher.lookupHash(kvnr.value, kind: .kvnr).bytes)
    }
}
