// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// The light read of a signer's digests agrees with the full parse.
struct CMSSignerDigestsTests {
    @Test(
        "our own signatures, both curves, with and without an embedded OCSP response: equal to CMSSignedData's digests",
        arguments: [CMSTestPKI.KeyType.brainpoolP256r1, .p256]
    )
    func ownSignatures(keyType: CMSTestPKI.KeyType) throws {
        let pki = try CMSTestPKI(keyType)
        let der = try CMSSignerTests.signer(pki, chain: [try pki.caDER]).sign(CMSSignerTests.document)
        let full = try CMSSignedData(derEncoded: der)
        let light = try CMSSignerDigests(derEncoded: der)
        #expect(light.signedAttributes == full.signedAttributesDigest)
        #expect(light.messageDigest == full.messageDigest)
        #expect(light.signedAttributes != light.messageDigest)
    }

    @Test("the test PKI's QES with an embedded OCSP response (as $activate stores it)")
    func storedQES() throws {
        let pki = try SeededPKI.get()
        let doctor = try pki.identity(named: "doctor-a")
        let signer = try CMSSigner(key: doctor.privateKey, certificateDER: doctor.certificate.derEncoded)
        let now = Date(timeIntervalSince1970: 1_795_249_800)
        let signed = try signer.sign(Array("<Bundle/>".utf8), signingTime: now)
        let response = try #require(pki.ocspResponse(for: doctor.certificate, now: now))
        let stored = try CMSSignedData.embeddingOCSPResponse(response, in: signed)
        let full = try CMSSignedData(derEncoded: stored)
        let light = try CMSSignerDigests(derEncoded: stored)
        #expect(full.embeddedOCSPResponseDER == response.derEncoded)
        #expect(light.signedAttributes == full.signedAttributesDigest)
        #expect(light.messageDigest == full.messageDigest)
    }

    @Test(
        "real connector signatures: equal where they are DER, refused (not misread) where they are BER",
        arguments: SignedExamples.Connector.allCases
    )
    func connectorSamples(connector: SignedExamples.Connector) throws {
        let bytes = try SignedExamples.connector(connector)
        let full = try CMSSignedData(derEncoded: bytes)
        if let light = try? CMSSignerDigests(derEncoded: bytes) {
            #expect(light.signedAttributes == full.signedAttributesDigest)
            #expect(light.messageDigest == full.messageDigest)
        }
    }

    @Test("not a SignedData: refused with invalidCMS")
    func refused() throws {
        #expect(throws: TICryptoError(.invalidCMS)) { try CMSSignerDigests(derEncoded: [0x30, 0x00]) }
        #expect(throws: TICryptoError(.invalidCMS)) { try CMSSignerDigests(derEncoded: Array("<Bundle/>".utf8)) }
        let pki = try CMSTestPKI(.p256)
        var der = try CMSSignerTests.signer(pki).sign(CMSSignerTests.document)
        der.removeLast()
        #expect(throws: TICryptoError(.invalidCMS)) { try CMSSignerDigests(derEncoded: der) }
    }
}
