// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// Certificates assembled byte by byte (`DERBuilder`) to reach each structural rule of RFC 5280 §4.1 / §4.2.
@Suite("Hand-built certificates: one rule at a time")
struct HandBuiltCertificateTests {
    typealias B = DERBuilder

    private func parse(_ bytes: [UInt8]) throws(TICryptoError) -> TelematikCertificate {
        try TelematikCertificate(derEncoded: bytes)
    }

    private func code(_ bytes: [UInt8]) -> TICryptoError.Code? {
        do {
            _ = try parse(bytes)
            return nil
        } catch {
            return error.code
        }
    }

    static let admissionValue = B.sequence(
        B.sequence(
            B.sequence(
                B.sequence(
                    B.sequence(
                        B.sequence(B.utf8("Zahnärztin/Zahnarzt")),
                        B.sequence(B.oid("1.2.276.0.76.4.31")),
                        B.printable("2-123456789")
                    )
                )
            )
        )
    )

    @Test("The baseline parses: v3, brainpool key, UTCTime notBefore and GeneralizedTime notAfter")
    func baseline() throws {
        let certificate = try parse(B.certificate(extensions: [B.extension("1.3.36.8.3.3", value: Self.admissionValue)]))
        #expect(certificate.version == 3)
        #expect(certificate.serialNumberHex == "0123")
        #expect(certificate.notBefore == Date(timeIntervalSince1970: 1_735_689_600))  // 2025-01-01T00:00:00Z
        #expect(certificate.notAfter == Date(timeIntervalSince1970: 2_840_140_800))  // 2060-01-01T00:00:00Z
        #expect(certificate.subjectPublicKeyInfo.isBrainpoolP256r1)
        #expect(certificate.professionOIDs == [TelematikOID.zahnarzt])
        #expect(certificate.admission?.professionItems == ["Zahnärztin/Zahnarzt"])
        #expect(certificate.telematikID == "2-123456789")
        #expect(certificate.admission?.admissionAuthority == nil)
    }

    @Test("UTCTime years: 50 is 1950, 49 is 2049 (RFC 5280 §4.1.2.5.1)")
    func utcTimeWindow() throws {
        let certificate = try parse(B.certificate(notBefore: B.utcTime("500101000000Z"), notAfter: B.utcTime("491231235959Z")))
        #expect(certificate.notBefore == Date(timeIntervalSince1970: -631_152_000))  // 1950-01-01
        #expect(certificate.notAfter == Date(timeIntervalSince1970: 2_524_607_999))  // 2049-12-31T23:59:59Z
    }

    @Test(
        "Invalid times are refused",
        arguments: [
            B.utcTime("251301000000Z"), B.utcTime("250132000000Z"), B.utcTime("2501010000Z"), B.utcTime("250101000000"),
            B.utcTime("250101000000+0100"), B.generalizedTime("20250101000000.5Z"), B.generalizedTime("2025010100Z"),
            B.octets(Array("250101000000Z".utf8)),
        ]
    )
    func invalidTimes(time: [UInt8]) {
        let result = code(B.certificate(notBefore: time))
        #expect(result == .invalidTime || result == .invalidTag)
    }

    @Test("A v1 certificate has no version field and no extensions")
    func versionOne() throws {
        let certificate = try parse(B.certificate(version: nil, extensions: nil))
        #expect(certificate.version == 1)
        #expect(certificate.extensions.isEmpty)
        #expect(code(B.certificate(version: nil, extensions: [B.extension("2.5.29.15", value: B.bitString([0x80]))])) == .invalidStructure)
    }

    @Test("Version values other than v1–v3 are refused")
    func versions() {
        #expect(code(B.certificate(version: B.tlv(0xA0, B.tlv(0x02, [0x03])))) == .unsupportedVersion)
        #expect(code(B.certificate(version: B.tlv(0xA0, B.tlv(0x02, [0xFF])))) == .invalidInteger)
        #expect(code(B.certificate(version: B.tlv(0xA0, B.tlv(0x02, [0x00, 0x02])))) == .invalidInteger)
    }

