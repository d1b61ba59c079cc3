// SPDX-License-Identifier: Apache-2.0

import Workflow

/// The associated data that binds each sealed value to its table, row and column.
///
/// A ciphertext copied into another row or column no longer opens. The strings are UTF-8 without terminator; they are
/// part of the stored format and must not change.
enum SQLiteAssociatedData {
    /// `tasks/<PrescriptionID>/beneficiary`.
    static func beneficiary(of id: PrescriptionID) -> [UInt8] {
        Array("tasks/\(id)/beneficiary".utf8)
    }

    /// `tasks/<PrescriptionID>/credentials`.
    static func credentials(of id: PrescriptionID) -> [UInt8] {
        Array("tasks/\(id)/credentials".utf8)
    }

    /// `task_documents/<PrescriptionID>/<kind>`.
    static func document(_ kind: TaskDocumentKind, of id: PrescriptionID) -> [UInt8] {
        Array("task_documents/\(id)/\(kind.rawValue)".utf8)
    }

    /// `audit_records/<UUID>`.
    static func auditRecord(_ id: String) -> [UInt8] {
        Array("audit_records/\(id)".utf8)
    }

    /// `storage_metadata/key-check`.
    static let keyCheck = Array("storage_metadata/key-check".utf8)
}
