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

/// The fixture of the `$activate` rejection, flowtype and race tests: an app over any PKI and OCSP source, QES over
/// any prescription text, and the MVO example.
extension TaskFixture {
    /// Runs `test` against an in-process router that trusts `pki` and asks `ocspSource` for OCSP answers; receipts are
    /// signed with the PKI's `fd-sig`.
    static func withApp(
        pki: TestPKI,
        ocspSource: (@Sendable (TelematikCertificate, Date) -> OCSPResponse?)? = nil,
        _ test: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let clock = TestClock(TaskFixture.now)
        let configuration = FachdienstConfiguration(
            idpSignerCertificate: try Fixture.idpSigner().certificate,
            audience: Fixture.audience,
            clock: clock,
            publicBaseURL: self.baseURL
        )
        let source = ocspSource ?? { certificate, now in pki.ocspResponse(for: certificate, now: now) }
        let signature = PrescriptionSignature(trustStore: pki.trustStore, ocspSource: source)
        let store = try SQLiteWorkflowStore.inMemory(masterKey: SymmetricKey(size: .bits256))
        let workflow = WorkflowService(
            store: store,
            clock: clock,
            prescriptionSignature: signature,
            receiptSigner: try ReceiptSigner(testPKI: pki)
        )
        let router = try buildRouter(configuration: configuration, workflow: workflow)
        try await Application(router: router).test(.router, test)
    }

    /// The fixture prescription for `id` as text, with every replacement applied.
    static func prescriptionText(id: String, replacing replacements: [(String, String)] = []) throws -> String {
        var text = String(decoding: try self.prescription(id: id), as: UTF8.self)
        for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
        return text
    }

    /// `shared/fhir-examples/e2e-2025-10-01/PZN_Mehrfachverordnung/PZN_MV_1/PZN_MV1_VerordnungArzt.xml` (MVO 1 of 4)
    /// for `id`, with `authoredOn` and the `Zeitraum` start on 2026-11-21 and every replacement applied.
    static func multiplePrescriptionText(id: String, replacing replacements: [(String, String)] = []) throws -> String {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/fhir-examples/e2e-2025-10-01/PZN_Mehrfachverordnung/PZN_MV_1/PZN_MV1_VerordnungArzt.xml")
            .standardizedFileURL
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacing(/<authoredOn value="[0-9-]+"\/>/) { _ in "<authoredOn value=\"2026-11-21\"/>" }
        text = text.replacingOccurrences(of: "<start value=\"2025-10-27\"/>", with: "<start value=\"2026-11-21\"/>")
        text = text.replacingOccurrences(of: "<end value=\"2025-12-31\"/>", with: "<end value=\"2027-01-31\"/>")
        text = text.replacingOccurrences(of: "160.100.000.000.010.12", with: id)
        for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
        return text
    }

    /// The QES over `text`, signed now by `signer` of `pki` (the test PKI by default), with the HBA CA as chain.
    static func qes(text: String, signer: String = "doctor-a", pki: TestPKI? = nil) throws -> [UInt8] {
        let pki = try pki ?? self.pki.get()
        let identity = try pki.identity(named: signer)
        let chain = [try pki.identity(named: "hba-ca").certificate.derEncoded]
        let signer = try CMSSigner(key: identity.privateKey, certificateDER: identity.certificate.derEncoded, chainDER: chain)
        return try signer.sign(Array(text.utf8), signingTime: self.now)
    }

    /// `$create` of a task of flowtype `code` by practice A; the draft.
    static func create(_ client: some TestClientProtocol, flowtype code: String) async throws -> FHIR.Task {
        let response = try await client.execute(
            uri: "/Task/$create",
            method: .post,
            headers: self.headers(try self.token(.practiceA), format: .json),
            body: self.body(self.createParameters(code: code), format: .json)
        )
        guard response.status == .created else { throw OpenSSLTool.Failure(description: "$create answered \(response.status)") }
        return try self.decode(FHIR.Task.self, response, format: .json)
    }

    /// The detail code (`issue.details.coding.code`) of an OperationOutcome answer.
    static func detailCode(_ response: TestResponse) throws -> String? {
        try self.issue(response, format: .json).details?.coding.first?.code?.value
    }
}
