// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

/// Imports reject keys on the wrong curve, off-curve points, out-of-range scalars and garbage, with stable codes.
struct KeyImportRejectionTests {
    private static let brainpoolOrder = [UInt8](hexString: "A9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7")!
    private static let p256Order = [UInt8](hexString: "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")!

    @Test("a brainpool key imported as P-256 (and vice versa) is unsupportedCurve, in every form")
    func wrongCurve() throws {
        let brainpool = try BrainpoolP256r1.Signing.PrivateKey()
        let p256 = try P256.Signing.PrivateKey()
        let unsupportedCurve = TICryptoError(.unsupportedCurve)
        #expect(throws: unsupportedCurve) { try P256.Signing.PrivateKey(pemRepresentation: brainpool.pemRepresentation) }
        #expect(throws: unsupportedCurve) { try P256.Signing.PrivateKey(pemRepresentation: brainpool.sec1PEMRepresentation) }
        #expect(throws: unsupportedCurve) { try P256.KeyAgreement.PrivateKey(derRepresentation: brainpool.derRepresentation) }
        #expect(throws: unsupportedCurve) { try P256.Signing.PublicKey(derRepresentation: brainpool.publicKey.derRepresentation) }
        #expect(throws: unsupportedCurve) { try P256.Signing.PublicKey(pemRepresentation: brainpool.publicKey.pemRepresentation) }
        #expect(throws: unsupportedCurve) { try BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: p256.pemRepresentation) }
        #expect(throws: unsupportedCurve) { try BrainpoolP256r1.KeyAgreement.PrivateKey(derRepresentation: p256.sec1DERRepresentation) }
        #expect(throws: unsupportedCurve) {
            try BrainpoolP256r1.KeyAgreement.PublicKey(derRepresentation: p256.publicKey.derRepresentation)
        }
        // The raw point of one curve is (almost surely) not on the other.
        #expect(throws: TICryptoError(.invalidKey)) {
            try BrainpoolP256r1.Signing.PublicKey(x963Representation: p256.publicKey.x963Representation)
        }
    }

    @Test("points off the curve or badly encoded are invalidKey", arguments: KeyKind.allCases)
    func offCurve(kind: KeyKind) throws {
        try Self.offCurve(kind.type)
    }

    private static func offCurve<Key: PrivateKeyUnderTest>(_: Key.Type) throws {
        let point = try Key().publicKey.x963Representation
        var moved = point
        moved[64] ^= 0x01
        let invalidKey = TICryptoError(.invalidKey)
        #expect(throws: invalidKey) { try Key.PublicKey(x963Representation: moved) }
        #expect(throws: invalidKey) { try Key.PublicKey(rawRepresentation: moved.dropFirst()) }
        #expect(throws: invalidKey) { try Key.PublicKey(x: moved[1...32], y: moved[33...64]) }
        #expect(throws: invalidKey) { try Key.PublicKey(x: point[1...31], y: point[33...64]) }
        var compressedPrefix = point
        compressedPrefix[0] = 0x02
        #expect(throws: invalidKey) { try Key.PublicKey(x963Representation: compressedPrefix) }
        #expect(throws: invalidKey) { try Key.PublicKey(x963Representation: point.prefix(33)) }
        #expect(throws: invalidKey) { try Key.PublicKey(x963Representation: [0x04] + [UInt8](repeating: 0, count: 64)) }
        #expect(throws: invalidKey) { try Key.PublicKey(x963Representation: [0x04] + [UInt8](repeating: 0xFF, count: 64)) }
        // An SPKI whose point was moved off the curve.
        var spki = try Key().publicKey.derRepresentation
        spki[spki.count - 1] ^= 0x01
        #expect(throws: invalidKey) { try Key.PublicKey(derRepresentation: spki) }
    }

    @Test("scalars outside [1, n-1] or of the wrong length are invalidKey")
    func scalarRange() throws {
        let invalidKey = TICryptoError(.invalidKey)
        for order in [Self.brainpoolOrder] {
            #expect(throws: invalidKey) { try BrainpoolP256r1.Signing.PrivateKey(rawRepresentation: order) }
            #expect(throws: invalidKey) { try BrainpoolP256r1.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0xFF, count: 32)) }
            var nMinusOne = order
            nMinusOne[31] -= 1
            #expect(try BrainpoolP256r1.Signing.PrivateKey(rawRepresentation: nMinusOne).rawRepresentation == nMinusOne)
        }
        #expect(throws: invalidKey) { try P256.Signing.PrivateKey(rawRepresentation: Self.p256Order) }
        #expect(throws: invalidKey) { try P256.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 32)) }
        #expect(throws: invalidKey) { try BrainpoolP256r1.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 32)) }
        #expect(throws: invalidKey) { try BrainpoolP256r1.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 31)) }
        #expect(throws: invalidKey) { try BrainpoolP256r1.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 33)) }
    }

    @Test("a SEC1 key whose stored public key belongs to another scalar is invalidKey")
    func mismatchedPublicKey() throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let other = try BrainpoolP256r1.Signing.PrivateKey()
        // The SEC1 encoding ends with the 65-byte public point.
        let spliced = Array(key.sec1DERRepresentation.dropLast(65)) + other.publicKey.x963Representation
        #expect(throws: TICryptoError(.invalidKey)) { try BrainpoolP256r1.Signing.PrivateKey(derRepresentation: spliced) }
    }

    @Test("garbage PEM and DER are invalidEncoding")
    func garbage() throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let invalidEncoding = TICryptoError(.invalidEncoding)
        let pems = [
            "",
            "hello",
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            "-----BEGIN EC PRIVATE KEY-----\n!!!!\n-----END EC PRIVATE KEY-----\n",
            key.publicKey.pemRepresentation,
            String(key.pemRepresentation.dropLast(40)),
        ]
        for pem in pems {
            #expect(throws: invalidEncoding) { try BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: pem) }
        }
        #expect(throws: invalidEncoding) { try BrainpoolP256r1.Signing.PublicKey(pemRepresentation: key.pemRepresentation) }
        #expect(throws: invalidEncoding) { try BrainpoolP256r1.Signing.PublicKey(pemRepresentation: "") }
        let ders: [[UInt8]] = [[], [0x30], [0x30, 0x00], key.derRepresentation.dropLast(1) + [], key.derRepresentation + [0x00]]
        for der in ders {
            #expect(throws: invalidEncoding) { try BrainpoolP256r1.Signing.PrivateKey(derRepresentation: der) }
            #expect(throws: invalidEncoding) { try BrainpoolP256r1.Signing.PublicKey(derRepresentation: der) }
        }
        #expect(throws: invalidEncoding) { try BrainpoolP256r1.Signing.PublicKey(derRepresentation: key.publicKey.derRepresentation + [0]) }
    }

    @Test("errors compare by code and carry OpenSSL's reason text")
    func errorShape() throws {
        do {
            _ = try BrainpoolP256r1.Signing.PrivateKey(derRepresentation: [0x30, 0x03, 0x02, 0x01, 0x05])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidEncoding)
            #expect(error == TICryptoError(.invalidEncoding, reason: "anything"))
            #expect(error != TICryptoError(.invalidKey))
            #expect(error.description.hasPrefix("TICryptoError.invalidEncoding"))
            #expect(error.reason.contains("OpenSSL: error:"))
        }
    }

    @Test("a failure's OpenSSL text never leaks into the next error (the error queue is drained)")
    func errorQueueIsDrained() throws {
        #expect(throws: TICryptoError(.invalidEncoding)) {
            try BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        }
        var point = try BrainpoolP256r1.Signing.PrivateKey().publicKey.x963Representation
        point[64] ^= 0x01
        do {
            _ = try BrainpoolP256r1.Signing.PublicKey(x963Representation: point)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidKey)
            #expect(!error.reason.contains("PEM") && !error.reason.contains("asn1") && !error.reason.contains("decoder"))
        }
    }
}
