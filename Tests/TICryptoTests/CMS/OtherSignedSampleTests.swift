// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import TICrypto
import Testing

/// The other CMS samples of the corpus: what each one is, and what verifies.
struct OtherSignedSampleTests {
    /// A QES made with an HBA that was revoked later: mathematically valid; only the OCSP step may reject it.
    @Test("revoked-HBA sample: verifies mathematically, physician HBA, RSA-PSS, embedded OCSP response")
    func revokedHBA() throws {
        let signed = try CMSSignedData(derEncoded: try SignedExamples.bytes("signed/revoked-HBA_690a7f01_S_SECUN.p7"))
        let verification = signed.verifySignature()
        #expect(verification.isValidCAdESBES, "\(verification.reason)")
        #expect(signed.signatureAlgorithm == .rsaPSS)
        #expect(signed.signerCertificate.hasProfessionOID(TelematikOID.arzt))
        #expect(signed.signerCertificate.telematikID == "1-HBA-Testkarte-883110000129185")
        #expect(signed.signingTime == ISO8601DateFormatter().date(from: "2021-04-20T11:20:56Z"))
        #expect(signed.embeddedOCSPResponseDER != nil)
        #expect(signed.content.count == 14_512)
    }

    /// The reference Fachdienst's sample: the signature over the signed attributes is valid, but the embedded bundle
    /// was edited after signing (its SHA-256 is not the messageDigest), so it must not verify. `openssl cms -verify
    /// -noverify` agrees ("content verify error").
    @Test("ref_cms sample: signature valid, content changed after signing → not valid")
    func referenceServerSample() throws {
        let signed = try CMSSignedData(derEncoded: try SignedExamples.base64("signed/ref_cms.base64"))
        let verification = signed.verifySignature()
        #expect(verification.signatureValid)
        #expect(!verification.contentDigestMatches)
        #expect(!verification.isValid)
        #expect(verification.signingCertificate == .matches)
        #expect(signed.signatureAlgorithm == .rsaPSS)
        #expect(signed.signerCertificate.hasProfessionOID(TelematikOID.arzt))
        #expect(signed.embeddedOCSPResponseDER == nil)
        #expect(signed.signingTime == ISO8601DateFormatter().date(from: "2020-07-10T06:07:04Z"))
    }

    /// The receipt signature of api-erp's verification PoC: the Fachdienst's own CAdES-BES (brainpool ECDSA, C.FD.SIG
    /// with professionOID 1.2.276.0.76.4.259 in its admission), OCSP response embedded.
    @Test("ReceiptSignature sample: brainpool ECDSA by the Fachdienst verifies, OCSP embedded, content is the receipt")
    func receipt() throws {
        let signed = try CMSSignedData(derEncoded: try SignedExamples.base64("signed/ReceiptSignature.base64"))
        let verification = signed.verifySignature()
        #expect(verification.isValidCAdESBES, "\(verification.reason)")
        #expect(signed.signatureAlgorithm == .ecdsa)
        #expect(signed.signerCertificate.subjectPublicKeyInfo.isBrainpoolP256r1)
        #expect(signed.signerCertificate.professionOIDs == [TelematikOID.erezept])
        #expect(signed.embeddedOCSPResponseDER != nil)
        #expect(signed.signingTime == ISO8601DateFormatter().date(from: "2022-03-09T13:51:22Z"))
        #expect(String(decoding: signed.content, as: UTF8.self).contains("<Bundle"))
        // The brainpool signature over the signed attributes, checked with TICrypto's ECDSA directly.
        let key = try BrainpoolP256r1.Signing.PublicKey(derRepresentation: signed.signerCertificate.subjectPublicKeyInfo.derEncoded)
        let signature = try ECDSASignature(derRepresentation: signed.signatureValue)
        #expect(key.isValidSignature(signature, for: signed.signedAttributesDER))
        #expect(key.isValidSignature(signature, forSHA256Digest: signed.signedAttributesDigest))
    }
}
