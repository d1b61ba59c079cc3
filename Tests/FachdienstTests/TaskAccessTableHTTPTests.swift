// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Workflow

@Suite("every cell of the operation × caller × state table over HTTP, for every flowtype (spec/fd-api.md §2.3–§2.10, §3)")
struct TaskAccessTableHTTPTests {
    private typealias Fixture = TaskFixture
    private typealias Expectations = TaskAccessHTTPExpectations

    static let flowtypes = ["160", "162", "166", "169", "200", "209"]
    static let states = ["draft", "ready", "in-progress", "completed", "cancelled"]
    static let operations = ["$activate", "$accept", "$reject", "$dispense", "$close", "$abort", "GET?ac", "GET?secret", "GET"]
    static let callers = ["prescriber", "pharmacy", "payer", "insurant"]

    /// One cell: an operation by a caller on a task of a flowtype in a state.
    struct Cell: Sendable, CustomTestStringConvertible {
        let operation: String
        let caller: String
        let flowtype: String
        let state: String

        var expected: TaskAccessHTTPExpectations.Outcome {
            TaskAccessHTTPExpectations.outcome(operation: operation, caller: caller, flowtype: flowtype, state: state)
        }

        var testDescription: String { "\(operation) by \(caller) on \(flowtype) \(state) → \(expected)" }
    }

    static let cells: [Cell] = operations.flatMap { operation in
        callers.flatMap { caller in
            flowtypes.flatMap { flowtype in states.map { Cell(operation: operation, caller: caller, flowtype: flowtype, state: $0) } }
        }
    }

    /// A valid-looking Secret for tasks that have none (draft, ready, and tasks cancelled before `$accept`).
    static let absentSecret = String(repeating: "5a", count: 32)

    @Test("the cells cover 9 operations × 4 callers × 6 flowtypes × 5 states, with a success in every operation")
    func coverage() {
        #expect(Self.cells.count == 9 * 4 * 6 * 5)
        for operation in Self.operations {
            #expect(Self.cells.contains { $0.operation == operation && $0.expected.isSuccess }, "\(operation) never succeeds")
        }
    }

    @Test("the answer of the cell, and an unchanged task when it is refused", arguments: cells)
    func cell(_ cell: Cell) async throws {
        let world = try TaskAccessHTTPWorld.shared.get()
        let expected = cell.expected
        // Cells that change the task get their own; every other cell shares one task per flowtype and state.
        let changes = expected.isSuccess && expected.next != cell.state || (cell.operation == "$dispense" && expected.isSuccess)
        let task =
            changes
            ? try await world.freshTask(flowtype: cell.flowtype, state: cell.state)
            : try await world.sharedTask(flowtype: cell.flowtype, state: cell.state)
        let response = try await world.withClient { client in try await Self.send(cell, task: task, client: client) }
        #expect(response.status.code == expected.status, "\(String(buffer: response.body))")

        let after = try await world.snapshot(task.id)
        let stored = try #require(after.task)
        guard let next = expected.next else {
            // Refused: nothing stored changed, and the answer is an OperationOutcome.
            #expect(stored == task.stored)
            #expect(after.documents == task.documents)
            #expect(try Fixture.issue(response, format: .json).severity.value == "error")
            return
        }
        #expect(stored.status.rawValue == next)
        if !changes {
            #expect(stored == task.stored)
            #expect(after.documents == task.documents)
        }
        try Self.checkSuccess(cell, task: task, response: response, stored: stored)
    }

