// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import TestSupport
import Testing

/// CMS both ways with the `openssl` CLI (a missing tool fails the test with a hint).
struct CMSOpenSSLInteropTests {
    static let document = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) }

    @Test(
        "our CAdES-BES verifies with `openssl cms -verify` and the content it writes is identical",
        arguments: [CMSTestPKI.KeyType.brainpoolP256r1, .p256]
    )
    func oursToOpenSSL(keyType: CMSTestPKI.KeyType) throws {
        let pki = try CMSTestPKI(keyType)
        let der = try CMSSignerTests.signer(pki).sign(Self.document)
        let input = try pki.directory.write(der, to: "ours.der")
        let output = pki.directory.path("content.bin")
        let verified = try ExternalTool.openssl(["cms", "-verify", "-inform", "DER", "-binary", "-CAfile", pki.caPath, "-in", input, "-out", output])
        #expect(verified.standardError.contains("Verification successful"))
        #expect(try pki.directory.read("content.bin") == Self.document)
        let printed = try ExternalTool.openssl(["cms", "-cmsout", "-print", "-noout", "-inform", "DER", "-in", input]).text
        #expect(printed.contains("signingCertificateV2"))
        #expect(!printed.contains("S/MIME Capabilities"))
    }

    @Test("openssl's CAdES output, DER and streamed BER, verifies with us and yields the identical content", arguments: CMSTestPKI.KeyType.allCases)
    func openSSLToOurs(keyType: CMSTestPKI.KeyType) throws {
        let pki = try CMSTestPKI(keyType)
        for stream in [false, true] {
            let der = try Self.opensslSign(pki, extra: stream ? ["-stream"] : [])
            if stream { #expect(Array(der.prefix(2)) == [0x30, 0x80], "-stream output is indefinite-length BER") }
            let signed = try CMSSignedData(derEncoded: der)
            #expect(signed.content == Self.document)
            #expect(signed.signerCertificateDER == (try pki.leafDER))
            let verification = signed.verifySignature()
            #expect(verification.isValidCAdESBES, "\(keyType) stream=\(stream): \(verification.reason)")
            #expect(signed.signatureAlgorithm == (keyType == .rsa2048 ? .rsaPKCS1v15 : .ecdsa))
            if keyType == .rsa2048 { #expect(signed.signatureAlgorithmOID == OID("1.2.840.113549.1.1.1")) }
        }
    }

    @Test("openssl's RSA-PSS CAdES output verifies with us; a flipped signature byte does not")
    func rsaPSS() throws {
        let pki = try CMSTestPKI(.rsa2048)
        let der = try Self.opensslSign(pki, extra: ["-keyopt", "rsa_padding_mode:pss"])
        let signed = try CMSSignedData(derEncoded: der)
        #expect(signed.signatureAlgorithm == .rsaPSS)
        #expect(signed.verifySignature().isValidCAdESBES, "\(signed.verifySignature().reason)")
        var tampered = der
        let offset = try #require(der.firstOffset(of: Array(signed.signatureValue.prefix(32))))
        tampered[offset + 5] ^= 0x80
        #expect(try CMSSignedData(derEncoded: tampered).verifySignature().signatureValid == false)
    }

    @Test("RSA PKCS #1 v1.5 under sha256WithRSAEncryption in SignerInfo verifies too")
    func rsaWithSHA256OID() throws {
        let pki = try CMSTestPKI(.rsa2048)
        let der = try Self.opensslSign(pki, extra: [])
        let signed = try CMSSignedData(derEncoded: der)
        // Rewrite the SignerInfo's rsaEncryption AlgorithmIdentifier (the last one in the file) to sha256WithRSAEncryption.
        let rsaEncryption: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
        let signatureOffset = try #require(der.firstOffset(of: Array(signed.signatureValue.prefix(32))))
        let offset = try #require(der.lastOffset(of: rsaEncryption, before: signatureOffset))
        var rewritten = der
        rewritten[offset + 10] = 0x0B
        let reparsed = try CMSSignedData(derEncoded: rewritten)
        #expect(reparsed.signatureAlgorithmOID == OID("1.2.840.113549.1.1.11"))
        #expect(reparsed.signatureAlgorithm == .rsaPKCS1v15)
        #expect(reparsed.verifySignature().isValidCAdESBES, "\(reparsed.verifySignature().reason)")
    }

    static func opensslSign(_ pki: CMSTestPKI, extra: [String]) throws -> [UInt8] {
        let input = try pki.directory.write(Self.document, to: "doc.bin")
        let output = pki.directory.path("theirs.der")
        try ExternalTool.openssl(
            ["cms", "-sign", "-nodetach", "-binary", "-cades", "-md", "sha256", "-signer", pki.leafPath, "-inkey", pki.leafKeyPath]
                + extra + ["-in", input, "-outform", "DER", "-out", output]
        )
        return try pki.directory.read("theirs.der")
    }
}

extension Array where Element == UInt8 {
    /// The offset of the last occurrence of `needle` that starts before `limit`, or nil.
    func lastOffset(of needle: [UInt8], before limit: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= self.count else { return nil }
        return (0...Swift.min(limit, self.count - needle.count)).last { Array(self[$0..<$0 + needle.count]) == needle }
    }
}
