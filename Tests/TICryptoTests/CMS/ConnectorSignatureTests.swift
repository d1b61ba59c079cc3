// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import TICrypto
import TestSupport
import Testing

/// The same prescription signed (QES, CAdES-BES enveloping) by three connector products with a test HBA.
struct ConnectorSignatureTests {
    typealias Connector = SignedExamples.Connector

    @Test("parses and verifies mathematically", arguments: Connector.allCases)
    func verifies(connector: Connector) throws {
        let signed = try CMSSignedData(derEncoded: try SignedExamples.connector(connector))
        let verification = signed.verifySignature()
        #expect(verification.isValidCAdESBES, "\(verification.reason)")
        #expect(verification.contentDigestMatches && verification.signatureValid)
        #expect(signed.signatureAlgorithm == .rsaPSS)
        #expect(signed.digestAlgorithmOID == OID("2.16.840.1.101.3.4.2.1"))
        #expect(signed.contentType == OID("1.2.840.113549.1.7.1"))
        #expect(Array(SHA256.hash(data: signed.content)) == signed.messageDigest)
    }

    @Test("the three connectors embed the identical content, equal to what `openssl cms -verify` writes")
    func content() throws {
        let contents = try Connector.allCases.map { try CMSSignedData(derEncoded: try SignedExamples.connector($0)).content }
        #expect(contents.count == 3 && Set(contents).count == 1)
        for connector in Connector.allCases {
            let directory = try ScratchDirectory()
            let input = try directory.write(try SignedExamples.connector(connector), to: "in.p7")
            try ExternalTool.openssl(["cms", "-verify", "-noverify", "-binary", "-inform", "DER", "-in", input, "-out", directory.path("out")])
            #expect(try directory.read("out") == contents[0], "\(connector)")
        }
    }

    /// The published source bundle is not byte-identical to what was signed: the signed copy has CRLF line ends, and
    /// api-erp later changed one line (the KVNR NamingSystem `…/NamingSystem/gkv/kvid-10` → `…/sid/gkv/kvid-10`).
    @Test("the signed content is the published source bundle with CRLF line ends and the old KVNR system URL")
    func contentVersusPublishedSource() throws {
        let signed = try CMSSignedData(derEncoded: try SignedExamples.connector(.secunet)).content
        let source = try SignedExamples.qesSource()
        #expect(signed != source)
        #expect(signed.contains(0x0D) && !source.contains(0x0D))
        let signedLines = String(decoding: signed.filter { $0 != 0x0D }, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let sourceLines = String(decoding: source, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(signedLines.count == sourceLines.count)
        let differing = zip(signedLines, sourceLines).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(differing.map(\.offset) == [245])
        #expect(differing.first?.element.0.contains("http://fhir.de/NamingSystem/gkv/kvid-10") == true)
        #expect(differing.first?.element.1.contains("http://fhir.de/sid/gkv/kvid-10") == true)
    }

    @Test("signer is a physician's HBA; signing time, signingCertificateV2 and the embedded OCSP response are read", arguments: Connector.allCases)
    func signer(connector: Connector) throws {
        let signed = try CMSSignedData(derEncoded: try SignedExamples.connector(connector))
        #expect(signed.signerCertificate.hasProfessionOID(TelematikOID.arzt))
        #expect(signed.signerCertificate.derEncoded == signed.signerCertificateDER)
        #expect(signed.certificatesDER.contains(signed.signerCertificateDER))
        #expect(signed.hasSigningCertificateV2 && signed.signingCertificateV2MatchesSigner)
        let expected: [Connector: String] = [
            .kocobox: "2021-04-15T10:38:57Z", .rise: "2021-04-15T10:31:18Z", .secunet: "2021-04-14T17:14:02Z",
        ]
        #expect(signed.signingTime == expected[connector].flatMap { ISO8601DateFormatter().date(from: $0) })
        let ocsp = try #require(signed.embeddedOCSPResponseDER)
        // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED successful(0), responseBytes [0] … } (RFC 6960 §4.2.1)
        #expect(Array(ocsp.prefix(7)) == [0x30, 0x82] + Array(ocsp[2..<4]) + [0x0A, 0x01, 0x00])
    }

    /// The signed-attributes digest must be over exactly the bytes in the file (with the [0] tag read as SET) and be
    /// the digest the HBA's RSA-PSS signature covers: checked with `openssl pkeyutl -verify` on the bare digest.
    @Test("signed-attributes digest: the file's bytes, recomputed with swift-crypto, and what the signature covers", arguments: Connector.allCases)
    func signedAttributesDigest(connector: Connector) throws {
        let raw = try SignedExamples.connector(connector)
        let signed = try CMSSignedData(derEncoded: raw)
        var tagged = signed.signedAttributesDER
        #expect(tagged.first == 0x31)
        tagged[0] = 0xA0
        #expect(raw.occurrences(of: tagged) == 1)
        #expect(Array(SHA256.hash(data: signed.signedAttributesDER)) == signed.signedAttributesDigest)
        #expect(signed.signedAttributesDigest != signed.messageDigest)

        let directory = try ScratchDirectory()
        let certificate = try directory.write(signed.signerCertificateDER, to: "signer.der")
        let publicKey = try ExternalTool.openssl(["x509", "-inform", "DER", "-in", certificate, "-pubkey", "-noout"]).standardOutput
        let keyPath = try directory.write(publicKey, to: "pub.pem")
        let signaturePath = try directory.write(signed.signatureValue, to: "sig.bin")
        let digestPath = try directory.write(signed.signedAttributesDigest, to: "digest.bin")
        let result = try ExternalTool.openssl([
            "pkeyutl", "-verify", "-pubin", "-inkey", keyPath, "-sigfile", signaturePath, "-in", digestPath,
            "-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", "digest:sha256", "-pkeyopt", "rsa_pss_saltlen:32",
        ])
        #expect(result.text.contains("Signature Verified Successfully"))
    }

    @Test("a flipped byte in the content or in the signature value never verifies", arguments: Connector.allCases)
    func tampering(connector: Connector) throws {
        let raw = try SignedExamples.connector(connector)
        let signed = try CMSSignedData(derEncoded: raw)
        let contentSlice = Array(signed.content[8_000..<8_032])
        let contentOffset = try #require(raw.firstOffset(of: contentSlice)) + 16
        let signatureSlice = Array(signed.signatureValue[100..<132])
        let signatureOffset = try #require(raw.firstOffset(of: signatureSlice)) + 16
        for (offset, what) in [(contentOffset, "content"), (signatureOffset, "signature")] {
            var tampered = raw
            tampered[offset] ^= 0x01
            guard let parsed = try? CMSSignedData(derEncoded: tampered) else { continue }
            let verification = parsed.verifySignature()
            #expect(!verification.isValid, "\(what) tampering passed")
            if what == "content" {
                #expect(!verification.contentDigestMatches && verification.signatureValid)
            } else {
                #expect(verification.contentDigestMatches && !verification.signatureValid)
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// The offset of the first occurrence of `needle`, or nil.
    func firstOffset(of needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, needle.count <= self.count else { return nil }
        for start in 0...(self.count - needle.count) where self[start] == needle[0] && Array(self[start..<start + needle.count]) == needle {
            return start
        }
        return nil
    }

    /// How often `needle` occurs (overlaps counted).
    func occurrences(of needle: [UInt8]) -> Int {
        guard !needle.isEmpty, needle.count <= self.count else { return 0 }
        return (0...(self.count - needle.count)).filter { self[$0] == needle[0] && Array(self[$0..<$0 + needle.count]) == needle }.count
    }
}
