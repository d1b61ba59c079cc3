// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing
import Workflow

@Suite("create → activate → accept → close for flowtypes 162, 166, 169, 200 and 209 (spec/fd-api.md §2.2–2.7, §4.2, §6 step 15)")
struct TaskFlowtypeTests {
    private typealias Fixture = TaskFixture

    /// One flowtype: its code, how the fixture prescription is changed for it, the dates `$activate` must set, and who
    /// redeems it.
    struct Flow: Sendable, CustomTestStringConvertible {
        let code: String
        let replacements: [(String, String)]
        let acceptDate: String
        let expiryDate: String
        /// The pharmacy, or for DiGA the payer (A_19166-02, IG-TIFLOW-DIGA-3).
        var redeemer: TaskFixture.Party = .pharmacyA
        /// `Task.performerType` (spec/fd-api.md §2.2).
        var performerType = "urn:oid:1.2.276.0.76.4.54"
        var testDescription: String { self.code }

        /// The prescription text for the task `id`: the EVDGA example for 162, the e2e PZN prescription otherwise.
        func prescriptionText(id: String) throws -> String {
            self.code == "162"
                ? try TaskFixture.digaPrescriptionText(id: id, replacing: self.replacements)
                : try TaskFixture.prescriptionText(id: id, replacing: self.replacements)
        }

        /// The `$close` body: the DiGA dispense for 162, the medicinal one otherwise.
        func closeParameters(id: String) throws -> FHIR.Parameters {
            self.code == "162"
                ? try TaskFixture.digaCloseParameters(id: id, performer: self.redeemer.idNummer)
                : try TaskFixture.dispenseParameters(id: id, performer: self.redeemer.idNummer)
        }
    }

    static let pkv = ("<code value=\"GKV\"/>", "<code value=\"PKV\"/>")

    static let flows: [Flow] = [
        // 169: GKV like 160; accept = QES day + 28 days, expiry = QES day + 3 months.
        Flow(code: "169", replacements: [], acceptDate: "2026-12-19", expiryDate: "2027-02-21"),
        // 200: Coverage PKV; accept = expiry = QES day + 3 months.
        Flow(code: "200", replacements: [pkv], acceptDate: "2027-02-21", expiryDate: "2027-02-21"),
        // 209: PKV with direct assignment; the dates of 200.
        Flow(code: "209", replacements: [pkv], acceptDate: "2027-02-21", expiryDate: "2027-02-21"),
        // 166: T-Rezept, medication category 02; accept = expiry = QES day + 6 days.
        Flow(
            code: "166",
            replacements: [
                (
                    "KBV_CS_ERP_Medication_Category\"/>\n            <code value=\"00\"/>",
                    "KBV_CS_ERP_Medication_Category\"/>\n            <code value=\"02\"/>"
                )
            ],
            acceptDate: "2026-11-27",
            expiryDate: "2026-11-27"
        ),
        // 162: DiGA (KBV_PR_EVDGA_Bundle); expiry 90 days after the QES day (AE erp_diga), accept the same (chosen);
        // accepted and closed by the payer.
        Flow(
            code: "162",
            replacements: [],
            acceptDate: "2027-02-19",
            expiryDate: "2027-02-19",
            redeemer: .payerA,
            performerType: "urn:oid:1.2.276.0.76.4.59"
        ),
    ]

