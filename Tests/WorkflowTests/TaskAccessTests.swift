// SPDX-License-Identifier: Apache-2.0

import Testing
import Workflow

struct TaskAccessTests {
    /// One combination of the exhaustive test.
    struct Combination: Sendable, CustomTestStringConvertible {
        let operation: TaskOperation
        let role: Role?
        let status: TaskStatus?
        let flowtype: Flowtype

        var testDescription: String {
            "\(operation) by \(role?.rawValue ?? "none") on \(flowtype) in \(status?.rawValue ?? "none")"
        }
    }

    static let combinations: [Combination] = TaskOperation.allCases.flatMap { operation in
        ([nil] + Role.allCases.map { $0 }).flatMap { role in
            ([nil] + TaskStatus.allCases.map { $0 }).flatMap { status in
                Flowtype.allCases.map { Combination(operation: operation, role: role, status: status, flowtype: $0) }
            }
        }
    }

    @Test("every operation × role × state × flowtype answers as the independent expectation table says", arguments: combinations)
    func everyCombination(_ combination: Combination) {
        let expected = TaskAccessExpectations.outcome(
            operation: combination.operation.rawValue,
            role: combination.role?.rawValue ?? "none",
            flowtype: combination.flowtype.code,
            state: combination.status?.rawValue ?? "none"
        )
        let result = TaskAccess.authorize(
            combination.operation,
            role: combination.role,
            status: combination.status,
            flowtype: combination.flowtype,
            credentials: .all
        )
        let actual: TaskAccessExpectations.Outcome
        switch result {
        case .success(let next): actual = .next(next.rawValue)
        case .failure(let error): actual = .status(error.httpStatus)
        }
        #expect(actual == expected)
    }

    @Test("the combinations cover 9 operations × 5 roles × 6 states × 7 flowtypes")
    func combinationCount() {
        #expect(Self.combinations.count == 9 * 5 * 6 * 7)
    }

    @Test("the table has one row per line of the specification's table, each with its requirements")
    func tableShape() {
        #expect(TaskAccess.rules.count == 11)
        #expect(
            TaskAccess.rules.map(\.operation.rawValue) == [
                "$create", "$activate", "$accept", "$reject", "$dispense", "$close", "$abort", "$abort", "$abort",
                "GET /Task/{id}?ac", "GET /Task/{id}?secret",
            ]
        )
        #expect(TaskAccess.rules.allSatisfy { $0.requirements.hasPrefix("A_") })
    }

    @Test("the error codes behind the statuses")
    func errorCodes() {
        func code(_ operation: TaskOperation, _ role: Role?, _ status: TaskStatus?, _ flowtype: Flowtype = .pharmacyGKV) -> WorkflowError? {
            if case .failure(let error) = TaskAccess.authorize(operation, role: role, status: status, flowtype: flowtype, credentials: .all) {
                return error
            }
            return nil
        }
        #expect(code(.activate, .pharmacy, .draft) == WorkflowError(.roleNotAllowed))
        #expect(code(.accept, nil, .ready) == WorkflowError(.roleNotAllowed))
        #expect(code(.accept, .pharmacy, .ready, .diga) == WorkflowError(.roleNotAllowed))
        #expect(code(.activate, .prescriber, .ready) == WorkflowError(.taskStatusMismatch))
        #expect(code(.activate, .prescriber, .ready)?.reason == "Task not in status draft but in status ready")
        #expect(code(.accept, .pharmacy, .completed) == WorkflowError(.taskStatusConflict))
        #expect(code(.accept, .pharmacy, .completed)?.reason == "Task has invalid status completed")
        #expect(code(.accept, .pharmacy, .cancelled) == WorkflowError(.taskGone))
        #expect(code(.close, .pharmacy, nil) == WorkflowError(.taskNotFound))
        #expect(code(.readWithAccessCode, .pharmacy, .ready) == WorkflowError(.taskPreconditionFailed))
        #expect(WorkflowError.Code.roleNotAllowed.detailCode == "TIFLOW_AUTH_ROLE_NOT_ALLOWED")
    }
}
