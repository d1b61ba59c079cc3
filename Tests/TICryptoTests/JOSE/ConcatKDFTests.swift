// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

/// The Concat KDF of RFC 7518 §4.6.2 against the worked ECDH-ES example of RFC 7518 Appendix C.
struct ConcatKDFTests {
    /// RFC 7518 Appendix C: Alice (ephemeral) and Bob on P-256, apu "Alice", apv "Bob", enc A128GCM.
    enum RFC7518C {
        static let aliceX = "gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0"
        static let aliceY = "SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps"
        static let aliceD = "0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo"
        static let bobX = "weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ"
        static let bobY = "e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck"
        static let bobD = "VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw"
        static let z: [UInt8] = [
            158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156,
            251, 49, 110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
        ]
        static let derivedKey: [UInt8] = [86, 170, 141, 234, 248, 35, 109, 32, 92, 34, 40, 205, 113, 167, 16, 26]
        static let derivedKeyBase64URL = "VqqN6vgjbSBcIijNcacQGg"
    }

    @Test("RFC 7518 Appendix C: the keys agree on Z and the Concat KDF yields the derived key exactly")
    func rfc7518AppendixC() throws {
        let alice = try P256.KeyAgreement.PrivateKey(rawRepresentation: Base64URL.decode(RFC7518C.aliceD))
        let bob = try P256.KeyAgreement.PrivateKey(rawRepresentation: Base64URL.decode(RFC7518C.bobD))
        #expect(JWK(alice.publicKey) == (try JWK(curve: .p256, x: Base64URL.decode(RFC7518C.aliceX), y: Base64URL.decode(RFC7518C.aliceY))))
        #expect(JWK(bob.publicKey) == (try JWK(curve: .p256, x: Base64URL.decode(RFC7518C.bobX), y: Base64URL.decode(RFC7518C.bobY))))
        let z = try alice.sharedSecret(with: bob.publicKey)
        #expect(z == RFC7518C.z)
        #expect(try bob.sharedSecret(with: alice.publicKey) == RFC7518C.z)
        let key = try ConcatKDF.deriveKey(
            sharedSecret: z,
            algorithmID: "A128GCM",
            partyUInfo: Array("Alice".utf8),
            partyVInfo: Array("Bob".utf8),
            keyBitLength: 128
        )
        #expect(key == RFC7518C.derivedKey)
        #expect(Base64URL.encode(key) == RFC7518C.derivedKeyBase64URL)
    }

    @Test("longer keys take further SHA-256 rounds whose first block is the 256-bit key")
    func multipleRounds() throws {
        let z = [UInt8](repeating: 0x42, count: 32)
        let short = try ConcatKDF.deriveKey(sharedSecret: z, algorithmID: "X", keyBitLength: 256)
        let long = try ConcatKDF.deriveKey(sharedSecret: z, algorithmID: "X", keyBitLength: 512)
        #expect(short.count == 32 && long.count == 64)
        // SuppPubInfo (the key length) is part of OtherInfo, so the prefixes differ.
        #expect(Array(long.prefix(32)) != short)
        #expect(try ConcatKDF.deriveKey(sharedSecret: z, algorithmID: "X", keyBitLength: 8).count == 1)
    }

    @Test("a key length that is not a positive multiple of 8 up to 8192 bits is refused", arguments: [0, -8, 7, 129, 8200])
    func keyLength(bits: Int) {
        #expect(throws: TICryptoError(.invalidParameter)) {
            try ConcatKDF.deriveKey(sharedSecret: [1], algorithmID: "A256GCM", keyBitLength: bits)
        }
    }
}
