// SPDX-License-Identifier: Apache-2.0

extension WorkflowService {
    /// What `GET /Task/{id}?secret=` hands to the holder: the task and, once it is completed, the receipt.
    public struct SecretRead: Sendable {
        /// The task.
        public let task: PrescriptionTask
        /// The stored receipt bundle (DocumentType 3) of a completed task, as `$close` stored it; nil before.
        public let receipt: [UInt8]?

        /// Creates the result.
        public init(task: PrescriptionTask, receipt: [UInt8]?) {
            self.task = task
            self.receipt = receipt
        }
    }

    /// What the insurant's `GET /Task/{id}` hands out: the task and the patient copy of its prescription.
    public struct InsurantRead: Sendable {
        /// The task.
        public let task: PrescriptionTask
        /// The patient copy (DocumentType 2) as `$activate` stored it (A_21375-02); nil for a task activated by a
        /// service without ``WorkflowService/patientCopySigner``.
        public let patientCopy: PatientCopy?

        /// Creates the result.
        public init(task: PrescriptionTask, patientCopy: PatientCopy?) {
            self.task = task
            self.patientCopy = patientCopy
        }
    }

    /// `GET /Task/{id}` by an insurant (spec/fd-api.md §2.10): their own task, or another insurant's with the
    /// AccessCode as representative, with the patient copy; writes the insurant's audit entry in the same transaction
    /// (§10).
    /// - Parameters:
    ///   - id: the task.
    ///   - accessCode: the `X-AccessCode` (or `?ac=`) the caller sent, if any.
    ///   - caller: the insurant.
    /// - Returns: the task and its patient copy.
    /// - Throws: 403 for another role, a foreign task without matching AccessCode, a foreign 169/209 task or a draft;
    ///   404/410 for an unknown or cancelled task; 500 when the stored patient copy cannot be read.
    public func readTask(_ id: PrescriptionID, accessCode: AccessCode?, caller: OperationCaller) async throws(WorkflowError) -> InsurantRead {
        // A_19113-02: insurants read with their token; pharmacies and payers only with ?ac or ?secret.
        let kvnr = try Self.insurantKVNR(of: caller, for: "GET /Task/{id}")
        let now = clock.now
        let (task, stored) = try await transaction { transaction in
            let task = try Self.authorizeInsurantRead(transaction.task(id), kvnr: kvnr, accessCode: accessCode).get()
            // A_21375-02: the server-signed KBV bundle (DocumentType 2) goes with the task; the rule above admits only
            // tasks with status ready or later.
            let patientCopy = try transaction.document(.patientCopy, task: id, insurant: task.beneficiary)
            let text =
                task.beneficiary != kvnr
                ? "\(caller.displayName) hat als Vertreter Ihr E-Rezept \(id) abgerufen."
                : "\(caller.displayName) hat Ihr E-Rezept \(id) abgerufen."
            try transaction.audit(task, .read, by: caller, at: now, text)
            return (task, patientCopy)
        }
        return InsurantRead(task: task, patientCopy: try stored.map { (bytes) throws(WorkflowError) in try PatientCopy(stored: bytes) })
    }

