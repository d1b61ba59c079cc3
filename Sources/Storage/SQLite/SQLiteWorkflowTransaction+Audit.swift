// SPDX-License-Identifier: Apache-2.0

import Foundation
import GRDB
import Workflow

extension SQLiteWorkflowTransaction {
    /// The sealed part of an `audit_records` row, JSON-encoded before sealing.
    private struct SealedAuditFields: Codable {
        var insurant: String
        var prescriptionID: String?
        var action: String
        var agentName: String
        var agentID: String
        var text: String
    }

    func append(_ record: AuditRecord) throws {
        let id = record.id.uuidString
        let fields = SealedAuditFields(
            insurant: record.insurant.value,
            prescriptionID: record.prescriptionID?.description,
            action: record.action.rawValue,
            agentName: record.agentName,
            agentID: record.agentID,
            text: record.text
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let sealed = try self.cipher.seal(
            Array(try encoder.encode(fields)),
            insurant: record.insurant.value,
            associatedData: SQLiteAssociatedData.auditRecord(id)
        )
        let hash = try self.hash(record.insurant)
        try StorageError.mappingDatabaseErrors {
            try self.db.cachedStatement(sql: "INSERT INTO audit_records (id, insurant_hash, recorded, ciphertext) VALUES (?, ?, ?, ?)").execute(
                arguments: [id, hash, record.recorded.timeIntervalSinceReferenceDate, Data(sealed)]
            )
        }
    }

    func auditRecords(of kvnr: KVNR, limit: Int, offset: Int) throws -> [AuditRecord] {
        let hash = try self.hash(kvnr)
        let rows = try StorageError.mappingDatabaseErrors {
            try Row.fetchAll(
                self.db.cachedStatement(
                    sql: """
                        SELECT id, recorded, ciphertext FROM audit_records WHERE insurant_hash = ?
                        ORDER BY recorded DESC, id DESC LIMIT ? OFFSET ?
                        """
                ),
                arguments: [hash, max(0, limit), max(0, offset)]
            )
        }
        return try rows.map { row in
            let id: String = row["id"]
            let sealed: Data = row["ciphertext"]
            let plaintext = try self.cipher.open(Array(sealed), insurant: kvnr.value, associatedData: SQLiteAssociatedData.auditRecord(id))
            let corrupt = StorageError(.corruptRecord, reason: "audit record \(id) cannot be decoded")
            guard let uuid = UUID(uuidString: id),
                let fields = try? JSONDecoder().decode(SealedAuditFields.self, from: Data(plaintext)),
                let action = AuditRecord.Action(rawValue: fields.action),
                let insurant = try? KVNR(fields.insurant),
                insurant == kvnr
            else {
                throw corrupt
            }
            var prescriptionID: PrescriptionID?
            if let text = fields.prescriptionID {
                guard let parsed = try? PrescriptionID(text) else {
                    throw corrupt
                }
                prescriptionID = parsed
            }
            return AuditRecord(
                id: uuid,
                insurant: insurant,
                prescriptionID: prescriptionID,
                action: action,
                agentName: fields.agentName,
                agentID: fields.agentID,
                recorded: Date(timeIntervalSinceReferenceDate: row["recorded"]),
                text: fields.text
            )
        }
    }
}
