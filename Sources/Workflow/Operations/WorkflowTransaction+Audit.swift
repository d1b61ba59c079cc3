// SPDX-License-Identifier: Apache-2.0

import Foundation

extension WorkflowTransaction {
    /// Appends the entry of the insurant's access protocol (spec/fd-api.md §10) for an operation by `caller` on
    /// `task`, in this transaction; nothing when the task has no insurant yet (a draft). The German texts are
    /// chosen by each operation; §10 names no wording.
    func audit(_ task: PrescriptionTask, _ action: AuditRecord.Action, by caller: OperationCaller, at now: Date, _ text: String) throws {
        guard let insurant = task.beneficiary else { return }
        try append(
            AuditRecord(
                insurant: insurant,
                prescriptionID: task.id,
                action: action,
                agentName: caller.displayName,
                agentID: caller.idNumber,
                recorded: now,
                text: text
            )
        )
    }
}
