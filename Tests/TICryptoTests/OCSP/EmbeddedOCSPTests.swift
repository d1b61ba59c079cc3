// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// An OCSP response embedded into a CMS made by our `CMSSigner`, read back by `CMSSignedData` and used by the
/// path validation of the signer at the signing time.
@Suite(.serialized)
struct EmbeddedOCSPTests {
    static let document = Array("<Bundle xmlns=\"http://hl7.org/fhir\"/>".utf8)

    @Test("embed → parse → verify → validate the signer at its signing time", arguments: TrustTestPKI.Curve.allCases)
    func roundTrip(curve: TrustTestPKI.Curve) throws {
        let pki = try TrustTestPKI(curve)
        for (leaf, signingTime) in [(TrustTestPKI.Leaf.good, pki.now - 600), (.expired, pki.now - 100 * TrustTestPKI.day)] {
            let signed = try signer(pki, leaf).sign(Self.document, signingTime: signingTime)
            let ocsp = try pki.ocspResponse(for: leaf, at: signingTime + 60)
            let embedded = try CMSSignedData.embeddingOCSPResponse(ocsp.derEncoded, in: signed)
            let cms = try CMSSignedData(derEncoded: embedded)
            #expect(cms.embeddedOCSPResponseDER == ocsp.derEncoded)
            #expect(cms.verifySignature().isValidCAdESBES, "\(cms.verifySignature().reason)")
            #expect(cms.content == Self.document)
            let validator = CertificatePathValidator(trustStore: pki.trustStore, policy: .qes())
            let path = try validator.validateSigner(of: cms)
            #expect(path.referenceTime == signingTime)
            guard case .good = path.revocationStatus else {
                Issue.record("expected good, got \(path.revocationStatus)")
                continue
            }
            // Without the embedded response the status is missing; checked now, the expired leaf fails.
            #expect(throws: TICryptoError(.revocationStatusUnknown)) { try validator.validateSigner(of: try CMSSignedData(derEncoded: signed)) }
            if leaf == .expired {
                #expect(throws: TICryptoError(.certificateExpired)) { try validator.validateSigner(of: cms, at: pki.now) }
            }
            // Embedding again replaces the response.
            let newer = try pki.ocspResponse(for: leaf, at: signingTime + 120)
            let replaced = try CMSSignedData(derEncoded: try CMSSignedData.embeddingOCSPResponse(newer.derEncoded, in: embedded))
            #expect(replaced.embeddedOCSPResponseDER == newer.derEncoded)
            #expect(replaced.verifySignature().isValid)
        }
        let revokedSigned = try signer(pki, .revoked).sign(Self.document, signingTime: pki.now)
        let revokedOCSP = try pki.ocspResponse(for: .revoked, at: pki.now, revocationTime: pki.now - 60)
        let revokedCMS = try CMSSignedData(derEncoded: try CMSSignedData.embeddingOCSPResponse(revokedOCSP.derEncoded, in: revokedSigned))
        #expect(throws: TICryptoError(.certificateRevoked)) {
            try CertificatePathValidator(trustStore: pki.trustStore, policy: .qes()).validateSigner(of: revokedCMS)
        }
        #expect(throws: TICryptoError(.invalidOCSPResponse)) { try CMSSignedData.embeddingOCSPResponse([0x30, 0x00], in: revokedSigned) }
        #expect(throws: TICryptoError(.invalidCMS)) { try CMSSignedData.embeddingOCSPResponse(revokedOCSP.derEncoded, in: [0x30, 0x00]) }
    }

    private func signer(_ pki: TrustTestPKI, _ leaf: TrustTestPKI.Leaf) throws -> CMSSigner {
        let certificate = pki.leaf(leaf).derEncoded
        switch pki.curve {
        case .brainpoolP256r1:
            return try CMSSigner(
                key: try BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: try pki.keyPEM(leaf.rawValue)),
                certificateDER: certificate
            )
        case .p256:
            return try CMSSigner(key: try P256.Signing.PrivateKey(pemRepresentation: try pki.keyPEM(leaf.rawValue)), certificateDER: certificate)
        }
    }
}