    /// The insurant's rule for `GET /Task/{id}`, which the operation table ``TaskAccess/rules`` does not cover:
    /// existence (404), deletion (410), then the KVNR or AccessCode, then the status (the order of IG-TIFLOW-CORE-418).
    /// - Parameters:
    ///   - task: the stored task, nil when there is none.
    ///   - kvnr: the caller's KVNR.
    ///   - accessCode: the AccessCode the caller sent, if any.
    /// - Returns: the task, or the error to answer with.
    public static func authorizeInsurantRead(
        _ task: PrescriptionTask?,
        kvnr: KVNR,
        accessCode: AccessCode?
    ) -> Result<PrescriptionTask, WorkflowError> {
        guard let task else { return .failure(WorkflowError(.taskNotFound, reason: "Task not found")) }
        // A cancelled task keeps only Task.for (A_19027-06): gone, as in TaskAccess.
        guard task.status != .cancelled else { return .failure(WorkflowError(.taskGone, reason: "Task has already been deleted")) }
        if task.beneficiary != kvnr {
            // A_26148: for 169/209 a KVNR mismatch is always 403, even with the AccessCode.
            guard task.flowtype.insurantMaySeeAccessCode else {
                return .failure(WorkflowError(.beneficiaryMismatch, reason: "Task is not for this insurant"))
            }
            // A_19116-01: a representative must present the task's AccessCode (compared in constant time).
            guard accessCode != nil else {
                return .failure(WorkflowError(.beneficiaryMismatch, reason: "Task is not for this insurant and no AccessCode was given"))
            }
            guard Self.credentials(task, accessCode: accessCode).contains(.accessCode) else {
                return .failure(WorkflowError(.accessCodeMismatch, reason: "AccessCode missing or wrong"))
            }
        }
        // AE erp_versicherte: only tasks with status ready or later.
        guard task.status != .draft else { return .failure(WorkflowError(.taskStatusMismatch, reason: "Task has invalid status draft")) }
        return .success(task)
    }

    /// `GET /Task/{id}?ac=` (spec/fd-api.md §2.10, A_24176 … A_24179): the owning pharmacy recovers the Secret of an
    /// in-progress task together with the QES.
    /// - Throws: 403 for a wrong role or AccessCode, 404/410 for an unknown or cancelled task, 412 when the caller is
    ///   not `Task.owner` or the task is not in progress.
    public func recoverSecret(_ id: PrescriptionID, accessCode: AccessCode?, caller: OperationCaller) async throws(WorkflowError) -> Accepted {
        try await transaction { transaction in
            let current = try transaction.task(id)
            // A_24176: role; A_24177: owner (412); A_24178: AccessCode (403); A_24179: in-progress (412).
            _ = try Self.authorize(
                .readWithAccessCode,
                task: current,
                flowtype: current?.flowtype ?? id.flowtype ?? .pharmacyGKV,
                caller: caller,
                credentials: Self.acceptCredentials(current, accessCode: accessCode, caller: caller)
            )
            guard let task = current else { throw WorkflowError(.taskNotFound, reason: "Task not found") }
            guard let qes = try transaction.document(.qes, task: id, insurant: task.beneficiary) else {
                throw WorkflowError(.storageFailure, reason: "the QES of an in-progress task is missing")
            }
            return Accepted(task: task, qes: qes)
        }
    }

    /// `GET /Task/{id}?secret=` (spec/fd-api.md §2.10, A_19226-01): the holder reads an in-progress task, or a
    /// completed one with its receipt; writes the insurant's audit entry in the same transaction (§10).
    /// - Throws: 403 for a wrong role or Secret or a task without Secret, 404/410 for an unknown or cancelled task.
    public func readWithSecret(_ id: PrescriptionID, secret: Secret?, caller: OperationCaller) async throws(WorkflowError) -> SecretRead {
        let now = clock.now
        return try await transaction { transaction in
            let current = try transaction.task(id)
            var credentials: TaskCredentials = []
            // Secret equality runs in constant time.
            if let current, let secret, let stored = current.secret, stored == secret { credentials.insert(.secret) }
            _ = try Self.authorize(
                .readWithSecret,
                task: current,
                flowtype: current?.flowtype ?? id.flowtype ?? .pharmacyGKV,
                caller: caller,
                credentials: credentials
            )
            guard let task = current else { throw WorkflowError(.taskNotFound, reason: "Task not found") }
            let receipt = task.status == .completed ? try transaction.document(.receipt, task: id, insurant: task.beneficiary) : nil
            let text =
                task.status == .completed
                ? "\(caller.displayName) hat die Quittung zu Ihrem E-Rezept \(id) abgerufen."
                : "\(caller.displayName) hat Ihr E-Rezept \(id) abgerufen."
            try transaction.audit(task, .read, by: caller, at: now, text)
            return SecretRead(task: task, receipt: receipt)
        }
    }
}
