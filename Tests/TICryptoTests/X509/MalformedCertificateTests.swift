// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

@Suite("Malformed input throws, never crashes")
struct MalformedCertificateTests {
    static let realDER: [[UInt8]] = X509Fixtures.realCertificateNames.map { name in
        (try? X509Fixtures.certificate(name).derEncoded) ?? []
    }

    /// Parses and returns the error code, or `nil` when the input parsed.
    private func code(_ bytes: [UInt8]) -> TICryptoError.Code? {
        do {
            _ = try TelematikCertificate(derEncoded: bytes)
            return nil
        } catch {
            return error.code
        }
    }

    @Test("Every truncation of every real certificate is reported as truncated", arguments: 0..<4)
    func truncation(index: Int) throws {
        let der = Self.realDER[index]
        try #require(!der.isEmpty)
        var unexpected: [Int: TICryptoError.Code?] = [:]
        for length in 0..<der.count {
            let result = code(Array(der.prefix(length)))
            if result != .truncated { unexpected[length] = result }
        }
        #expect(unexpected.isEmpty, "lengths not reported as truncated: \(unexpected.keys.sorted().prefix(10))")
    }

    @Test("Bytes after the certificate are refused")
    func trailingBytes() {
        for der in Self.realDER {
            #expect(code(der + [0x00]) != nil)
            #expect(code(der + der) != nil)
        }
    }

    @Test("2 000 random byte strings (half with a plausible SEQUENCE header) are refused")
    func randomBytes() {
        var generator = SplitMix64(seed: 0x5EED_0001)
        var parsed = 0
        for round in 0..<2_000 {
            let length = Int.random(in: 0...600, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if round.isMultiple(of: 2) {
                let body = UInt16(length)
                bytes = [0x30, 0x82, UInt8(body >> 8), UInt8(body & 0xFF), 0x30, 0x82] + bytes
            }
            if code(bytes) == nil { parsed += 1 }
        }
        #expect(parsed == 0)
    }

    @Test("2 000 bit-flipped real certificates never crash; what still parses is a different, self-consistent certificate")
    func bitFlips() throws {
        var generator = SplitMix64(seed: 0x5EED_0002)
        var outcomes: [String: Int] = [:]
        for _ in 0..<2_000 {
            var der = Self.realDER.randomElement(using: &generator)!
            let original = der
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                der[Int.random(in: 0..<der.count, using: &generator)] ^= 1 << UInt8.random(in: 0...7, using: &generator)
            }
            do {
                let certificate = try TelematikCertificate(derEncoded: der)
                // A flip in a signature, key or string byte can leave a valid structure: every accessor must still work
                // and a second parse must give the same fields.
                #expect(Self.summary(of: certificate) == Self.summary(of: try TelematikCertificate(derEncoded: certificate.derEncoded)))
                #expect((der == original) == (certificate.derEncoded == original))
                outcomes["parsed", default: 0] += 1
            } catch {
                outcomes[error.code.description, default: 0] += 1
            }
        }
        #expect(outcomes.values.reduce(0, +) == 2_000)
        #expect(outcomes.count > 3, "mutations should hit several kinds of error: \(outcomes)")
    }

    @Test("2 000 byte insertions and deletions inside real certificates are refused")
    func insertionsAndDeletions() {
        var generator = SplitMix64(seed: 0x5EED_0003)
        var parsed: [Int] = []
        for round in 0..<2_000 {
            var der = Self.realDER.randomElement(using: &generator)!
            let position = Int.random(in: 0..<der.count, using: &generator)
            if round.isMultiple(of: 2) {
                der.insert(UInt8.random(in: 0...255, using: &generator), at: position)
            } else {
                der.remove(at: position)
            }
            if code(der) == nil { parsed.append(round) }
        }
        #expect(parsed.isEmpty)
    }

    @Test(
        "Absurd and non-DER length fields",
        arguments: [
            [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF],
            [0x30, 0x88, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
            [0x30, 0x89, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
            [0x30, 0x80],
            [0x30, 0x83, 0x00, 0x04, 0xBD],
            [0x30, 0x81, 0x05],
            [0x30, 0xFF],
        ] as [[UInt8]]
    )
    func absurdLengths(header: [UInt8]) {
        let der = Self.realDER[0]
        let mutated = header + der.dropFirst(4)  // the fixture's own header is 30 82 xx xx
        let result = code(mutated)
        #expect(result != nil)
        #expect(result == .truncated || result == .invalidLength || result == .invalidStructure)
    }

    @Test("Absurd length deep inside: the serial number claims 2^31 bytes")
    func absurdInnerLength() {
        var der = Self.realDER[0]
        // 30 82 04 BD 30 82 03 A5 A0 03 02 01 02 02 07 … → the serial INTEGER header is at offset 13.
        #expect(der[13] == 0x02)
        der.replaceSubrange(14...14, with: [0x84, 0x7F, 0xFF, 0xFF, 0xFF])
        #expect(code(der) != nil)
    }

    @Test(
        "Wrong tags at fixed positions",
        arguments: [
            (0, 0x31), (4, 0x31), (8, 0xA1), (13, 0x04), (0, 0x10), (4, 0x00),
        ] as [(Int, UInt8)]
    )
    func wrongTags(offset: Int, tag: UInt8) {
        var der = Self.realDER[0]
        der[offset] = tag
        #expect(code(der) != nil)
    }

    @Test("Unsupported version v4")
    func versionFour() {
        var der = Self.realDER[0]
        #expect(Array(der[8..<13]) == [0xA0, 0x03, 0x02, 0x01, 0x02])
        der[12] = 0x03
        #expect(code(der) == .unsupportedVersion)
    }

    @Test("Empty input and single bytes")
    func tinyInputs() {
        #expect(code([]) == .truncated)
        for byte in UInt8.min...UInt8.max { #expect(code([byte]) != nil) }
    }

    @Test("Deeply nested input is refused without exhausting the stack")
    func deepNesting() {
        var nested: [UInt8] = []
        for _ in 0..<2_000 { nested = DERBuilder.tlv(0x30, nested) }
        #expect(code(nested) != nil)
        var indefinite: [UInt8] = []
        for _ in 0..<50_000 { indefinite += [0x30, 0x80] }
        #expect(code(indefinite) != nil)
    }

    /// Reads every accessor of `certificate` into one string (so that lazily computed values are exercised too).
    static func summary(of certificate: TelematikCertificate) -> String {
        let parts: [String] = [
            "\(certificate.version)", certificate.serialNumberHex, certificate.signatureAlgorithm.dotted,
            certificate.issuer.description, certificate.subject.description, "\(certificate.notBefore)", "\(certificate.notAfter)",
            certificate.subjectPublicKeyInfo.algorithm.dotted, "\(String(describing: certificate.subjectPublicKeyInfo.namedCurve))",
            "\(certificate.keyUsage?.description ?? "-")", "\(String(describing: certificate.basicConstraints))",
            "\(certificate.extendedKeyUsage)", "\(certificate.certificatePolicies)", "\(String(describing: certificate.subjectKeyIdentifier))",
            "\(String(describing: certificate.authorityKeyIdentifier))", "\(certificate.ocspURLs)", "\(certificate.caIssuersURLs)",
            "\(certificate.subjectAlternativeNames)", "\(String(describing: certificate.qcStatements))",
            "\(String(describing: certificate.admission))", "\(certificate.professionOIDs)", certificate.telematikID ?? "-",
            certificate.kvnr ?? "-", "\(certificate.unhandledCriticalExtensions)", certificate.pemEncoded,
        ]
        return parts.joined(separator: "|")
    }

}
