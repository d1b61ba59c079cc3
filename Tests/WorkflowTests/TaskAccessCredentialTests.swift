// SPDX-License-Identifier: Apache-2.0

import Testing
import Workflow

struct TaskAccessCredentialTests {
    private func authorize(
        _ operation: TaskOperation,
        _ role: Role,
        _ status: TaskStatus,
        _ credentials: TaskCredentials,
        flowtype: Flowtype = .pharmacyGKV
    ) -> Result<TaskStatus, WorkflowError> {
        TaskAccess.authorize(operation, role: role, status: status, flowtype: flowtype, credentials: credentials)
    }

    @Test("A_19024-03, A_19167-04, A_19120-03: operations that need the AccessCode refuse without it")
    func accessCodeRequired() {
        #expect(authorize(.activate, .prescriber, .draft, []) == .failure(WorkflowError(.accessCodeMismatch)))
        #expect(authorize(.accept, .pharmacy, .ready, [.secret, .owner, .beneficiary]) == .failure(WorkflowError(.accessCodeMismatch)))
        #expect(authorize(.abort, .prescriber, .ready, [.secret]) == .failure(WorkflowError(.accessCodeMismatch)))
        #expect(authorize(.activate, .prescriber, .draft, [.accessCode]) == .success(.ready))
    }

    @Test("the credential is checked before the state: a wrong AccessCode on a ready task is 403 for the code")
    func credentialBeforeState() {
        #expect(authorize(.activate, .prescriber, .ready, []) == .failure(WorkflowError(.accessCodeMismatch)))
        #expect(authorize(.accept, .pharmacy, .inProgress, []) == .failure(WorkflowError(.accessCodeMismatch)))
    }

    @Test("a cancelled task is gone (410) even without credentials, since they were wiped")
    func cancelledBeforeCredential() {
        #expect(authorize(.accept, .pharmacy, .cancelled, []) == .failure(WorkflowError(.taskGone)))
        #expect(authorize(.close, .pharmacy, .cancelled, []) == .failure(WorkflowError(.taskGone)))
    }

    @Test(
        "A_19231-02, A_24280, A_19224: operations that need the Secret refuse without it",
        arguments: [TaskOperation.reject, .dispense, .close, .abort, .readWithSecret]
    )
    func secretRequired(operation: TaskOperation) {
        #expect(authorize(operation, .pharmacy, .inProgress, [.accessCode, .owner]) == .failure(WorkflowError(.secretMismatch)))
        #expect((try? authorize(operation, .pharmacy, .inProgress, [.secret]).get()) != nil)
    }

    @Test("A_20546-03: the insurant aborts their own task, or a representative with the AccessCode")
    func insurantAbort() {
        #expect(authorize(.abort, .insurant, .ready, [.beneficiary]) == .success(.cancelled))
        #expect(authorize(.abort, .insurant, .ready, [.accessCode]) == .success(.cancelled))
        #expect(authorize(.abort, .insurant, .ready, [.secret]) == .failure(WorkflowError(.beneficiaryMismatch)))
    }

    @Test("A_22102-01: for 169/209 the insurant may abort only completed tasks")
    func insurantAbortDirectAssignment() {
        for flowtype in [Flowtype.directAssignmentGKV, .directAssignmentPKV] {
            #expect(!flowtype.insurantMayAbort(in: .ready))
            #expect(flowtype.insurantMayAbort(in: .completed))
            #expect(authorize(.abort, .insurant, .ready, [.beneficiary], flowtype: flowtype) == .failure(WorkflowError(.taskStatusMismatch)))
        }
        #expect(Flowtype.pharmacyGKV.insurantMayAbort(in: .ready))
        #expect(!Flowtype.pharmacyGKV.insurantMayAbort(in: .inProgress))
    }

    @Test("A_24176 … A_24179: Secret recovery needs ownership (else 412), then the AccessCode (else 403)")
    func secretRecovery() {
        #expect(authorize(.readWithAccessCode, .pharmacy, .inProgress, [.accessCode]) == .failure(WorkflowError(.taskPreconditionFailed)))
        #expect(authorize(.readWithAccessCode, .pharmacy, .inProgress, [.owner]) == .failure(WorkflowError(.accessCodeMismatch)))
        #expect(authorize(.readWithAccessCode, .pharmacy, .inProgress, [.owner, .accessCode]) == .success(.inProgress))
    }

    @Test("A_19168-01: a second $accept by the holder says so")
    func acceptByHolder() throws {
        let result = authorize(.accept, .pharmacy, .inProgress, [.accessCode, .owner])
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .taskStatusConflict)
        #expect(error.httpStatus == 409)
        #expect(error.reason.contains("Task is processed by requesting institution"))
        guard case .failure(let other) = authorize(.accept, .pharmacy, .inProgress, [.accessCode]) else { return }
        #expect(!other.reason.contains("requesting institution"))
    }
}
