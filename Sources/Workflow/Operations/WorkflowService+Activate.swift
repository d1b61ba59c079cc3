// SPDX-License-Identifier: Apache-2.0

import FHIR
import Foundation
import TICrypto

extension WorkflowService {
    /// What `$activate` hands back to the prescriber: the ready task and the patient copy made for the insurant.
    public struct Activated: Sendable {
        /// The task, now `ready`.
        public let task: PrescriptionTask
        /// The patient copy (DocumentType 2) stored with the task, which `Task.input` type 2 references; nil when the
        /// service has no ``WorkflowService/patientCopySigner``.
        public let patientCopy: PatientCopy?

        /// Creates the result.
        public init(task: PrescriptionTask, patientCopy: PatientCopy?) {
            self.task = task
            self.patientCopy = patientCopy
        }
    }

    /// `$activate` (spec/fd-api.md §2.3, §6): checks in the order of §6 — role, AccessCode, state, the QES, FHIR
    /// decoding of the bundle inside, the business rules — then stores the QES (DocumentType 1) and the signed patient
    /// copy (DocumentType 2), sets `Task.for`, the dates and status `ready`, and writes the insurant's audit entry, in one
    /// transaction.
    /// - Parameters:
    ///   - id: the task.
    ///   - accessCode: the `X-AccessCode` (or `?ac=`) the caller sent, if any.
    ///   - qes: the CAdES-enveloping PKCS#7 of the `ePrescription` parameter.
    ///   - caller: the prescriber.
    /// - Returns: the activated task and its patient copy.
    public func activate(
        _ id: PrescriptionID,
        accessCode: AccessCode?,
        qes: [UInt8],
        caller: OperationCaller
    ) async throws(WorkflowError) -> Activated {
        // §6 step 1: role, AccessCode, state — on the task as stored now.
        let stored = try await transaction { transaction in try transaction.task(id) }
        _ = try Self.authorize(
            .activate,
            task: stored,
            flowtype: id.flowtype ?? .pharmacyGKV,
            caller: caller,
            credentials: Self.credentials(stored, accessCode: accessCode)
        )
        guard let stored else { throw WorkflowError(.taskNotFound, reason: "Task not found") }
        // §6 steps 2–4: the QES, outside the transaction.
        let now = clock.now
        let verified = try await prescriptionSignature.verify(qes, now: now)
        // §6 step 6: the KBV bundle must be valid FHIR.
        let bundle: FHIR.Bundle
        do {
            bundle = try FHIRDecoder().decode(FHIR.Bundle.self, from: verified.signedData.content)
        } catch {
            throw WorkflowError(.validationFailed, reason: "FHIR Profile validation failed: \(error)")
        }
        // §6 steps 5–15.
        let outcome = try activationRules.check(
            PrescriptionBundle(bundle),
            task: stored,
            signingTime: verified.signingTime,
            signerProfessions: verified.signedData.signerCertificate.professionOIDs,
            today: GermanCalendar.date(of: now)
        )
        let qesDocument = verified.storedDER
        // A_19029-06: after every check passed, the patient copy — the bundle as JSON under a new UUID, signed with
        // C.FD.SIG — built and signed outside the transaction, like the QES check.
        let patientCopy: PatientCopy?
        if let patientCopySigner {
            patientCopy = try PatientCopy(prescription: bundle, id: UUID(), signer: patientCopySigner, at: now)
        } else {
            patientCopy = nil
        }
        let patientCopyDocument = patientCopy?.storedBytes
        let expectedVersion = stored.version
        return try await transaction { transaction in
            // The task may have changed while the QES was checked: authorize again and require the same version.
            let current = try transaction.task(id)
            _ = try Self.authorize(
                .activate,
                task: current,
                flowtype: stored.flowtype,
                caller: caller,
                credentials: Self.credentials(current, accessCode: accessCode)
            )
            guard var task = current, task.version == expectedVersion else { throw StoreConflict(taskID: id) }
            task.status = .ready
            task.beneficiary = outcome.beneficiary
            task.expiryDate = outcome.validity.expiryDate
            task.acceptDate = outcome.validity.acceptDate
            task.multiplePrescription = outcome.multiplePrescription
            task.lastModified = now
            let updated = try transaction.update(task)
            try transaction.putDocument(qesDocument, kind: .qes, task: id, insurant: outcome.beneficiary)
            if let patientCopyDocument {
                // A_19029-06: stored as DocumentType 2 in the same transaction, sealed at rest like the QES.
                try transaction.putDocument(patientCopyDocument, kind: .patientCopy, task: id, insurant: outcome.beneficiary)
            }
            try transaction.audit(updated, .create, by: caller, at: now, "\(caller.displayName) hat ein E-Rezept \(id) eingestellt.")
            return Activated(task: updated, patientCopy: patientCopy)
        }
    }

    /// The credentials `accessCode` proves for `task`, compared in constant time.
    static func credentials(_ task: PrescriptionTask?, accessCode: AccessCode?) -> TaskCredentials {
        guard let task, let accessCode, let stored = task.accessCode, stored == accessCode else { return [] }
        return .accessCode
    }
}
