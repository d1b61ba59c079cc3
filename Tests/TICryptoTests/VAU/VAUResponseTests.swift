// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

/// ERP-VAU response encryption with the client's AES-128 response key (gemSpec_Krypt A_20174; spec/ref-impl.md B.1).
struct VAUResponseTests {
    /// The response key of RefFD's `server/examples/task_create.plain` (spec/ref-impl.md B.4).
    private static let key = [UInt8](hexString: "0123456789ABCDEF0123456789ABCDEF")!

    @Test("seal then open returns the plaintext; layout IV ‖ ciphertext ‖ tag")
    func roundTrip() throws {
        let plaintext = Array("1 0123456789abcdef0123456789abcdef HTTP/1.1 200 OK\r\n\r\n".utf8)
        let iv = [UInt8](repeating: 0x42, count: 12)
        let sealed = try VAUResponse.seal(plaintext, key: Self.key, iv: iv)
        #expect(sealed.count == 12 + plaintext.count + 16)
        #expect(Array(sealed.prefix(12)) == iv)
        #expect(try VAUResponse.open(sealed, key: Self.key) == plaintext)
        let random = try VAUResponse.seal(plaintext, key: Self.key)
        #expect(try VAUResponse.open(random, key: Self.key) == plaintext)
    }

    @Test("tampering, a wrong key or truncation is rejected with distinct codes")
    func rejections() throws {
        let sealed = try VAUResponse.seal([1, 2, 3], key: Self.key)
        var flipped = sealed
        flipped[flipped.count - 1] ^= 0x01
        #expect(throws: TICryptoError(.decryptionFailed)) { try VAUResponse.open(flipped, key: Self.key) }
        var otherKey = Self.key
        otherKey[0] ^= 0x01
        #expect(throws: TICryptoError(.decryptionFailed)) { try VAUResponse.open(sealed, key: otherKey) }
        #expect(throws: TICryptoError(.invalidCiphertext)) { try VAUResponse.open(sealed.prefix(27), key: Self.key) }
        #expect(throws: TICryptoError(.invalidParameter)) { try VAUResponse.open(sealed, key: Array(Self.key.prefix(15))) }
        #expect(throws: TICryptoError(.invalidParameter)) { try VAUResponse.seal([1], key: Self.key + Self.key) }
        #expect(throws: TICryptoError(.invalidParameter)) { try VAUResponse.seal([1], key: Self.key, iv: [0]) }
    }
}
