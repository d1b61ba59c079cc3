// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

/// ERP-VAU request encryption (gemSpec_Krypt A_20161-01 / A_20163; spec/ref-impl.md B).
struct VAUCryptoTests {
    private static func serverKey() throws -> BrainpoolP256r1.KeyAgreement.PrivateKey {
        try BrainpoolP256r1.KeyAgreement.PrivateKey(rawRepresentation: VAUTestVector.serverScalar)
    }

    @Test("the published test vector is reproduced byte for byte (spec/ref-impl.md B.4)")
    func publishedVectorEncrypts() throws {
        let recipient = try BrainpoolP256r1.KeyAgreement.PublicKey(x963Representation: VAUTestVector.serverPublicKey)
        let ephemeral = try BrainpoolP256r1.KeyAgreement.PrivateKey(rawRepresentation: VAUTestVector.ephemeralScalar)
        let message = try VAUCrypto.encrypt(
            plaintext: VAUTestVector.plaintext,
            recipient: recipient,
            ephemeralKey: ephemeral,
            iv: VAUTestVector.iv
        )
        #expect(message.hexString == VAUTestVector.message.hexString)
    }

    @Test("the published test vector decrypts to its plaintext")
    func publishedVectorDecrypts() throws {
        let plaintext = try VAUCrypto.decrypt(VAUTestVector.message, with: Self.serverKey())
        #expect(plaintext == VAUTestVector.plaintext)
    }

    @Test("random messages round-trip, including an empty plaintext and a large one", arguments: [0, 1, 10, 100_000])
    func roundTrip(length: Int) throws {
        let server = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        let plaintext = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let message = try VAUCrypto.encrypt(plaintext: plaintext, recipient: server.publicKey)
        #expect(message.count == VAUCrypto.minimumMessageByteCount + length)
        #expect(message.first == 0x01)
        #expect(try VAUCrypto.decrypt(message, with: server) == plaintext)
    }

    @Test("two encryptions of the same plaintext differ (fresh ephemeral key and IV)")
    func freshness() throws {
        let server = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        let first = try VAUCrypto.encrypt(plaintext: [1, 2, 3], recipient: server.publicKey)
        let second = try VAUCrypto.encrypt(plaintext: [1, 2, 3], recipient: server.publicKey)
        #expect(first[1..<65] != second[1..<65])
        #expect(first[65..<77] != second[65..<77])
    }

    @Test("a message shorter than 93 bytes is invalidCiphertext")
    func tooShort() throws {
        let server = try Self.serverKey()
        #expect(throws: TICryptoError(.invalidCiphertext)) { try VAUCrypto.decrypt([], with: server) }
        #expect(throws: TICryptoError(.invalidCiphertext)) { try VAUCrypto.decrypt(VAUTestVector.message.prefix(92), with: server) }
        // 93 bytes (empty ciphertext) is structurally valid and then fails authentication.
        var minimal = Array(VAUTestVector.message.prefix(77))
        minimal += [UInt8](repeating: 0, count: 16)
        #expect(throws: TICryptoError(.decryptionFailed)) { try VAUCrypto.decrypt(minimal, with: server) }
    }

    @Test("a version byte other than 0x01 is unsupportedVersion", arguments: [0x00, 0x02, 0x04, 0xFF] as [UInt8])
    func wrongVersion(version: UInt8) throws {
        var message = VAUTestVector.message
        message[0] = version
        #expect(throws: TICryptoError(.unsupportedVersion)) { try VAUCrypto.decrypt(message, with: Self.serverKey()) }
    }

    @Test("an ephemeral point off the curve is invalidKey")
    func offCurvePoint() throws {
        var message = VAUTestVector.message
        message[64] ^= 0x01
        #expect(throws: TICryptoError(.invalidKey)) { try VAUCrypto.decrypt(message, with: Self.serverKey()) }
        var zeroPoint = VAUTestVector.message
        for index in 1..<65 { zeroPoint[index] = 0 }
        #expect(throws: TICryptoError(.invalidKey)) { try VAUCrypto.decrypt(zeroPoint, with: Self.serverKey()) }
    }

    @Test("any flipped bit in IV, ciphertext or tag is decryptionFailed")
    func flippedBits() throws {
        let server = try Self.serverKey()
        for index in 65..<VAUTestVector.message.count {
            var message = VAUTestVector.message
            message[index] ^= 0x80
            #expect(throws: TICryptoError(.decryptionFailed)) { try VAUCrypto.decrypt(message, with: server) }
        }
    }

    @Test("decrypting with another private key is decryptionFailed")
    func wrongKey() throws {
        let other = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        #expect(throws: TICryptoError(.decryptionFailed)) { try VAUCrypto.decrypt(VAUTestVector.message, with: other) }
    }

    @Test("an IV that is not 12 bytes is invalidParameter")
    func badIV() throws {
        let server = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        #expect(throws: TICryptoError(.invalidParameter)) {
            try VAUCrypto.encrypt(plaintext: [1], recipient: server.publicKey, iv: [UInt8](repeating: 0, count: 16))
        }
    }
}