    @Test("Serial numbers must be minimal, non-empty INTEGERs")
    func serials() {
        #expect(code(B.certificate(serial: B.tlv(0x02, []))) == .invalidInteger)
        #expect(code(B.certificate(serial: B.tlv(0x02, [0x00, 0x01]))) == .invalidInteger)
        #expect(code(B.certificate(serial: B.tlv(0x04, [0x01]))) == .invalidTag)
    }

    @Test("Inner and outer signature algorithms must be equal (RFC 5280 §4.1.1.2)")
    func algorithmMismatch() {
        let rsa = B.sequence(B.oid("1.2.840.113549.1.1.11"), B.tlv(0x05, []))
        #expect(code(B.certificate(outerAlgorithm: rsa)) == .signatureAlgorithmMismatch)
    }

    @Test("An extension must not appear twice (RFC 5280 §4.2)")
    func duplicateExtension() {
        let keyUsage = B.extension("2.5.29.15", critical: true, value: B.bitString([0x80], unused: 7))
        #expect(code(B.certificate(extensions: [keyUsage, keyUsage])) == .duplicateExtension)
    }

    @Test("Extensions: an empty list and a non-DER BOOLEAN are refused")
    func extensionStructure() {
        #expect(code(B.certificate(extensions: nil, trailingTBS: B.tlv(0xA3, B.tlv(0x30, [])))) == .invalidStructure)
        let badBoolean = B.sequence(B.oid("2.5.29.19"), B.tlv(0x01, [0x01]), B.octets(B.sequence()))
        #expect(code(B.certificate(extensions: [badBoolean])) == .invalidStructure)
    }

    @Test(
        "Malformed extension values are invalidExtension",
        arguments: [
            ("2.5.29.15", B.bitString([0xFF, 0xFF, 0x80])),  // keyUsage with more than 9 bits
            ("2.5.29.15", B.octets([0x80])),  // keyUsage not a BIT STRING
            ("2.5.29.15", B.bitString([0x81], unused: 7)),  // non-zero padding bit (X.690 §11.2.1)
            ("2.5.29.19", B.sequence(B.tlv(0x01, [0xFF]), B.tlv(0x02, [0xFF]))),  // negative pathLenConstraint
            ("2.5.29.19", B.sequence(B.tlv(0x02, [0x01]), B.tlv(0x01, [0xFF]))),  // components out of order
            ("2.5.29.37", B.sequence(B.utf8("clientAuth"))),  // EKU entry not an OID
            ("2.5.29.32", B.sequence(B.sequence())),  // PolicyInformation without policyIdentifier
            ("2.5.29.14", B.sequence()),  // SKI not an OCTET STRING
            ("2.5.29.35", B.sequence(B.tlv(0x04, [0x01]))),  // AKI with an untagged keyIdentifier
            ("1.3.6.1.5.5.7.1.1", B.sequence(B.sequence(B.oid("1.3.6.1.5.5.7.48.1"), B.utf8("http://x")))),  // untagged URI
            ("2.5.29.17", B.sequence()),  // empty GeneralNames
            ("2.5.29.17", B.sequence(B.tlv(0x89, [0x00]))),  // unknown GeneralName tag [9]
            ("2.5.29.17", B.sequence(B.tlv(0x81, [0xC3, 0xA4]))),  // non-ASCII rfc822Name
            ("1.3.36.8.3.3", B.sequence()),  // AdmissionSyntax without contentsOfAdmissions
            ("1.3.36.8.3.3", B.sequence(B.sequence(B.sequence(B.sequence(B.sequence(B.utf8("x")), B.utf8("not OIDs")))))),
            ("1.3.36.8.3.3", B.sequence(B.sequence(B.sequence(B.sequence(B.sequence(B.tlv(0x0C, [0xFF]))))))),  // invalid UTF-8
            ("1.3.36.8.3.3", B.sequence(B.sequence(B.sequence(B.sequence(B.utf8("x")))))),  // items not a SEQUENCE OF
            ("1.3.36.8.3.3", B.sequence(B.sequence(B.sequence(B.sequence(B.sequence(B.utf8("x")), B.printable("1"), B.printable("2")))))),
            ("1.3.36.8.3.3", Array(admissionValue.dropLast())),  // truncated inside the extension
            ("1.3.36.8.3.3", admissionValue + [0x00]),  // trailing byte inside the extension
            ("1.3.6.1.5.5.7.1.3", B.sequence(B.sequence())),  // QCStatement without statementId
        ] as [(String, [UInt8])]
    )
    func malformedExtensionValues(oid: String, value: [UInt8]) {
        #expect(code(B.certificate(extensions: [B.extension(oid, value: value)])) == .invalidExtension)
    }