    /// A draft of `flow`, activated with the adjusted prescription; the draft (with AccessCode) and the ready Task.
    static func activatedTask(_ client: some TestClientProtocol, _ flow: Flow) async throws -> (draft: FHIR.Task, ready: FHIR.Task) {
        let draft = try await Fixture.create(client, flowtype: flow.code)
        let id = try #require(draft.id?.value)
        #expect(id.hasPrefix("\(flow.code)."))
        let text = try flow.prescriptionText(id: id)
        for (_, new) in flow.replacements { #expect(text.contains(new), "replacement did not apply") }
        let activated = try await Fixture.activate(client, task: draft, qes: try Fixture.qes(text: text))
        #expect(activated.status == .ok, "\(String(buffer: activated.body))")
        return (draft, try Fixture.decode(FHIR.Task.self, activated, format: .json))
    }

    @Test("the happy path: ready with the flowtype's dates, in-progress with Secret, completed with a receipt", arguments: flows)
    func happyPath(_ flow: Flow) async throws {
        try await Fixture.withApp(pki: try Fixture.pki.get()) { client in
            let (draft, ready) = try await Self.activatedTask(client, flow)
            let id = try #require(draft.id?.value)
            guard case .coding(let flowtype) = draft.extension.first?.value else {
                Issue.record("no flowtype extension")
                return
            }
            #expect(flowtype.code?.value == flow.code)
            #expect(ready.status.value == "ready")
            #expect(ready.for?.identifier?.value?.value == Fixture.kvnr)
            let dates = ready.extension.compactMap { ext -> String? in
                guard case .date(let date) = ext.value else { return nil }
                return "\(ext.url.split(separator: "_").last ?? ""):\(date.value.map { "\($0)" } ?? "")"
            }
            #expect(dates == ["AcceptDate:\(flow.acceptDate)", "ExpiryDate:\(flow.expiryDate)"])

            #expect(ready.performerType.first?.coding.first?.code?.value == flow.performerType)

            let accepted = try await Fixture.accept(client, readyTask: draft, party: flow.redeemer)
            #expect(accepted.status.value == "in-progress")
            #expect(accepted.owner?.identifier?.value?.value == flow.redeemer.idNummer)
            let secret = Fixture.secretQuery(accepted)
            #expect(secret.count == "?secret=".count + 64)

            let closed = try await Fixture.post(
                client,
                "close",
                task: id,
                query: secret,
                party: flow.redeemer,
                body: try flow.closeParameters(id: id)
            )
            #expect(closed.status == .ok, "\(String(buffer: closed.body))")
            let receipt = try Fixture.decode(FHIR.Bundle.self, closed, format: .json)
            #expect(receipt.type.value == "document")
            #expect(receipt.identifier?.value?.value == id)

            let read = try await Fixture.get(client, "/Task/\(id)\(secret)", token: try Fixture.token(flow.redeemer))
            #expect(read.status == .ok)
            let bundle = try Fixture.decode(FHIR.Bundle.self, read, format: .json)
            let tasks = Fixture.tasks(bundle)
            #expect(tasks.first?.status.value == "completed")
            #expect(tasks.first?.owner?.identifier?.value?.value == flow.redeemer.idNummer)
            // A_19226-01: the completed task comes with its receipt.
            #expect(bundle.entry.contains { if case .bundle = $0.resource { true } else { false } })
        }
    }

    @Test(
        "169, 209: the insurant's GET /Task shows no AccessCode, while a 160 task of theirs has one (A_21360-01)",
        arguments: flows.filter { ["169", "209"].contains($0.code) }
    )
    func directAssignmentHidesAccessCode(_ flow: Flow) async throws {
        try await Fixture.withApp(pki: try Fixture.pki.get()) { client in
            let (direct, _) = try await Self.activatedTask(client, flow)
            let pharmacy = try await Fixture.readyTask(client)
            let token = try Fixture.insurantToken(Fixture.kvnr)
            let response = try await Fixture.get(client, "/Task", token: token)
            #expect(response.status == .ok)
            let tasks = Fixture.tasks(try Fixture.decode(FHIR.Bundle.self, response, format: .json))
            #expect(tasks.count == 2)
            let listedDirect = try #require(tasks.first { $0.id?.value == direct.id?.value })
            let listed160 = try #require(tasks.first { $0.id?.value == pharmacy.id?.value })
            #expect(Fixture.identifier(listedDirect, AccessCode.system) == nil)
            #expect(Fixture.identifier(listed160, AccessCode.system) != nil)
            #expect(Fixture.identifier(listedDirect, Secret.system) == nil)

            // A_21360-01: the own GET /Task/{id} does not hand it out either.
            let single = try await Fixture.get(client, "/Task/\(direct.id?.value ?? "")", token: token)
            #expect(single.status == .ok)
            let bundle = try Fixture.decode(FHIR.Bundle.self, single, format: .json)
            #expect(Fixture.tasks(bundle).count == 1)
            #expect(Fixture.tasks(bundle).allSatisfy { Fixture.identifier($0, AccessCode.system) == nil })

            // A_22102-01: the insurant may not delete the ready task; A_26148: another insurant with the AccessCode
            // may not read it.
            let abort = try await Fixture.post(client, "abort", task: direct.id?.value ?? "", token: token)
            #expect(abort.status == .forbidden)
            let representative = try await Fixture.get(
                client,
                "/Task/\(direct.id?.value ?? "")",
                token: try Fixture.insurantToken(Fixture.insurantB),
                accessCode: Fixture.identifier(direct, AccessCode.system)
            )
            #expect(representative.status == .forbidden)
        }
    }
}
