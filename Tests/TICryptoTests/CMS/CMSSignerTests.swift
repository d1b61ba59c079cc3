// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import TICrypto
import TestSupport
import Testing

/// Our CAdES-BES signer, checked by our parser and by swift-crypto.
struct CMSSignerTests {
    static let document = Array("<Bundle xmlns=\"http://hl7.org/fhir\">\r\n  <id value=\"ä\"/>\n</Bundle>\r\n".utf8)

    @Test("sign → parse → verify round trip with the CAdES-BES attributes", arguments: [CMSTestPKI.KeyType.brainpoolP256r1, .p256])
    func roundTrip(keyType: CMSTestPKI.KeyType) throws {
        let pki = try CMSTestPKI(keyType)
        let signer = try Self.signer(pki, chain: [try pki.caDER])
        let time = Date(timeIntervalSince1970: 1_700_000_000)
        let der = try signer.sign(Self.document, signingTime: time)
        let signed = try CMSSignedData(derEncoded: der)
        #expect(signed.content == Self.document)
        #expect(signed.signingTime == time)
        #expect(signed.signatureAlgorithm == .ecdsa)
        #expect(signed.signerCertificateDER == (try pki.leafDER))
        #expect(Set(signed.certificatesDER) == Set([try pki.leafDER, try pki.caDER]))
        #expect(
            Set(signed.signedAttributeTypes.map(\.dotted)) == [
                "1.2.840.113549.1.9.3", "1.2.840.113549.1.9.4", "1.2.840.113549.1.9.5", "1.2.840.113549.1.9.16.2.47",
            ]
        )
        #expect(signed.signedAttributeTypes.count == 4)
        #expect(signed.unsignedAttributeTypes.isEmpty && signed.embeddedOCSPResponseDER == nil)
        let verification = signed.verifySignature()
        #expect(verification.isValidCAdESBES, "\(verification.reason)")
        #expect(Array(SHA256.hash(data: signed.signedAttributesDER)) == signed.signedAttributesDigest)
        #expect(der.occurrences(of: [0xA0] + signed.signedAttributesDER.dropFirst()) == 1)
    }

    @Test("P-256: swift-crypto verifies the signature over the extracted signed attributes")
    func swiftCryptoCrossCheck() throws {
        let pki = try CMSTestPKI(.p256)
        let signed = try CMSSignedData(derEncoded: try Self.signer(pki).sign(Self.document))
        let key = try Crypto.P256.Signing.PublicKey(derRepresentation: signed.signerCertificate.subjectPublicKeyInfo.derEncoded)
        let signature = try Crypto.P256.Signing.ECDSASignature(derRepresentation: signed.signatureValue)
        #expect(key.isValidSignature(signature, for: signed.signedAttributesDER))
        #expect(!key.isValidSignature(signature, for: Self.document))
    }

    @Test("empty content, a date past 2049 (GeneralizedTime), and a key that does not match the certificate")
    func edges() throws {
        let pki = try CMSTestPKI(.brainpoolP256r1)
        let signer = try Self.signer(pki)
        let late = Date(timeIntervalSince1970: 2_600_000_000)
        let signed = try CMSSignedData(derEncoded: try signer.sign([UInt8](), signingTime: late))
        #expect(signed.content.isEmpty && signed.signingTime == late)
        #expect(signed.verifySignature().isValidCAdESBES)
        #expect(throws: TICryptoError(.invalidKey)) {
            try CMSSigner(key: try BrainpoolP256r1.Signing.PrivateKey(), certificateDER: try pki.leafDER)
        }
        #expect(throws: TICryptoError(.invalidEncoding)) {
            try CMSSigner(key: try BrainpoolP256r1.Signing.PrivateKey(), certificateDER: [0x30, 0x00])
        }
    }

    static func signer(_ pki: CMSTestPKI, chain: [[UInt8]] = []) throws -> CMSSigner {
        switch pki.keyType {
        case .brainpoolP256r1:
            try CMSSigner(
                key: try BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: try pki.leafKeyPEM),
                certificateDER: try pki.leafDER,
                chainDER: chain
            )
        case .p256:
            try CMSSigner(
                key: try TICrypto.P256.Signing.PrivateKey(pemRepresentation: try pki.leafKeyPEM),
                certificateDER: try pki.leafDER,
                chainDER: chain
            )
        case .rsa2048:
            throw ExternalTool.Failure(description: "CMSSigner signs with EC keys only")
        }
    }
}
