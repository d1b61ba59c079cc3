// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Workflow

@Suite("DiGA (flowtype 162): the EVDGA rules of $activate and the payer's $close (IG diga/op-activate-req-fd, op-close-req-fd)")
struct TaskDiGATests {
    private typealias Fixture = TaskFixture

    /// `$activate` of a fresh 162 draft with the EVDGA example changed by `replacements`; the answer.
    private static func activate(_ client: some TestClientProtocol, replacing replacements: [(String, String)]) async throws -> TestResponse {
        let draft = try await Fixture.create(client, flowtype: "162")
        let id = try #require(draft.id?.value)
        let text = try Fixture.digaPrescriptionText(id: id, replacing: replacements)
        for (old, _) in replacements { #expect(!text.contains(old), "replacement did not apply") }
        return try await Fixture.activate(client, task: draft, qes: try Fixture.qes(text: text))
    }

    /// One refused EVDGA bundle.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let replacements: [(String, String)]
        let code: WorkflowError.Code
        var testDescription: String { self.name }
    }

    static let refusals: [Refusal] = [
        // A_25991: Composition.type must be e16D.
        Refusal(
            name: "A_25991 Composition.type e16A",
            replacements: [("<code value=\"e16D\"/>", "<code value=\"e16A\"/>")],
            code: .healthAppRequestRequired
        ),
        // A_25992: 19205615 with a wrong check digit.
        Refusal(name: "A_25992 PZN check digit", replacements: [("<code value=\"19205615\"/>", "<code value=\"19205614\"/>")], code: .invalidPZN),
        // A_23443-01: no PKV coverage for 162.
        Refusal(
            name: "A_23443-01 Coverage PKV",
            replacements: [
                (
                    "<code value=\"GKV\"/>\n                    </coding>\n                </type>",
                    "<code value=\"PKV\"/>\n                    </coding>\n                </type>"
                )
            ],
            code: .coverageMismatch
        ),
        // §6 step 6: a 162 prescription is a KBV_PR_EVDGA_Bundle.
        Refusal(
            name: "§6 step 6 ERP bundle profile",
            replacements: [("KBV_PR_EVDGA_Bundle|1.1", "KBV_PR_ERP_Bundle|1.3")],
            code: .unknownProfile
        ),
        // §6 step 6: an EVDGA version not accepted on 2026-11-21.
        Refusal(name: "§6 step 6 EVDGA 1.0", replacements: [("KBV_PR_EVDGA_Bundle|1.1", "KBV_PR_EVDGA_Bundle|1.0")], code: .unknownProfile),
        // §6 step 9: authoredOn of the DeviceRequest on another day than the QES.
        Refusal(
            name: "§6 step 9 authoredOn",
            replacements: [("<authoredOn value=\"2026-11-21\"/>", "<authoredOn value=\"2026-11-20\"/>")],
            code: .authoredOnMismatch
        ),
    ]

    @Test("a broken EVDGA bundle is refused with 400 and its code; the task stays a draft", arguments: refusals)
    func refusedBundle(_ refusal: Refusal) async throws {
        try await Fixture.withApp(pki: try Fixture.pki.get()) { client in
            let response = try await Self.activate(client, replacing: refusal.replacements)
            #expect(response.status == .badRequest, "\(String(buffer: response.body))")
            #expect(try Fixture.detailCode(response) == refusal.code.detailCode)
            let issue = try Fixture.issue(response, format: .json)
            #expect(issue.code.value == "invalid")
            if refusal.code == .healthAppRequestRequired {
                #expect(
                    issue.details?.text?.value == "Für diesen Workflowtypen sind nur Verordnungen für Digitale Gesundheitsanwendungen zulässig"
                )
            }
        }
    }

    @Test("§6 step 6: an EVDGA bundle on a 160 task is refused")
    func evdgaOnPharmacyTask() async throws {
        try await Fixture.withApp(pki: try Fixture.pki.get()) { client in
            let draft = try await Fixture.create(client, flowtype: "160")
            let id = try #require(draft.id?.value)
            let text = try Fixture.digaPrescriptionText(id: id)
            let response = try await Fixture.activate(client, task: draft, qes: try Fixture.qes(text: text))
            #expect(response.status == .badRequest)
            #expect(try Fixture.detailCode(response) == "SVC_VALIDATION_FAILED")
        }
    }

    /// A 162 task activated and accepted by the payer; the in-progress Task with Secret.
    private static func acceptedDiGA(_ client: some TestClientProtocol) async throws -> FHIR.Task {
        let flow = try #require(TaskFlowtypeTests.flows.first { $0.code == "162" })
        let (draft, _) = try await TaskFlowtypeTests.activatedTask(client, flow)
        return try await Fixture.accept(client, readyTask: draft, party: .payerA)
    }

    @Test("A_26003-01: the payer's $close with a medicinal MedicationDispense is refused; the task stays in progress")
    func closeWithMedicinalDispense() async throws {
        try await Fixture.withApp(pki: try Fixture.pki.get()) { client in
            let task = try await Self.acceptedDiGA(client)
            let id = try #require(task.id?.value)
            let body = try Fixture.dispenseParameters(id: id, performer: Fixture.Party.payerA.idNummer)
            let query = Fixture.secretQuery(task)
            let closed = try await Fixture.post(client, "close", task: id, query: query, party: .payerA, body: body)
            #expect(closed.status == .badRequest)
            #expect(try Fixture.detailCode(closed) == "TIFLOW_INVALID_MEDICATION_DISPENSE")
            #expect(
                try Fixture.issue(closed, format: .json).details?.text?.value
                    == "Unzulässige Abgabeinformationen: Für diesen Workflow sind nur Abgabeinformationen für "
                    + "digitale Gesundheitsanwendungen zulässig."
            )
            let read = try await Fixture.get(client, "/Task/\(id)\(Fixture.secretQuery(task))", token: try Fixture.token(.payerA))
            #expect(Fixture.tasks(try Fixture.decode(FHIR.Bundle.self, read, format: .json)).first?.status.value == "in-progress")
        }
    }

    @Test("A_24281-02: a DiGA dispense naming another payer is refused")
    func closeWithForeignPerformer() async throws {
        try await Fixture.withApp(pki: try Fixture.pki.get()) { client in
            let task = try await Self.acceptedDiGA(client)
            let id = try #require(task.id?.value)
            let body = try Fixture.digaCloseParameters(id: id, performer: "8-SMC-B-Testkarte-883110000000001")
            let closed = try await Fixture.post(client, "close", task: id, query: Fixture.secretQuery(task), party: .payerA, body: body)
            #expect(closed.status == .badRequest)
            #expect(try Fixture.detailCode(closed) == "SVC_VALIDATION_FAILED")
        }
    }

    @Test("A_26002-02: a DiGA dispense on a 160 task is refused")
    func digaDispenseOnPharmacyTask() async throws {
        try await Fixture.withClosingApp { client in
            let task = try await Fixture.acceptedTask(client)
            let id = try #require(task.id?.value)
            let body = try Fixture.digaCloseParameters(id: id, performer: Fixture.Party.pharmacyA.idNummer)
            let closed = try await Fixture.post(client, "close", task: id, query: Fixture.secretQuery(task), body: body)
            #expect(closed.status == .badRequest)
            #expect(try Fixture.detailCode(closed) == "TIFLOW_INVALID_MEDICATION_DISPENSE")
        }
    }
}
