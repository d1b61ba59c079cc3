// SPDX-License-Identifier: Apache-2.0

import Crypto
import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import TICrypto
import Testing
import Workflow

@Suite("Task operations $reject and $abort over HTTP (spec/fd-api.md §2.5, §2.8, §3)")
struct TaskRejectAbortTests {
    private typealias Fixture = TaskFixture

    /// The insurant the test prescription is for.
    static func insurantToken(kvnr: String = TaskFixture.kvnr) throws -> String {
        try Fixture.token(professionOID: TelematikOID.versicherter, idNummer: kvnr)
    }

    @Test("$reject: wrong Secret 403; then 204, and another pharmacy accepts; the old Secret is void", arguments: [FHIRFormat.json, .xml])
    func rejectThenAcceptByAnother(format: FHIRFormat) async throws {
        let store = try SQLiteWorkflowStore.inMemory(masterKey: SymmetricKey(size: .bits256))
        try await Fixture.withClosingApp(store: store) { client in
            let task = try await Fixture.acceptedTask(client)
            let id = try #require(task.id?.value)
            let wrong = try await Fixture.post(client, "reject", task: id, query: "?secret=\(String(repeating: "0", count: 64))", format: format)
            #expect(wrong.status == .forbidden)
            #expect(try Fixture.issue(wrong, format: format).code.value == "forbidden")

            let rejected = try await Fixture.post(client, "reject", task: id, query: Fixture.secretQuery(task), format: format)
            #expect(rejected.status == .noContent)
            let ready = try await store.transaction { try $0.task(PrescriptionID(id)) }
            #expect(ready?.status == .ready)
            #expect(ready?.secret == nil)
            #expect(ready?.owner == nil)

            // The old Secret no longer works.
            let stale = try await Fixture.post(client, "reject", task: id, query: Fixture.secretQuery(task), format: format)
            #expect(stale.status == .forbidden)

            let acceptedByB = try await Fixture.accept(client, readyTask: task, party: .pharmacyB)
            #expect(acceptedByB.status.value == "in-progress")
            #expect(acceptedByB.owner?.identifier?.value?.value == TaskFixture.Party.pharmacyB.idNummer)
            #expect(Fixture.identifier(acceptedByB, Secret.system) != Fixture.identifier(task, Secret.system))
        }
    }

    @Test("$abort by the prescriber in ready: 204, everything but Task.for wiped; a second $abort answers 410")
    func prescriberAbort() async throws {
        let store = try SQLiteWorkflowStore.inMemory(masterKey: SymmetricKey(size: .bits256))
        try await Fixture.withClosingApp(store: store) { client in
            let draft = try await Fixture.create(client)
            let id = try #require(draft.id?.value)
            #expect(try await Fixture.activate(client, task: draft).status == .ok)
            let accessCode = Fixture.identifier(draft, AccessCode.system)

            // A pharmacy may not abort a ready task (no Secret, wrong state): 403.
            #expect(try await Fixture.post(client, "abort", task: id, party: .pharmacyA).status == .forbidden)
            // The prescriber without AccessCode: 403.
            #expect(try await Fixture.post(client, "abort", task: id, party: .practiceA).status == .forbidden)

            let aborted = try await Fixture.post(client, "abort", task: id, party: .practiceA, accessCode: accessCode)
            #expect(aborted.status == .noContent)
            let prescriptionID = try PrescriptionID(id)
            let (wiped, qes) = try await store.transaction { transaction in
                let task = try transaction.task(prescriptionID)
                return (task, try transaction.document(.qes, task: prescriptionID, insurant: task?.beneficiary))
            }
            #expect(wiped?.status == .cancelled)
            #expect(wiped?.beneficiary?.value == Fixture.kvnr)
            #expect(wiped?.accessCode == nil)
            #expect(wiped?.expiryDate == nil)
            #expect(qes == nil)
            let records = try await store.transaction { try $0.auditRecords(of: KVNR(Fixture.kvnr), limit: 10, offset: 0) }
            #expect(records.map(\.action).sorted { $0.rawValue < $1.rawValue } == [.create, .delete])

            let again = try await Fixture.post(client, "abort", task: id, party: .practiceA, accessCode: accessCode)
            #expect(again.status == .gone)
        }
    }

    @Test("$abort by the insurant: 403 in-progress and for someone else's task; 204 for the own ready task")
    func insurantAbort() async throws {
        try await Fixture.withClosingApp { client in
            let task = try await Fixture.acceptedTask(client)
            let id = try #require(task.id?.value)
            let inProgress = try await Fixture.post(client, "abort", task: id, token: try Self.insurantToken())
            #expect(inProgress.status == .forbidden)

            let draft = try await Fixture.create(client)
            let readyID = try #require(draft.id?.value)
            #expect(try await Fixture.activate(client, task: draft).status == .ok)
            let stranger = try await Fixture.post(client, "abort", task: readyID, token: try Self.insurantToken(kvnr: "X110580065"))
            #expect(stranger.status == .forbidden)
            let own = try await Fixture.post(client, "abort", task: readyID, token: try Self.insurantToken())
            #expect(own.status == .noContent)
        }
    }

    @Test("$abort by the pharmacy in-progress with the Secret: 204; the receipt-free task is gone (410)")
    func pharmacyAbort() async throws {
        try await Fixture.withClosingApp { client in
            let task = try await Fixture.acceptedTask(client)
            let id = try #require(task.id?.value)
            let secret = Fixture.secretQuery(task)
            #expect(
                try await Fixture.post(client, "dispense", task: id, query: secret, body: try Fixture.dispenseParameters(id: id)).status == .noContent
            )
            #expect(try await Fixture.post(client, "abort", task: id, query: "?secret=\(String(repeating: "1", count: 64))").status == .forbidden)
            #expect(try await Fixture.post(client, "abort", task: id, query: secret).status == .noContent)
            #expect(try await Fixture.post(client, "close", task: id, query: secret).status == .gone)
        }
    }
}
