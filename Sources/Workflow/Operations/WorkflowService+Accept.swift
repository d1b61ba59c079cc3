// SPDX-License-Identifier: Apache-2.0

extension WorkflowService {
    /// What `$accept` hands to the redeeming institution: the task with its new Secret and the prescription as the
    /// prescriber signed it.
    public struct Accepted: Sendable {
        /// The task, now `in-progress`, with ``PrescriptionTask/secret`` and ``PrescriptionTask/owner`` set.
        public let task: PrescriptionTask
        /// The stored QES (DocumentType 1): the CAdES-enveloping PKCS#7, DER.
        public let qes: [UInt8]

        /// Creates the result.
        public init(task: PrescriptionTask, qes: [UInt8]) {
            self.task = task
            self.qes = qes
        }
    }

    /// `$accept` (spec/fd-api.md §2.4): a pharmacy (or, for DiGA, a payer) claims a ready task with its AccessCode.
    ///
    /// Checks in the order of IG-TIFLOW-CORE-418 — role, existence (404, 410), AccessCode, state (409) — then the
    /// expiry date; on success stores a fresh Secret, the caller as owner, status `in-progress` and the insurant's
    /// audit entry in one transaction.
    /// - Parameters:
    ///   - id: the task.
    ///   - accessCode: the `?ac=` (or `X-AccessCode`) the caller sent, if any.
    ///   - caller: the redeeming institution.
    /// - Returns: the accepted task and the stored QES.
    /// - Throws: 403 for a wrong role, AccessCode or an expired prescription, 404/410 for an unknown or deleted task,
    ///   409 for a task that is not `ready`.
    public func accept(_ id: PrescriptionID, accessCode: AccessCode?, caller: OperationCaller) async throws(WorkflowError) -> Accepted {
        let now = clock.now
        let today = GermanCalendar.date(of: now)
        // Nothing expensive to do outside: one transaction reads, checks and writes.
        return try await transaction { transaction in
            let current = try transaction.task(id)
            // A_19166-02 (role), A_19167-04 (AccessCode, compared in constant time), A_19168-01 (state: 409, with the
            // "processed by requesting institution" hint for the holder), 410 for a cancelled task.
            _ = try Self.authorize(
                .accept,
                task: current,
                flowtype: current?.flowtype ?? id.flowtype ?? .pharmacyGKV,
                caller: caller,
                credentials: Self.acceptCredentials(current, accessCode: accessCode, caller: caller)
            )
            guard var task = current else { throw WorkflowError(.taskNotFound, reason: "Task not found") }
            // A_23539-01: redeemable up to and including the expiry date (German calendar).
            if let expiry = task.expiryDate, expiry < today {
                throw WorkflowError(.prescriptionExpired, reason: "Verordnung bis \(expiry.germanDescription) einlösbar.")
            }
            // A_22635-02: a part of a Mehrfachverordnung is redeemable from the start of its period on.
            try task.multiplePrescription?.checkRedeemable(today: today)
            guard let owner = caller.telematikID else {
                throw WorkflowError(.roleNotAllowed, reason: "$accept needs an institution with a Telematik-ID")
            }
            guard let qes = try transaction.document(.qes, task: id, insurant: task.beneficiary) else {
                throw WorkflowError(.storageFailure, reason: "the QES of a ready task is missing")
            }
            // A_19169-01: a fresh 256-bit Secret from a CSPRNG; A_24174: the caller becomes Task.owner.
            task.status = .inProgress
            task.secret = .random()
            task.owner = owner
            task.lastModified = now
            let updated = try transaction.update(task)
            // spec/fd-api.md §5.2: the receipt's event period starts at this state change.
            try transaction.putDocument(Self.instantDocument(now), kind: .acceptance, task: id, insurant: task.beneficiary)
            try transaction.audit(task, .update, by: caller, at: now, "\(caller.displayName) hat Ihr E-Rezept \(id) abgerufen.")
            return Accepted(task: updated, qes: qes)
        }
    }

    /// The AccessCode credential of ``credentials(_:accessCode:)`` plus `owner` when the caller already holds the task.
    static func acceptCredentials(_ task: PrescriptionTask?, accessCode: AccessCode?, caller: OperationCaller) -> TaskCredentials {
        var credentials = Self.credentials(task, accessCode: accessCode)
        if let task, let owner = task.owner, let telematikID = caller.telematikID, owner == telematikID {
            credentials.insert(.owner)
        }
        return credentials
    }
}
