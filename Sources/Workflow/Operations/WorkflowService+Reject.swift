// SPDX-License-Identifier: Apache-2.0

extension WorkflowService {
    /// `$reject` (spec/fd-api.md §2.5): the redeeming institution hands an in-progress task back; it becomes `ready`
    /// again without Secret and owner, so that another pharmacy may accept it.
    /// - Parameters:
    ///   - id: the task.
    ///   - secret: the `?secret=` the caller sent, if any.
    ///   - caller: the pharmacy (or, for DiGA, the payer).
    /// - Throws: 403 for a wrong role, Secret or state, 404/410 for an unknown or deleted task.
    public func reject(_ id: PrescriptionID, secret: Secret?, caller: OperationCaller) async throws(WorkflowError) {
        let now = clock.now
        try await transaction { transaction in
            let current = try transaction.task(id)
            // Role, Secret (compared in constant time), state in-progress, else 403 (spec/fd-api.md §2.5).
            _ = try Self.authorize(
                .reject,
                task: current,
                flowtype: current?.flowtype ?? id.flowtype ?? .pharmacyGKV,
                caller: caller,
                credentials: Self.credentials(current, secret: secret)
            )
            guard var task = current else { throw WorkflowError(.taskNotFound, reason: "Task not found") }
            // A_19172-01, A_24175: Secret and owner removed, back to ready.
            task.status = .ready
            task.secret = nil
            task.owner = nil
            task.lastModified = now
            _ = try transaction.update(task)
            // The German audit texts of this file are chosen here; spec/fd-api.md §10 names no wording.
            try transaction.audit(task, .update, by: caller, at: now, "\(caller.displayName) hat Ihr E-Rezept \(id) zurückgegeben.")
        }
    }

    /// The Secret credential of `secret` for `task`, compared in constant time.
    static func credentials(_ task: PrescriptionTask?, secret: Secret?) -> TaskCredentials {
        guard let task, let secret, let stored = task.secret, stored == secret else { return [] }
        return .secret
    }
}
