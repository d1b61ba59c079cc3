// SPDX-License-Identifier: Apache-2.0

import FHIR
import Foundation
import PrimarySystemKit
import TICrypto
import Testing
import Workflow

/// A whole prescription through `FachdienstClient` over the VAU channel of a live Fachdienst (gemSpec_Krypt
/// A_20161-01, A_20174; spec/fd-api.md §1.1, §2.2–2.7).
@Suite("PrimarySystemKit: prescriptions through the VAU")
struct VAUTransportFlowTests {
    @Test("create → activate (QES of doctor-a) → accept → close over VAU; the pseudonym is kept for the next call")
    func fullPrescription() async throws {
        try await KitFixture.withServer { baseURL in
            let prescriberTransport = try KitFixture.vauTransport(baseURL)
            let prescriber = FachdienstClient(transport: prescriberTransport, accessToken: StaticAccessToken(try KitFixture.token("practice-a")))
            #expect(await prescriberTransport.userPseudonym == "0")

            let draft = try await prescriber.createTask(flowtype: .pharmacyGKV)
            #expect(draft.status.value == "draft")
            let id = try #require(draft.prescriptionID)
            let accessCode = try #require(draft.accessCode)
            // [REQ:gemSpec_Krypt:A_20163] the answer's Userpseudonym is used in the path of the next request.
            let pseudonym = await prescriberTransport.userPseudonym
            #expect(pseudonym.count == 32 && pseudonym != "0")

            let qes = try KitFixture.qes(id: id)
            let ready = try await prescriber.activate(task: id, accessCode: accessCode, qes: qes)
            #expect(ready.status.value == "ready")
            #expect(await prescriberTransport.userPseudonym == pseudonym)

            let pharmacy = FachdienstClient(
                transport: try KitFixture.vauTransport(baseURL),
                accessToken: StaticAccessToken(try KitFixture.token("pharmacy-a"))
            )
            let accepted = try await pharmacy.accept(id: id, accessCode: accessCode)
            #expect(accepted.task.status.value == "in-progress")
            // The Fachdienst may embed OCSP answers; the signed content and the signer are the prescriber's.
            let signed = try CMSSignedData(derEncoded: accepted.signedPrescription)
            let sent = try CMSSignedData(derEncoded: qes)
            #expect(signed.content == sent.content && signed.signatureValue == sent.signatureValue)

            let read = try await pharmacy.task(id: id, secret: accepted.secret)
            #expect(read.entry.contains { if case .task = $0.resource { true } else { false } })

            let receipt = try await pharmacy.close(id: id, secret: accepted.secret, parameters: try KitFixture.dispenseParameters(id: id))
            #expect(receipt.type.value == "document")
            #expect(receipt.signature != nil)

            // A closed task cannot be closed again: the Fachdienst's OperationOutcome reaches the caller typed.
            let error = await #expect(throws: PrimarySystemError(.operationFailed)) {
                try await pharmacy.close(id: id, secret: accepted.secret, parameters: try KitFixture.dispenseParameters(id: id))
            }
            #expect(error?.status.map { (400..<500).contains($0) } == true)
            #expect(error?.operationOutcome != nil)
        }
    }

    @Test("reject and abort over VAU: the task goes back to ready, then is cancelled by the prescriber")
    func rejectAndAbort() async throws {
        try await KitFixture.withServer { baseURL in
            let prescriber = FachdienstClient(
                transport: try KitFixture.vauTransport(baseURL),
                accessToken: StaticAccessToken(try KitFixture.token("practice-a"))
            )
            let pharmacy = FachdienstClient(
                transport: try KitFixture.vauTransport(baseURL),
                accessToken: StaticAccessToken(try KitFixture.token("pharmacy-a"))
            )
            let draft = try await prescriber.createTask(flowtype: .pharmacyGKV)
            let id = try #require(draft.prescriptionID)
            let accessCode = try #require(draft.accessCode)
            _ = try await prescriber.activate(task: id, accessCode: accessCode, qes: try KitFixture.qes(id: id))
            let accepted = try await pharmacy.accept(id: id, accessCode: accessCode)
            try await pharmacy.reject(id: id, secret: accepted.secret)
            // After $reject the old Secret is void.
            await #expect(throws: PrimarySystemError(.operationFailed)) {
                try await pharmacy.close(id: id, secret: accepted.secret, parameters: try KitFixture.dispenseParameters(id: id))
            }
            try await prescriber.abort(id: id, accessCode: accessCode)
            await #expect(throws: PrimarySystemError(.operationFailed)) {
                try await pharmacy.accept(id: id, accessCode: accessCode)
            }
        }
    }

    @Test("the same client works over the plain transport of the local profile")
    func plainTransport() async throws {
        try await KitFixture.withServer { baseURL in
            let prescriber = FachdienstClient(
                transport: PlainTransport(baseURL: baseURL),
                accessToken: StaticAccessToken(try KitFixture.token("practice-a"))
            )
            let draft = try await prescriber.createTask(flowtype: .pharmacyGKV)
            let id = try #require(draft.prescriptionID)
            let ready = try await prescriber.activate(task: id, accessCode: try #require(draft.accessCode), qes: try KitFixture.qes(id: id))
            #expect(ready.status.value == "ready")
        }
    }
}