    @Test("Unknown extensions: only critical ones are reported as unhandled")
    func unknownExtensions() throws {
        let certificate = try parse(
            B.certificate(extensions: [
                B.extension("1.2.3.4", critical: true, value: B.tlv(0x05, [])),
                B.extension("1.2.3.5", value: B.tlv(0x05, [])),
                B.extension("2.5.29.15", critical: true, value: B.bitString([0x88], unused: 3)),
            ])
        )
        #expect(certificate.unhandledCriticalExtensions == ["1.2.3.4"])
        #expect(certificate.keyUsage == [.digitalSignature, .keyAgreement])
        #expect(certificate.extensions.map(\.isCritical) == [true, false, true])
    }

    @Test("Names: invalid strings are refused, non-string values are kept as #hex")
    func names() throws {
        let badUTF8 = B.tlv(0x30, B.set(B.sequence(B.oid("2.5.4.3"), B.tlv(0x0C, [0xC3]))))
        #expect(code(B.certificate(subject: badUTF8)) == .invalidString)
        let nonASCIIPrintable = B.tlv(0x30, B.set(B.sequence(B.oid("2.5.4.6"), B.tlv(0x13, [0xC4]))))
        #expect(code(B.certificate(subject: nonASCIIPrintable)) == .invalidString)
        let emptyRDN = B.tlv(0x30, B.set())
        #expect(code(B.certificate(subject: emptyRDN)) == .invalidStructure)

        let binary = B.tlv(0x30, B.set(B.sequence(B.oid("2.5.4.45"), B.bitString([0x01]))))
        let certificate = try parse(B.certificate(subject: binary))
        #expect(certificate.subject.description == "2.5.4.45=#03020001")

        let bmp = B.tlv(0x30, B.set(B.sequence(B.oid("2.5.4.3"), B.tlv(0x1E, [0x00, 0xC4, 0x00, 0x4B]))))
        #expect(try parse(B.certificate(subject: bmp)).subject.commonName == "ÄK")
        let teletex = B.tlv(0x30, B.set(B.sequence(B.oid("2.5.4.3"), B.tlv(0x14, [0xC4, 0x4B]))))
        #expect(try parse(B.certificate(subject: teletex)).subject.commonName == "ÄK")
        let universal = B.tlv(0x30, B.set(B.sequence(B.oid("2.5.4.3"), B.tlv(0x1C, [0, 0, 0, 0xC4, 0, 0, 0, 0x4B]))))
        #expect(try parse(B.certificate(subject: universal)).subject.commonName == "ÄK")
        let oddBMP = B.tlv(0x30, B.set(B.sequence(B.oid("2.5.4.3"), B.tlv(0x1E, [0x00]))))
        #expect(code(B.certificate(subject: oddBMP)) == .invalidString)
    }

    @Test("Bytes after the last TBSCertificate component are refused")
    func trailingTBSComponent() {
        #expect(code(B.certificate(trailingTBS: B.tlv(0x05, []))) == .invalidStructure)
    }

    @Test("An EC key without a named curve is refused")
    func ecKeyWithoutCurve() throws {
        let baseline = B.certificate()
        let range = try #require(baseline.firstRange(of: B.oid("1.3.36.3.3.2.8.1.1.7")))
        var mutated = baseline
        mutated[range.lowerBound] = 0x04  // the curve parameter becomes an OCTET STRING of the same length
        #expect(code(mutated) == .invalidStructure)
    }
}
