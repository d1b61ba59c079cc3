// SPDX-License-Identifier: Apache-2.0

import Testing
import Workflow

struct WorkflowErrorTests {
    @Test("errors are equal when their codes are, whatever the reason")
    func equality() {
        #expect(WorkflowError(.taskGone, reason: "a") == WorkflowError(.taskGone, reason: "b"))
        #expect(WorkflowError(.taskGone) != WorkflowError(.taskNotFound))
        #expect(Set([WorkflowError(.taskGone, reason: "a"), WorkflowError(.taskGone, reason: "b")]).count == 1)
    }

    @Test("the description names code, reason and place")
    func description() {
        let error = WorkflowError(.invalidKVNR, reason: "bad")
        #expect(error.description.hasPrefix("WorkflowError.invalidKVNR: bad (Workflow"))
    }

    @Test(
        "§9: HTTP status and issue type of each code",
        arguments: [
            (WorkflowError.Code.roleNotAllowed, 403, "forbidden"),
            (.accessCodeMismatch, 403, "forbidden"),
            (.secretMismatch, 403, "forbidden"),
            (.beneficiaryMismatch, 403, "forbidden"),
            (.recipientNotAllowed, 403, "forbidden"),
            (.taskStatusMismatch, 403, "forbidden"),
            (.taskStatusConflict, 409, "conflict"),
            (.taskPreconditionFailed, 412, "processing"),
            (.taskGone, 410, "processing"),
            (.taskNotFound, 404, "not-found"),
            (.prescriptionExpired, 403, "forbidden"),
            (.prescriptionNotYetRedeemable, 403, "forbidden"),
            (.invalidPrescriptionID, 400, "invalid"),
            (.invalidKVNR, 400, "invalid"),
            (.invalidTelematikID, 400, "invalid"),
            (.unknownFlowtype, 400, "invalid"),
            (.flowtypeNotActivatable, 400, "invalid"),
            (.flowtypeMismatch, 400, "invalid"),
            (.coverageMismatch, 400, "invalid"),
            (.signerProfessionNotAllowed, 400, "invalid"),
            (.authoredOnMismatch, 400, "invalid"),
            (.invalidMultiplePrescription, 400, "invalid"),
            (.sequenceNumberOutOfRange, 500, "exception"),
        ]
    )
    func statusAndIssueType(code: WorkflowError.Code, status: Int, issue: String) {
        let error = WorkflowError(code)
        #expect(error.httpStatus == status)
        #expect(error.issueType.rawValue == issue)
    }
}
