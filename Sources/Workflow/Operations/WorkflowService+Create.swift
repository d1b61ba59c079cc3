// SPDX-License-Identifier: Apache-2.0

extension WorkflowService {
    /// `$create` (spec/fd-api.md §2.2): a new draft task with a fresh PrescriptionID and AccessCode.
    /// - Throws: 403 for a caller who may not create tasks of `flowtype` (A_19018-01).
    public func create(flowtype: Flowtype, caller: OperationCaller) async throws(WorkflowError) -> PrescriptionTask {
        // A_19018-01: only prescribing institutions.
        _ = try Self.authorize(.create, task: nil, flowtype: flowtype, caller: caller, credentials: [])
        let now = clock.now
        return try await transaction { transaction in
            // A_19019-01, A_23227: the PrescriptionID from the database sequence is the Task.id.
            let id = try PrescriptionID(flowtype: flowtype, sequenceNumber: try transaction.nextPrescriptionSequenceNumber())
            // A_19021-02: a 256-bit AccessCode from a CSPRNG.
            let task = PrescriptionTask(id: id, flowtype: flowtype, accessCode: .random(), authoredOn: now)
            try transaction.insert(task)
            return task
        }
    }
}
