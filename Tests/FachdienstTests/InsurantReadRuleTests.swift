// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing
import Workflow

@Suite("The insurant's GET /Task/{id} rule (A_19116-01, A_26148)")
struct InsurantReadRuleTests {
    private static let own = try! KVNR(TaskFixture.insurantA)
    private static let other = try! KVNR(TaskFixture.insurantB)

    private static func task(_ flowtype: Flowtype, status: TaskStatus = .ready) throws -> PrescriptionTask {
        var task = PrescriptionTask(
            id: try PrescriptionID(flowtype: flowtype, sequenceNumber: 7),
            flowtype: flowtype,
            accessCode: .random(),
            authoredOn: TaskFixture.now
        )
        task.status = status
        task.beneficiary = status == .draft ? nil : Self.own
        return task
    }

    private static func answer(_ task: PrescriptionTask?, kvnr: KVNR, accessCode: AccessCode? = nil) -> WorkflowError.Code? {
        switch WorkflowService.authorizeInsurantRead(task, kvnr: kvnr, accessCode: accessCode) {
        case .success: nil
        case .failure(let error): error.code
        }
    }

    @Test("own task, representative with AccessCode, wrong AccessCode, missing and cancelled tasks, drafts")
    func pharmacyFlowtype() throws {
        let task = try Self.task(.pharmacyGKV)
        #expect(Self.answer(task, kvnr: Self.own) == nil)
        #expect(Self.answer(task, kvnr: Self.other) == .beneficiaryMismatch)
        #expect(Self.answer(task, kvnr: Self.other, accessCode: task.accessCode) == nil)
        #expect(Self.answer(task, kvnr: Self.other, accessCode: .random()) == .accessCodeMismatch)
        #expect(Self.answer(nil, kvnr: Self.own) == .taskNotFound)
        #expect(Self.answer(try Self.task(.pharmacyGKV, status: .cancelled), kvnr: Self.own) == .taskGone)
        let draft = try Self.task(.pharmacyGKV, status: .draft)
        #expect(Self.answer(draft, kvnr: Self.own, accessCode: draft.accessCode) == .taskStatusMismatch)
    }

    @Test("169 and 209: a KVNR mismatch is 403 even with the AccessCode", arguments: [Flowtype.directAssignmentGKV, .directAssignmentPKV])
    func directAssignment(flowtype: Flowtype) throws {
        let task = try Self.task(flowtype)
        #expect(Self.answer(task, kvnr: Self.own) == nil)
        #expect(Self.answer(task, kvnr: Self.other, accessCode: task.accessCode) == .beneficiaryMismatch)
    }
}
