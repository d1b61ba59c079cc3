// SPDX-License-Identifier: Apache-2.0

import Foundation
import GRDB
import Workflow

extension SQLiteWorkflowTransaction {
    func putDocument(_ bytes: [UInt8], kind: TaskDocumentKind, task id: PrescriptionID, insurant: KVNR?) throws {
        let sealed = try self.cipher.seal(bytes, insurant: insurant?.value, associatedData: SQLiteAssociatedData.document(kind, of: id))
        do {
            try self.db.cachedStatement(
                sql: """
                    INSERT INTO task_documents (task_id, kind, ciphertext) VALUES (?, ?, ?)
                    ON CONFLICT (task_id, kind) DO UPDATE SET ciphertext = excluded.ciphertext
                    """
            ).execute(arguments: [id.description, kind.rawValue, Data(sealed)]
            )
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw StorageError(.missingTask, reason: "no task \(id) to store a document of kind \(kind.rawValue) for")
        } catch let error as DatabaseError {
            throw StorageError.database(error)
        }
    }

    func document(_ kind: TaskDocumentKind, task id: PrescriptionID, insurant: KVNR?) throws -> [UInt8]? {
        let sealed = try StorageError.mappingDatabaseErrors {
            try Data.fetchOne(
                self.db.cachedStatement(sql: "SELECT ciphertext FROM task_documents WHERE task_id = ? AND kind = ?"),
                arguments: [id.description, kind.rawValue]
            )
        }
        guard let sealed else {
            return nil
        }
        return try self.cipher.open(Array(sealed), insurant: insurant?.value, associatedData: SQLiteAssociatedData.document(kind, of: id))
    }

    func deleteDocuments(task id: PrescriptionID) throws {
        try StorageError.mappingDatabaseErrors {
            try self.db.cachedStatement(sql: "DELETE FROM task_documents WHERE task_id = ?").execute(arguments: [id.description])
        }
    }

    /// Re-seals every document of a task under the data key of its new beneficiary (at `$activate`, when a task that
    /// had none gets one), so that documents are always sealed with the key of the task's current insurant.
    func resealDocuments(of id: PrescriptionID, from previous: KVNR?, to current: KVNR?) throws {
        let rows = try StorageError.mappingDatabaseErrors {
            try Row.fetchAll(
                self.db.cachedStatement(sql: "SELECT kind, ciphertext FROM task_documents WHERE task_id = ?"),
                arguments: [id.description]
            )
        }
        for row in rows {
            guard let kind = TaskDocumentKind(rawValue: row["kind"]) else {
                throw StorageError(.corruptRecord, reason: "task \(id) has a document of an unknown kind")
            }
            let sealed: Data = row["ciphertext"]
            let associatedData = SQLiteAssociatedData.document(kind, of: id)
            let plaintext = try self.cipher.open(Array(sealed), insurant: previous?.value, associatedData: associatedData)
            let resealed = try self.cipher.seal(plaintext, insurant: current?.value, associatedData: associatedData)
            try StorageError.mappingDatabaseErrors {
                try self.db.cachedStatement(sql: "UPDATE task_documents SET ciphertext = ? WHERE task_id = ? AND kind = ?").execute(arguments: [
                    Data(resealed), id.description, kind.rawValue,
                ]
                )
            }
        }
    }
}
