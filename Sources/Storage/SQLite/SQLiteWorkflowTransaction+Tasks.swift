// SPDX-License-Identifier: Apache-2.0

import Foundation
import GRDB
import Workflow

extension SQLiteWorkflowTransaction {
    func insert(_ task: PrescriptionTask) throws {
        let record = try SQLiteTaskRecord(sealing: task, cipher: self.cipher)
        try StorageError.mappingDatabaseErrors {
            try self.db.cachedStatement(
                sql: """
                    INSERT INTO tasks (
                        id, flowtype, status, version, authored_on, last_modified, expiry_date, accept_date,
                        last_medication_dispense, beneficiary_hash, beneficiary, credentials, multiple_prescription
                    ) VALUES (
                        :id, :flowtype, :status, :version, :authored_on, :last_modified, :expiry_date, :accept_date,
                        :last_medication_dispense, :beneficiary_hash, :beneficiary, :credentials, :multiple_prescription
                    )
                    ON CONFLICT (id) DO NOTHING
                    """
            ).execute(
                arguments: StatementArguments(record.arguments)
            )
        }
        guard self.db.changesCount == 1 else {
            throw StoreConflict(taskID: task.id)
        }
    }

    func task(_ id: PrescriptionID) throws -> PrescriptionTask? {
        let row = try StorageError.mappingDatabaseErrors {
            try Row.fetchOne(
                self.db.cachedStatement(sql: "SELECT * FROM tasks WHERE id = ?"),
                arguments: [id.description]
            )
        }
        return try row.map { try SQLiteTaskRecord.task(from: $0, cipher: self.cipher) }
    }

    func update(_ task: PrescriptionTask) throws -> PrescriptionTask {
        let stored = try StorageError.mappingDatabaseErrors {
            try Row.fetchOne(
                self.db.cachedStatement(sql: "SELECT beneficiary FROM tasks WHERE id = ? AND version = ?"),
                arguments: [task.id.description, task.version]
            )
        }
        guard let stored else {
            throw StoreConflict(taskID: task.id)
        }
        let previousBeneficiary = try SQLiteTaskRecord.openBeneficiary(stored["beneficiary"], of: task.id, cipher: self.cipher)
        let record = try SQLiteTaskRecord(sealing: task, cipher: self.cipher)
        try StorageError.mappingDatabaseErrors {
            try self.db.cachedStatement(
                sql: """
                    UPDATE tasks SET
                        status = :status, last_modified = :last_modified, expiry_date = :expiry_date,
                        accept_date = :accept_date, last_medication_dispense = :last_medication_dispense,
                        beneficiary_hash = :beneficiary_hash, beneficiary = :beneficiary, credentials = :credentials,
                        multiple_prescription = :multiple_prescription, version = version + 1
                    WHERE id = :id AND version = :version
                    """
            ).execute(
                arguments: StatementArguments(record.arguments)
            )
        }
        guard self.db.changesCount == 1 else {
            throw StoreConflict(taskID: task.id)
        }
        if previousBeneficiary != task.beneficiary {
            try self.resealDocuments(of: task.id, from: previousBeneficiary, to: task.beneficiary)
        }
        var updated = task
        updated.version += 1
        return updated
    }

    func tasks(of kvnr: KVNR, limit: Int, offset: Int) throws -> [PrescriptionTask] {
        let hash = try self.hash(kvnr)
        let rows = try StorageError.mappingDatabaseErrors {
            try Row.fetchAll(
                self.db.cachedStatement(sql: "SELECT * FROM tasks WHERE beneficiary_hash = ? ORDER BY authored_on DESC, id DESC LIMIT ? OFFSET ?"),
                arguments: [hash, max(0, limit), max(0, offset)]
            )
        }
        return try rows.map { try SQLiteTaskRecord.task(from: $0, cipher: self.cipher) }
    }
}
