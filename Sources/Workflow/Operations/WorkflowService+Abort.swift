// SPDX-License-Identifier: Apache-2.0

extension WorkflowService {
    /// `$abort` (spec/fd-api.md §2.8): deletes a prescription. The task becomes `cancelled` and keeps only `Task.for`;
    /// every document (QES, dispenses, receipt) is deleted (A_19027-06).
    ///
    /// Who may abort when (A_19026-01): the prescriber with the AccessCode in `ready` (A_19120-03); the pharmacy with
    /// the Secret in `in-progress` (A_19224, A_19146); the insurant by KVNR = `Task.for` or with the AccessCode, never
    /// in `in-progress` (A_20546-03, A_19145-01), for flowtypes 169/209 only `completed` (A_22102-01).
    /// - Parameters:
    ///   - id: the task.
    ///   - accessCode: the `X-AccessCode` the caller sent, if any.
    ///   - secret: the `?secret=` the caller sent, if any.
    ///   - caller: the prescriber, pharmacy or insurant.
    /// - Throws: 403 for a wrong role, credential or state, 404 for an unknown task, 410 for a deleted one.
    public func abort(
        _ id: PrescriptionID,
        accessCode: AccessCode?,
        secret: Secret?,
        caller: OperationCaller
    ) async throws(WorkflowError) {
        let now = clock.now
        try await transaction { transaction in
            let current = try transaction.task(id)
            _ = try Self.authorize(
                .abort,
                task: current,
                flowtype: current?.flowtype ?? id.flowtype ?? .pharmacyGKV,
                caller: caller,
                credentials: Self.abortCredentials(current, accessCode: accessCode, secret: secret, caller: caller)
            )
            guard let current else { throw WorkflowError(.taskNotFound, reason: "Task not found") }
            // A_19027-06: everything but Task.for is wiped; the stored task keeps its id, flowtype and authoredOn.
            let wiped = PrescriptionTask(
                id: current.id,
                flowtype: current.flowtype,
                status: .cancelled,
                accessCode: nil,
                secret: nil,
                owner: nil,
                beneficiary: current.beneficiary,
                authoredOn: current.authoredOn,
                lastModified: now,
                expiryDate: nil,
                acceptDate: nil,
                lastMedicationDispense: nil,
                version: current.version
            )
            _ = try transaction.update(wiped)
            try transaction.deleteDocuments(task: id)
            try transaction.audit(current, .delete, by: caller, at: now, "\(caller.displayName) hat Ihr E-Rezept \(id) gelöscht.")
        }
    }

    /// The credentials of an `$abort` request: AccessCode and Secret compared in constant time, and `beneficiary`
    /// when an insurant's KVNR equals `Task.for`.
    static func abortCredentials(
        _ task: PrescriptionTask?,
        accessCode: AccessCode?,
        secret: Secret?,
        caller: OperationCaller
    ) -> TaskCredentials {
        var credentials = Self.credentials(task, accessCode: accessCode).union(Self.credentials(task, secret: secret))
        if let task, let beneficiary = task.beneficiary, let kvnr = caller.kvnr, kvnr == beneficiary {
            credentials.insert(.beneficiary)
        }
        return credentials
    }
}
