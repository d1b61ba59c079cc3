// SPDX-License-Identifier: Apache-2.0

import Foundation
import GRDB
import Workflow

/// The column values of one `tasks` row, sealed for writing or opened after reading.
///
/// `beneficiary` holds the KVNR sealed with the data key without an insurant: a task is read by its id, before its
/// insurant is known. `credentials` holds the AccessCode, the Secret and the owner, sealed with the insurant's data key
/// once the task has a beneficiary (and with the key without an insurant for a draft), so they are re-sealed under the
/// insurant's key by the update that sets the beneficiary at `$activate`.
struct SQLiteTaskRecord {
    /// The sealed fields, JSON-encoded before sealing.
    private struct Credentials: Codable {
        var accessCode: String?
        var secret: String?
        var owner: String?
    }

    /// The values bound to the statement, by column name.
    let arguments: [String: (any DatabaseValueConvertible)?]

    /// Seals `task` for writing.
    init(sealing task: PrescriptionTask, cipher: PersonalDataCipher) throws {
        let credentials = Credentials(
            accessCode: task.accessCode?.hexadecimal,
            secret: task.secret?.hexadecimal,
            owner: task.owner?.value
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let sealedCredentials = try cipher.seal(
            Array(try encoder.encode(credentials)),
            insurant: task.beneficiary?.value,
            associatedData: SQLiteAssociatedData.credentials(of: task.id)
        )
        var beneficiaryHash: Data?
        var sealedBeneficiary: Data?
        if let beneficiary = task.beneficiary {
            beneficiaryHash = Data(try cipher.lookupHash(beneficiary.value, kind: .kvnr).bytes)
            sealedBeneficiary = Data(
                try cipher.seal(Array(beneficiary.value.utf8), insurant: nil, associatedData: SQLiteAssociatedData.beneficiary(of: task.id))
            )
        }
        self.arguments = [
            "id": task.id.description,
            "flowtype": task.flowtype.rawValue,
            "status": task.status.rawValue,
            "version": task.version,
            "authored_on": task.authoredOn.timeIntervalSinceReferenceDate,
            "last_modified": task.lastModified.timeIntervalSinceReferenceDate,
            "expiry_date": task.expiryDate?.description,
            "accept_date": task.acceptDate?.description,
            "last_medication_dispense": task.lastMedicationDispense?.timeIntervalSinceReferenceDate,
            "beneficiary_hash": beneficiaryHash,
            "beneficiary": sealedBeneficiary,
            "credentials": Data(sealedCredentials),
            "multiple_prescription": try task.multiplePrescription.map(SQLiteMultiplePrescription.json),
        ]
    }

    /// Opens the KVNR of a `beneficiary` column.
    static func openBeneficiary(_ sealed: Data?, of id: PrescriptionID, cipher: PersonalDataCipher) throws -> KVNR? {
        guard let sealed else {
            return nil
        }
        let plaintext = try cipher.open(Array(sealed), insurant: nil, associatedData: SQLiteAssociatedData.beneficiary(of: id))
        return try Self.parse("beneficiary", of: id) { try KVNR(String(decoding: plaintext, as: UTF8.self)) }
    }

    /// Reads and opens a `tasks` row selected with `SELECT *`.
    static func task(from row: Row, cipher: PersonalDataCipher) throws -> PrescriptionTask {
        let idText: String = row["id"]
        guard let id = try? PrescriptionID(idText) else {
            throw StorageError(.corruptRecord, reason: "a tasks row has an invalid id")
        }
        let beneficiary = try Self.openBeneficiary(row["beneficiary"], of: id, cipher: cipher)
        let sealedCredentials: Data = row["credentials"]
        let plaintext = try cipher.open(
            Array(sealedCredentials),
            insurant: beneficiary?.value,
            associatedData: SQLiteAssociatedData.credentials(of: id)
        )
        let credentials = try Self.parse("credentials", of: id) { try JSONDecoder().decode(Credentials.self, from: Data(plaintext)) }
        guard let flowtype = Flowtype(rawValue: row["flowtype"]), let status = TaskStatus(rawValue: row["status"]) else {
            throw StorageError(.corruptRecord, reason: "task \(id) has an unknown flowtype or status")
        }
        return PrescriptionTask(
            id: id,
            flowtype: flowtype,
            status: status,
            accessCode: try Self.parse("access code", of: id) { try credentials.accessCode.map { try AccessCode($0) } },
            secret: try Self.parse("secret", of: id) { try credentials.secret.map { try Secret($0) } },
            owner: try Self.parse("owner", of: id) { try credentials.owner.map { try TelematikID($0) } },
            beneficiary: beneficiary,
            authoredOn: Date(timeIntervalSinceReferenceDate: row["authored_on"]),
            lastModified: Date(timeIntervalSinceReferenceDate: row["last_modified"]),
            expiryDate: try Self.calendarDate(row["expiry_date"], column: "expiry_date", of: id),
            acceptDate: try Self.calendarDate(row["accept_date"], column: "accept_date", of: id),
            lastMedicationDispense: (row["last_medication_dispense"] as Double?).map { Date(timeIntervalSinceReferenceDate: $0) },
            version: row["version"],
            multiplePrescription: try Self.parse("multiple prescription", of: id) {
                try (row["multiple_prescription"] as String?).map(SQLiteMultiplePrescription.decode)
            }
        )
    }

    private static func calendarDate(_ text: String?, column: String, of id: PrescriptionID) throws -> CalendarDate? {
        guard let text else {
            return nil
        }
        guard let date = CalendarDate(iso: text) else {
            throw StorageError(.corruptRecord, reason: "task \(id) has an invalid \(column)")
        }
        return date
    }

    /// Runs a parser; its error (whose message may quote the value) is replaced by one that names only the field.
    private static func parse<T>(_ field: String, of id: PrescriptionID, _ parser: () throws -> T) throws -> T {
        do {
            return try parser()
        } catch {
            throw StorageError(.corruptRecord, reason: "task \(id) has an invalid \(field)")
        }
    }
}
