// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing
import Workflow

@Suite("$activate rejections over HTTP: status, detail code, and the task stays draft (spec/fd-api.md §6, §9)")
struct TaskActivateRejectionTests {
    private typealias Fixture = TaskFixture

    /// Sends `qes` to the draft `draft`, expects `status` and `detail`, then checks that the task is still draft: a
    /// correct `$activate` (doctor A's QES over the fixture prescription, or `correct`) answers 200.
    private static func expectRejection(
        _ client: some TestClientProtocol,
        draft: FHIR.Task,
        qes: [UInt8],
        status: HTTPResponse.Status,
        detail: String?,
        correct: [UInt8]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let rejected = try await Fixture.activate(client, task: draft, qes: qes)
        #expect(rejected.status == status, sourceLocation: sourceLocation)
        let issue = try Fixture.issue(rejected, format: .json)
        #expect(issue.severity.value == "error", sourceLocation: sourceLocation)
        #expect(issue.details?.coding.first?.code?.value == detail, "\(issue.details?.text?.value ?? "")", sourceLocation: sourceLocation)
        let activated = try await Fixture.activate(client, task: draft, qes: correct)
        #expect(activated.status == .ok, "the rejection changed the task", sourceLocation: sourceLocation)
        if activated.status == .ok {
            #expect(try Fixture.decode(FHIR.Task.self, activated, format: .json).status.value == "ready", sourceLocation: sourceLocation)
        }
    }

