// SPDX-License-Identifier: Apache-2.0

import Crypto
import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import TICrypto
import Workflow

/// The world of the operation-table HTTP tests: one in-memory store and service behind a fresh in-process router per
/// request, one task per flowtype and state shared by every cell that must not change it, and fresh tasks for the
/// cells that do. Every task is brought into its state through HTTP.
actor TaskAccessHTTPWorld {
    /// A task in a known state and what a caller may know about it.
    struct StateTask: Sendable {
        let id: String
        let flowtype: String
        let state: String
        let accessCode: String
        /// The Secret of `$accept`, if the task was ever accepted.
        let secret: String?
        /// The QES it was (or will be) activated with.
        let qes: [UInt8]
        /// The task as stored once it reached its state.
        let stored: PrescriptionTask
        /// Its documents (DocumentType 1–3, dispenses, acceptance) at that moment.
        let documents: [TaskDocumentKind: [UInt8]]
    }

    static let shared: Result<TaskAccessHTTPWorld, any Error> = Result { try TaskAccessHTTPWorld() }

    let store: SQLiteWorkflowStore
    let workflow: WorkflowService
    let configuration: FachdienstConfiguration
    private var sharedTasks: [String: _Concurrency.Task<StateTask, any Error>] = [:]

    private init() throws {
        let pki = try TaskFixture.pki.get()
        let clock = TestClock(TaskFixture.now)
        self.configuration = FachdienstConfiguration(
            idpSignerCertificate: try Fixture.idpSigner().certificate,
            audience: Fixture.audience,
            clock: clock,
            publicBaseURL: TaskFixture.baseURL
        )
        let signature = PrescriptionSignature(trustStore: pki.trustStore) { certificate, now in pki.ocspResponse(for: certificate, now: now) }
        self.store = try SQLiteWorkflowStore.inMemory(masterKey: SymmetricKey(size: .bits256))
        self.workflow = WorkflowService(store: store, clock: clock, prescriptionSignature: signature, receiptSigner: try ReceiptSigner(testPKI: pki))
    }

    /// Runs `body` with a client of an in-process router over the shared service.
    nonisolated func withClient<Value: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let router = try buildRouter(configuration: self.configuration, workflow: self.workflow)
        return try await Application(router: router).test(.router, body)
    }

    /// The shared task of `flowtype` in `state`, built on first use.
    func sharedTask(flowtype: String, state: String) async throws -> StateTask {
        let key = "\(flowtype)/\(state)"
        if let existing = self.sharedTasks[key] { return try await existing.value }
        let building = _Concurrency.Task { try await self.build(flowtype: flowtype, state: state) }
        self.sharedTasks[key] = building
        return try await building.value
    }

    /// A new task of `flowtype` in `state`, for a cell that changes it.
    nonisolated func freshTask(flowtype: String, state: String) async throws -> StateTask {
        try await self.build(flowtype: flowtype, state: state)
    }

    /// The stored task and its documents now.
    nonisolated func snapshot(_ id: String) async throws -> (task: PrescriptionTask?, documents: [TaskDocumentKind: [UInt8]]) {
        try await self.store.transaction { transaction in
            let prescriptionID = try PrescriptionID(id)
            let task = try transaction.task(prescriptionID)
            var documents: [TaskDocumentKind: [UInt8]] = [:]
            for kind in [TaskDocumentKind.qes, .patientCopy, .receipt, .dispenses, .acceptance] {
                documents[kind] = try transaction.document(kind, task: prescriptionID, insurant: task?.beneficiary)
            }
            return (task, documents)
        }
    }

    /// Who redeems a flowtype: the payer for DiGA, the pharmacy otherwise.
    static func redeemer(of flowtype: String) -> TaskFixture.Party { flowtype == "162" ? .payerA : .pharmacyA }

    /// The prescription and `$close` body of a flowtype, as the flowtype tests use them.
    static func flow(_ flowtype: String) -> TaskFlowtypeTests.Flow {
        TaskFlowtypeTests.flows.first { $0.code == flowtype }
            ?? TaskFlowtypeTests.Flow(code: flowtype, replacements: [], acceptDate: "", expiryDate: "")
    }

    private nonisolated func build(flowtype: String, state: String) async throws -> StateTask {
        let built = try await self.withClient { client in try await Self.drive(client, flowtype: flowtype, to: state) }
        let snapshot = try await self.snapshot(built.id)
        guard let stored = snapshot.task, stored.status.rawValue == state else {
            throw OpenSSLTool.Failure(description: "task \(built.id) is \(snapshot.task?.status.rawValue ?? "missing"), not \(state)")
        }
        return StateTask(
            id: built.id,
            flowtype: flowtype,
            state: state,
            accessCode: built.accessCode,
            secret: built.secret,
            qes: built.qes,
            stored: stored,
            documents: snapshot.documents
        )
    }

    /// Creates a task of `flowtype` and moves it to `state` through HTTP: `$create`, `$activate`, `$accept`, `$close`;
    /// a cancelled task is aborted by the pharmacy while in progress (by the prescriber while ready for 162, which no
    /// pharmacy holds).
    private static func drive(
        _ client: some TestClientProtocol,
        flowtype: String,
        to state: String
    ) async throws -> (id: String, accessCode: String, secret: String?, qes: [UInt8]) {
        let flow = Self.flow(flowtype)
        let draft = try await TaskFixture.create(client, flowtype: flowtype)
        let id = draft.id?.value ?? ""
        let accessCode = TaskFixture.identifier(draft, AccessCode.system) ?? ""
        let qes = try TaskFixture.qes(text: try flow.prescriptionText(id: id))
        guard state != "draft" else { return (id, accessCode, nil, qes) }
        try Self.require(try await TaskFixture.activate(client, task: draft, qes: qes), .ok, "$activate")
        if state == "ready" { return (id, accessCode, nil, qes) }
        if state == "cancelled" && flowtype == "162" {
            try Self.require(try await TaskFixture.post(client, "abort", task: id, party: .practiceA, accessCode: accessCode), .noContent, "$abort")
            return (id, accessCode, nil, qes)
        }
        let redeemer = Self.redeemer(of: flowtype)
        let accepted = try await TaskFixture.accept(client, readyTask: draft, party: redeemer)
        let secret = TaskFixture.identifier(accepted, Secret.system)
        let query = "?secret=\(secret ?? "")"
        switch state {
        case "completed":
            let body = try flow.closeParameters(id: id)
            try Self.require(try await TaskFixture.post(client, "close", task: id, query: query, party: redeemer, body: body), .ok, "$close")
        case "cancelled":
            try Self.require(try await TaskFixture.post(client, "abort", task: id, query: query, party: redeemer), .noContent, "$abort")
        default:
            break
        }
        return (id, accessCode, secret, qes)
    }

    private static func require(_ response: TestResponse, _ status: HTTPResponse.Status, _ operation: String) throws {
        guard response.status == status else {
            throw OpenSSLTool.Failure(description: "\(operation) answered \(response.status): \(String(buffer: response.body))")
        }
    }
}