    /// Sends the cell's request with the credential its row demands: the AccessCode (`X-AccessCode` for the prescriber,
    /// `?ac=` for the pharmacy and payer), the Secret (`?secret=`), or for the insurant the own KVNR in the token.
    private static func send(_ cell: Cell, task: TaskAccessHTTPWorld.StateTask, client: some TestClientProtocol) async throws -> TestResponse {
        let token: String
        switch cell.caller {
        case "prescriber": token = try Fixture.token(.practiceA)
        case "pharmacy": token = try Fixture.token(.pharmacyA)
        case "payer": token = try Fixture.token(.payerA)
        default: token = try Fixture.insurantToken(Fixture.kvnr)
        }
        let secret = "?secret=\(task.secret ?? Self.absentSecret)"
        let flow = TaskAccessHTTPWorld.flow(cell.flowtype)
        switch cell.operation {
        case "$activate":
            return try await Fixture.post(
                client,
                "activate",
                task: task.id,
                token: token,
                accessCode: task.accessCode,
                body: Fixture.activateParameters(task.qes)
            )
        case "$accept":
            return try await Fixture.post(client, "accept", task: task.id, query: "?ac=\(task.accessCode)", token: token)
        case "$reject":
            return try await Fixture.post(client, "reject", task: task.id, query: secret, token: token)
        case "$dispense", "$close":
            // The redeemer's dispense information (the DiGA one for 162), whoever calls.
            let body = try flow.closeParameters(id: task.id)
            return try await Fixture.post(client, String(cell.operation.dropFirst()), task: task.id, query: secret, token: token, body: body)
        case "$abort":
            switch cell.caller {
            case "prescriber": return try await Fixture.post(client, "abort", task: task.id, token: token, accessCode: task.accessCode)
            case "insurant": return try await Fixture.post(client, "abort", task: task.id, token: token)
            default: return try await Fixture.post(client, "abort", task: task.id, query: secret, token: token)
            }
        case "GET?ac":
            return try await Fixture.get(client, "/Task/\(task.id)?ac=\(task.accessCode)", token: token)
        case "GET?secret":
            return try await Fixture.get(client, "/Task/\(task.id)\(secret)", token: token)
        default:
            return try await Fixture.get(client, "/Task/\(task.id)", token: token)
        }
    }

    /// What a successful answer carries, beyond its status.
    private static func checkSuccess(
        _ cell: Cell,
        task: TaskAccessHTTPWorld.StateTask,
        response: TestResponse,
        stored: PrescriptionTask
    ) throws {
        switch cell.operation {
        case "$activate":
            #expect(try Fixture.decode(FHIR.Task.self, response, format: .json).status.value == "ready")
            #expect(stored.beneficiary?.value == Fixture.kvnr)
        case "$accept":
            let bundle = try Fixture.decode(FHIR.Bundle.self, response, format: .json)
            let accepted = try #require(Fixture.tasks(bundle).first)
            #expect(accepted.status.value == "in-progress")
            #expect(Fixture.identifier(accepted, Secret.system) == stored.secret?.hexadecimal)
            #expect(stored.owner?.value == TaskAccessHTTPWorld.redeemer(of: cell.flowtype).idNummer)
        case "$reject":
            #expect(response.body.readableBytes == 0)
            #expect(stored.secret == nil)
            #expect(stored.owner == nil)
        case "$dispense":
            #expect(response.body.readableBytes == 0)
            #expect(stored.lastMedicationDispense != nil)
            #expect(stored.version > task.stored.version)
        case "$close":
            let receipt = try Fixture.decode(FHIR.Bundle.self, response, format: .json)
            #expect(receipt.type.value == "document")
            #expect(receipt.identifier?.value?.value == task.id)
        case "$abort":
            #expect(response.body.readableBytes == 0)
            // A_19027-06: everything but Task.for is wiped.
            #expect(stored.accessCode == nil)
            #expect(stored.secret == nil)
            #expect(stored.beneficiary?.value == Fixture.kvnr)
        default:
            let bundle = try Fixture.decode(FHIR.Bundle.self, response, format: .json)
            let read = try #require(Fixture.tasks(bundle).first)
            #expect(read.id?.value == task.id)
            #expect(read.status.value == cell.state)
            if cell.caller == "insurant" {
                // A_21532-02: never the Secret; A_21360-01: no AccessCode for 169/209.
                #expect(Fixture.identifier(read, Secret.system) == nil)
                #expect((Fixture.identifier(read, AccessCode.system) != nil) == !["169", "209"].contains(cell.flowtype))
            } else {
                // A_24176 … A_24179, A_19226-01: the holder gets the Secret, after $close with the receipt.
                #expect(Fixture.identifier(read, Secret.system) == task.secret)
                let hasReceipt = bundle.entry.contains { if case .bundle = $0.resource { true } else { false } }
                #expect(hasReceipt == (cell.operation == "GET?secret" && cell.state == "completed"))
            }
        }
    }
}
