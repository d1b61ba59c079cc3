// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing
import Workflow

@Suite("$activate QES check: CAdES, HBA certificate at the signing time, OCSP (spec/fd-api.md §6 steps 2–4)")
struct PrescriptionSignatureTests {
    private typealias Fixtures = ActivationFixtures

    /// A seeded test PKI, shared by the tests.
    static let pki: Result<TestPKI, TICryptoError> = Result { () throws(TICryptoError) in try TestPKI.generate(seed: 42) }

    /// The verifier of a deployment of `pki`: its trust store and its own OCSP responder.
    private func verifier(_ pki: TestPKI, ocsp: Bool = true) -> PrescriptionSignature {
        PrescriptionSignature(trustStore: pki.trustStore) { certificate, now in ocsp ? pki.ocspResponse(for: certificate, now: now) : nil }
    }

    /// A real prescription, signed at `Fixtures.signingTime` by `identity`.
    private func signedPrescription(by identity: TestPKI.Identity, chain: [TelematikCertificate]) throws -> (content: [UInt8], der: [UInt8]) {
        let file = try #require(try Fixtures.prescriptionFiles().first { $0.lastPathComponent == "PZN_Nr1_VerordnungArzt.xml" })
        let content = Array(try Fixtures.xml(file).utf8)
        let signer = try CMSSigner(key: identity.privateKey, certificateDER: identity.certificate.derEncoded, chainDER: chain.map(\.derEncoded))
        return (content, try signer.sign(content, signingTime: Fixtures.signingTime))
    }

    @Test("a QES of doctor-a verifies; the content is byte-exact; the fetched OCSP response is embedded in the stored QES")
    func valid() async throws {
        let pki = try Self.pki.get()
        let doctor = try pki.identity(named: "doctor-a")
        let (content, der) = try signedPrescription(by: doctor, chain: [try pki.identity(named: "hba-ca").certificate])
        let verified = try await verifier(pki).verify(der, now: Fixtures.signingTime + 120)
        #expect(verified.signedData.content == content)
        #expect(verified.signingTime == Fixtures.signingTime)
        #expect(verified.path.leaf == doctor.certificate)
        #expect(verified.path.anchor == pki.root?.certificate)
        guard case .good = verified.path.revocationStatus else {
            Issue.record("expected OCSP good, got \(verified.path.revocationStatus)")
            return
        }
        let stored = try CMSSignedData(derEncoded: verified.storedDER)
        #expect(stored.embeddedOCSPResponseDER != nil)
        #expect(stored.content == content)
        #expect(stored.verifySignature().isValid)
        // Stored with its OCSP response, it verifies again without asking the responder.
        #expect(try await verifier(pki, ocsp: false).verify(verified.storedDER, now: Fixtures.signingTime + 300).signedData.content == content)
    }

    @Test("refusals: garbage, tampered content, revoked, expired, foreign and missing-OCSP certificates")
    func refusals() async throws {
        let pki = try Self.pki.get()
        let doctor = try pki.identity(named: "doctor-b")
        let now = Fixtures.signingTime + 120
        await #expect(throws: WorkflowError(.validationFailed)) { try await verifier(pki).verify(Array("not a CMS".utf8), now: now) }

        let (_, der) = try signedPrescription(by: doctor, chain: [])
        var tampered = der
        let offset = try #require(tampered.firstRange(of: Array("PZN".utf8))).lowerBound
        tampered[offset] = UInt8(ascii: "X")
        await #expect(throws: WorkflowError(.signatureInvalid)) { try await verifier(pki).verify(tampered, now: now) }

        await #expect(throws: WorkflowError(.ocspBackendError)) { try await verifier(pki, ocsp: false).verify(der, now: now) }

        var revoking = pki
        try revoking.revoke("doctor-b", reason: .keyCompromise, at: Fixtures.signingTime - 3_600)
        await #expect(throws: WorkflowError(.certificateInvalid)) { try await verifier(revoking).verify(der, now: now) }

        let expiredProfile = TestPKI.Profile.hba(
            name: "doctor-expired",
            displayName: "Dr. med. Ex Piriert",
            title: "Dr. med.",
            givenName: "Ex",
            surname: "Piriert",
            professionItem: "Ärztin/Arzt",
            professionOID: TelematikOID.arzt,
            telematikID: "1-HBA-Testkarte-883110000900099"
        )
        let expired = try pki.issue(
            expiredProfile,
            by: "hba-ca",
            validity: (Fixtures.signingTime - 400 * 86_400)...(Fixtures.signingTime - 86_400),
            seed: 7
        )
        var withExpired = pki
        try withExpired.add(expired)
        let (_, expiredDER) = try signedPrescription(by: expired, chain: [])
        await #expect(throws: WorkflowError(.certificateInvalid)) { try await verifier(withExpired).verify(expiredDER, now: now) }

        let foreign = try TestPKI.generate(seed: 43)
        let (_, foreignDER) = try signedPrescription(by: try foreign.identity(named: "doctor-a"), chain: [])
        await #expect(throws: WorkflowError(.certificateInvalid)) { try await verifier(pki).verify(foreignDER, now: now) }
    }
}
