// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

/// The DER and raw (JOSE) encodings of ECDSA signatures.
struct ECDSASignatureTests {
    @Test("DER and raw r‖s convert both ways, with left padding of short components")
    func conversions() throws {
        let r = [UInt8](repeating: 0, count: 2) + [UInt8](repeating: 0x81, count: 30)
        let s = [UInt8](repeating: 0x7F, count: 32)
        let signature = try ECDSASignature(rawRepresentation: r + s)
        // r: 30 significant bytes with the high bit set → INTEGER of 31 bytes (leading 0x00); s: 32 bytes.
        let expected: [UInt8] = [0x30, 0x43, 0x02, 0x1F, 0x00] + r.suffix(30) + [0x02, 0x20] + s
        #expect(signature.derRepresentation == expected)
        let parsed = try ECDSASignature(derRepresentation: expected)
        #expect(parsed == signature)
        #expect(parsed.r == r)
        #expect(parsed.s == s)
    }

    @Test("a signature made by a key round-trips through DER and raw", arguments: SigningCurve.allCases)
    func roundTripOfRealSignature(curve: SigningCurve) throws {
        try Self.roundTrip(curve.type)
    }

    private static func roundTrip<Key: SigningKeyUnderTest>(_: Key.Type) throws {
        let key = try Key()
        for index in 0..<20 {
            let message = Array("message \(index)".utf8)
            let signature = try key.signature(for: message)
            let viaDER = try ECDSASignature(derRepresentation: signature.derRepresentation)
            let viaRaw = try ECDSASignature(rawRepresentation: signature.rawRepresentation)
            #expect(viaDER == signature && viaRaw == signature)
            #expect(signature.rawRepresentation.count == 64)
            #expect(key.publicKey.isValidSignature(viaDER, for: message))
        }
    }

    @Test("raw signatures must be exactly 64 bytes", arguments: [0, 63, 65, 128])
    func rawLength(length: Int) {
        #expect(throws: TICryptoError(.invalidSignature)) {
            try ECDSASignature(rawRepresentation: [UInt8](repeating: 1, count: length))
        }
    }

    @Test(
        "non-strict or malformed DER is invalidSignature",
        arguments: [
            [],
            [0x30],
            [0x30, 0x00],
            [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00],  // trailing byte
            [0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],  // long-form length below 128
            [0x30, 0x80, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00, 0x00],  // indefinite length (BER)
            [0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01],  // non-minimal INTEGER
            [0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01],  // negative INTEGER
            [0x30, 0x05, 0x02, 0x00, 0x02, 0x01, 0x01],  // empty INTEGER
            [0x30, 0x03, 0x02, 0x01, 0x01],  // one INTEGER only
            [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],  // SET, not SEQUENCE
            [0x30, 0x06, 0x04, 0x01, 0x01, 0x02, 0x01, 0x01],  // OCTET STRING, not INTEGER
            [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],  // length beyond the end
            [0x30, 0x26, 0x02, 0x21, 0x01] + [UInt8](repeating: 0, count: 32) + [0x02, 0x01, 0x01],  // r of 33 bytes
        ] as [[UInt8]]
    )
    func malformedDER(der: [UInt8]) {
        #expect(throws: TICryptoError(.invalidSignature)) { try ECDSASignature(derRepresentation: der) }
    }

    @Test("a 33-byte INTEGER is accepted when the leading zero is required")
    func requiredLeadingZero() throws {
        let der: [UInt8] =
            [0x30, 0x45, 0x02, 0x21, 0x00] + [UInt8](repeating: 0xFF, count: 32) + [0x02, 0x20]
            + [UInt8](repeating: 0x01, count: 32)
        let signature = try ECDSASignature(derRepresentation: der)
        #expect(signature.r == [UInt8](repeating: 0xFF, count: 32))
        #expect(signature.derRepresentation == der)
    }
}