    @Test("CMS content changed after signing: 400 TIFLOW_SIGNATURE_INVALID")
    func tamperedContent() async throws {
        try await Fixture.withApp { client in
            let draft = try await Fixture.create(client)
            var qes = try Fixture.qes(id: try #require(draft.id?.value))
            let marker = Array("<lastUpdated value=\"2025-10-30T09:30:00Z\"/>".utf8)
            let start = try #require(qes.firstRange(of: marker)?.lowerBound, "the prescription is not in the CMS as one piece")
            // 09:30 → 09:31: well-formed, only the signature breaks.
            let minute = start + marker.count - 8
            #expect(qes[minute] == UInt8(ascii: "0"))
            qes[minute] = UInt8(ascii: "1")
            try await Self.expectRejection(client, draft: draft, qes: qes, status: .badRequest, detail: "TIFLOW_SIGNATURE_INVALID")
        }
    }

    @Test("an HBA that expired before the signing time: 400 TIFLOW_CERTIFICATE_INVALID")
    func expiredHBA() async throws {
        var pki = try Fixture.pki.get()
        let profile = TestPKI.Profile.hba(
            name: "doctor-expired",
            displayName: "Dr. Erika Abgelaufen",
            title: "Dr.",
            givenName: "Erika",
            surname: "Abgelaufen",
            professionItem: "Ärztin/Arzt",
            professionOID: TelematikOID.arzt,
            telematikID: "1-HBA-Testkarte-883110000900200"
        )
        // 2024-01-01 … 2025-01-01, long before 2026-11-21.
        let validity = Date(timeIntervalSince1970: 1_704_067_200)...Date(timeIntervalSince1970: 1_735_689_600)
        try pki.add(try pki.issue(profile, by: "hba-ca", validity: validity, seed: 12))
        let trusted = pki
        try await Fixture.withApp(pki: trusted) { client in
            let draft = try await Fixture.create(client)
            let id = try #require(draft.id?.value)
            let qes = try Fixture.qes(text: try Fixture.prescriptionText(id: id), signer: "doctor-expired", pki: trusted)
            try await Self.expectRejection(
                client,
                draft: draft,
                qes: qes,
                status: .badRequest,
                detail: "TIFLOW_CERTIFICATE_INVALID",
                correct: try Fixture.qes(id: id, pki: trusted)
            )
        }
    }

    @Test("a QES by a pharmacist's HBA: 400")
    func pharmacistSigner() async throws {
        try await Fixture.withApp { client in
            let draft = try await Fixture.create(client)
            let qes = try Fixture.qes(id: try #require(draft.id?.value), signer: "pharmacist")
            try await Self.expectRejection(client, draft: draft, qes: qes, status: .badRequest, detail: nil)
        }
    }

    @Test("a bundle with the PrescriptionID of another task: 400 TIFLOW_FLOWTYPE_MISMATCH")
    func prescriptionIDOfAnotherTask() async throws {
        try await Fixture.withApp { client in
            let draft = try await Fixture.create(client)
            let other = try await Fixture.create(client)
            let qes = try Fixture.qes(id: try #require(other.id?.value))
            try await Self.expectRejection(client, draft: draft, qes: qes, status: .badRequest, detail: "TIFLOW_FLOWTYPE_MISMATCH")
            // The other task was not touched either.
            #expect(try await Fixture.activate(client, task: other).status == .ok)
        }
    }

    @Test("a KVNR with a wrong check digit: 400 TIFLOW_KVNR_INVALID")
    func wrongKVNRCheckDigit() async throws {
        try await Fixture.withApp { client in
            let draft = try await Fixture.create(client)
            let text = try Fixture.prescriptionText(id: try #require(draft.id?.value), replacing: [("X234567891", "X234567892")])
            #expect(text.contains("X234567892"))
            let qes = try Fixture.qes(text: text)
            try await Self.expectRejection(client, draft: draft, qes: qes, status: .badRequest, detail: "TIFLOW_KVNR_INVALID")
        }
    }

    @Test("authoredOn the day before the signing day: 400 TIFLOW_SIGNATURE_AUTHOREDON_MISMATCH")
    func authoredOnAnotherDay() async throws {
        try await Fixture.withApp { client in
            let draft = try await Fixture.create(client)
            let text = try Fixture.prescriptionText(
                id: try #require(draft.id?.value),
                replacing: [("<authoredOn value=\"2026-11-21\"/>", "<authoredOn value=\"2026-11-20\"/>")]
            )
            #expect(text.contains("2026-11-20"))
            let qes = try Fixture.qes(text: text)
            try await Self.expectRejection(client, draft: draft, qes: qes, status: .badRequest, detail: "TIFLOW_SIGNATURE_AUTHOREDON_MISMATCH")
        }
    }

    @Test("a GKV bundle for a flowtype 200 task: 400; the same task takes the PKV bundle")
    func coverageMismatch() async throws {
        try await Fixture.withApp { client in
            let draft = try await Fixture.create(client, flowtype: "200")
            let id = try #require(draft.id?.value)
            #expect(id.hasPrefix("200."))
            let pkv = try Fixture.prescriptionText(id: id, replacing: [("<code value=\"GKV\"/>", "<code value=\"PKV\"/>")])
            try await Self.expectRejection(
                client,
                draft: draft,
                qes: try Fixture.qes(id: id),
                status: .badRequest,
                detail: nil,
                correct: try Fixture.qes(text: pkv)
            )
        }
    }

    @Test("an MVO numbered 5 of 4: 400; the correct MVO 1 of 4 activates")
    func brokenMultiplePrescription() async throws {
        try await Fixture.withApp { client in
            let draft = try await Fixture.create(client)
            let id = try #require(draft.id?.value)
            let numerator = "<numerator>\n                <value value=\"1\"/>"
            let broken = try Fixture.multiplePrescriptionText(id: id, replacing: [(numerator, "<numerator>\n                <value value=\"5\"/>")])
            #expect(broken.contains("<value value=\"5\"/>"))
            try await Self.expectRejection(
                client,
                draft: draft,
                qes: try Fixture.qes(text: broken),
                status: .badRequest,
                detail: nil,
                correct: try Fixture.qes(text: try Fixture.multiplePrescriptionText(id: id))
            )
        }
    }

    @Test("bundle profile version 1.1: 400 SVC_VALIDATION_FAILED")
    func unknownProfileVersion() async throws {
        try await Fixture.withApp { client in
            let draft = try await Fixture.create(client)
            let text = try Fixture.prescriptionText(
                id: try #require(draft.id?.value),
                replacing: [("KBV_PR_ERP_Bundle|1.3", "KBV_PR_ERP_Bundle|1.1")]
            )
            #expect(text.contains("KBV_PR_ERP_Bundle|1.1"))
            try await Self.expectRejection(
                client,
                draft: draft,
                qes: try Fixture.qes(text: text),
                status: .badRequest,
                detail: "SVC_VALIDATION_FAILED"
            )
        }
    }

    @Test("no OCSP answer for the HBA: 512 TIFLOW_OCSP_BACKEND_ERROR, and the task stays draft")
    func noOCSP() async throws {
        let pki = try Fixture.pki.get()
        let noAnswer: @Sendable (TelematikCertificate, Date) -> OCSPResponse? = { _, _ in nil }
        try await Fixture.withApp(pki: pki, ocspSource: noAnswer) { client in
            let draft = try await Fixture.create(client)
            let rejected = try await Fixture.activate(client, task: draft)
            #expect(rejected.status.code == 512)
            #expect(try Fixture.detailCode(rejected) == "TIFLOW_OCSP_BACKEND_ERROR")
            // Still draft: a QES that carries its own OCSP answer activates the task.
            let id = try #require(draft.id?.value)
            let certificate = try pki.identity(named: "doctor-a").certificate
            let ocsp = try #require(pki.ocspResponse(for: certificate, now: Fixture.now))
            let qes = try CMSSignedData.embeddingOCSPResponse(ocsp.derEncoded, in: try Fixture.qes(id: id))
            let activated = try await Fixture.activate(client, task: draft, qes: qes)
            #expect(activated.status == .ok)
        }
    }
}
