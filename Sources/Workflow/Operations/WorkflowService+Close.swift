// SPDX-License-Identifier: Apache-2.0

public import FHIR
import Foundation
import TICrypto

extension WorkflowService {
    /// `$close` (spec/fd-api.md §2.7, §5.2): the redeeming institution completes the task; the Fachdienst signs a
    /// receipt, stores it (DocumentType 3) and returns it.
    ///
    /// Checks role, existence, Secret and state, then the dispense information (the body, or dispenses stored by
    /// `$dispense`), builds and signs the receipt outside the transaction, and commits status `completed`, the
    /// dispenses, the receipt and the insurant's audit entry together if the task is unchanged.
    /// - Parameters:
    ///   - id: the task.
    ///   - secret: the `?secret=` the caller sent, if any.
    ///   - parameters: the `Parameters` body, or nil for an empty body.
    ///   - caller: the pharmacy (or, for DiGA, the payer).
    /// - Returns: the signed receipt Bundle.
    /// - Throws: 403 for a wrong role, Secret or state, or an empty body without stored dispenses (A_24287-01);
    ///   404/410 for an unknown or deleted task; 400 for wrong dispense information; 409 for a concurrent change;
    ///   503 when the receipt cannot be signed (A_22919).
    public func close(
        _ id: PrescriptionID,
        secret: Secret?,
        parameters: FHIR.Parameters?,
        caller: OperationCaller
    ) async throws(WorkflowError) -> FHIR.Bundle {
        // A_19230-01 (role), A_19231-02 (Secret), state in-progress: on the task as stored now.
        let (stored, documents) = try await transaction { transaction in
            let task = try transaction.task(id)
            let documents = try task.flatMap { task in try Self.closeDocuments(transaction, task: task) }
            return (task, documents)
        }
        try Self.authorizeDispense(.close, stored, id: id, secret: secret, caller: caller)
        guard let stored, let documents else { throw WorkflowError(.taskNotFound, reason: "Task not found") }
        // A_26481: a body replaces earlier dispenses; A_24287-01: without a body, $dispense must have stored some.
        let dispenses: [UInt8]?
        if let parameters {
            dispenses = try dispenseInformation(parameters, task: stored, caller: caller).document
        } else {
            guard documents.hasDispenses else {
                throw WorkflowError(
                    .medicationDispenseMissing,
                    reason: "Abschluss des Workflows konnte nicht durchgeführt werden. Dispensierinformationen wurden nicht bereitgestellt."
                )
            }
            dispenses = nil
        }
        guard let receiptSigner else {
            throw WorkflowError(.receiptSigningUnavailable, reason: "No receipt signature is configured")
        }
        guard let beneficiary = caller.telematikID else {
            throw WorkflowError(.roleNotAllowed, reason: "$close needs an institution with a Telematik-ID")
        }
        // The receipt, built and signed outside the transaction.
        let now = clock.now
        // The digests are read from the DER structure; a QES stored as BER takes the full parse.
        let prescriptionDigest: [UInt8]
        if let digests = try? CMSSignerDigests(derEncoded: documents.qes) {
            prescriptionDigest = receiptSigner.prescriptionDigest.value(of: digests)
        } else if let qes = try? CMSSignedData(derEncoded: documents.qes) {
            prescriptionDigest = receiptSigner.prescriptionDigest.value(of: qes)
        } else {
            throw WorkflowError(.storageFailure, reason: "the stored QES does not parse")
        }
        let content = ReceiptDocument.Content(
            prescriptionID: id,
            beneficiary: beneficiary,
            accepted: documents.accepted ?? stored.lastModified,
            closed: now,
            prescriptionDigest: prescriptionDigest,
            release: receiptSigner.release
        )
        let receipt = try await ReceiptDocument.signed(ReceiptDocument.unsigned(content), signer: receiptSigner, at: now)
        let receiptDocument = FHIREncoder(format: .json).encode(receipt)
        try await transaction { transaction in
            let current = try transaction.task(id)
            try Self.authorizeDispense(.close, current, id: id, secret: secret, caller: caller)
            guard var task = current, task.version == stored.version else { throw StoreConflict(taskID: id) }
            if let dispenses {
                try transaction.putDocument(dispenses, kind: .dispenses, task: id, insurant: task.beneficiary)
                task.lastMedicationDispense = now
            }
            // A_19233-06: receipt stored as Task.output (DocumentType 3), status completed.
            try transaction.putDocument(receiptDocument, kind: .receipt, task: id, insurant: task.beneficiary)
            task.status = .completed
            task.owner = beneficiary
            task.lastModified = now
            _ = try transaction.update(task)
            try transaction.audit(task, .update, by: caller, at: now, "\(caller.displayName) hat Ihr E-Rezept \(id) beliefert und abgeschlossen.")
        }
        return receipt
    }

    /// What `$close` reads besides the task.
    struct CloseDocuments: Sendable {
        /// The stored QES (DocumentType 1).
        let qes: [UInt8]
        /// Whether `$dispense` stored dispense information.
        let hasDispenses: Bool
        /// When the task was accepted; nil for tasks accepted before this was recorded.
        let accepted: Date?
    }

    /// The documents of `task` that `$close` needs; nil for a task without QES (not yet activated, or wiped).
    static func closeDocuments(_ transaction: any WorkflowTransaction, task: PrescriptionTask) throws -> CloseDocuments? {
        guard let qes = try transaction.document(.qes, task: task.id, insurant: task.beneficiary) else { return nil }
        let accepted = try transaction.document(.acceptance, task: task.id, insurant: task.beneficiary).flatMap(Self.instant(document:))
        return CloseDocuments(
            qes: qes,
            hasDispenses: try transaction.document(.dispenses, task: task.id, insurant: task.beneficiary) != nil,
            accepted: accepted
        )
    }

    /// `date` as an ISO 8601 instant in UTF-8, the form of ``TaskDocumentKind/acceptance``.
    static func instantDocument(_ date: Date) -> [UInt8] {
        Array(date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)).utf8)
    }

    /// The date of an ``instantDocument(_:)``.
    static func instant(document: [UInt8]) -> Date? {
        try? Date(String(decoding: document, as: UTF8.self), strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true))
    }
}
