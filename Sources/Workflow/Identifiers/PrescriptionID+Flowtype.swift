// SPDX-License-Identifier: Apache-2.0

extension PrescriptionID {
    /// Checks that the PrescriptionID belongs to a task of the given flowtype.
    /// - Parameter flowtype: the task's flowtype.
    /// - Throws: ``WorkflowError/Code/flowtypeMismatch`` when the prefix differs.
    public func checkMatches(flowtype: Flowtype) throws(WorkflowError) {
        // A_21370: the prefix of the PrescriptionID must equal the task's flowtype.
        guard self.flowtypeCode == flowtype.code else {
            throw WorkflowError(.flowtypeMismatch, reason: "PrescriptionID \(self) does not belong to flowtype \(flowtype.code)")
        }
    }
}
