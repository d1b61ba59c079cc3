// SPDX-License-Identifier: Apache-2.0

internal import Crypto

/// AES-256-GCM with a 12-byte IV, a 16-byte tag and additional authenticated data: JWE `enc: A256GCM`
/// (RFC 7518 §5.3), where the AAD is the ASCII of the base64url protected header (RFC 7516 §5.1 step 14).
enum AES256GCM {
    static let keyByteCount = 32
    static let ivByteCount = 12
    static let tagByteCount = 16

    /// Ciphertext and tag of `plaintext`.
    /// - Throws: `invalidParameter` for a key other than 32 bytes or an IV other than 12 bytes; `openSSL` if sealing fails.
    static func seal(
        _ plaintext: [UInt8],
        key: [UInt8],
        iv: [UInt8],
        aad: [UInt8]
    ) throws(TICryptoError) -> (ciphertext: [UInt8], tag: [UInt8]) {
        let symmetricKey = try self.symmetricKey(key)
        let nonce = try self.nonce(iv)
        do {
            let box = try AES.GCM.seal(plaintext, using: symmetricKey, nonce: nonce, authenticating: aad)
            return (Array(box.ciphertext), Array(box.tag))
        } catch {
            throw TICryptoError(.openSSL, reason: "AES-256-GCM seal failed: \(error)")
        }
    }

    /// The plaintext; the tag is checked by AES-GCM itself (in constant time).
    /// - Throws: `invalidParameter` for a wrong key or IV size, `decryptionFailed` when the tag does not verify.
    static func open(
        ciphertext: [UInt8],
        tag: [UInt8],
        key: [UInt8],
        iv: [UInt8],
        aad: [UInt8]
    ) throws(TICryptoError) -> [UInt8] {
        let symmetricKey = try self.symmetricKey(key)
        let nonce = try self.nonce(iv)
        do {
            let box = try AES.GCM.SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag)
            return Array(try AES.GCM.open(box, using: symmetricKey, authenticating: aad))
        } catch {
            throw TICryptoError(.decryptionFailed, reason: "AES-256-GCM authentication failed")
        }
    }

    /// A fresh random IV.
    static func randomIV() -> [UInt8] {
        Array(AES.GCM.Nonce())
    }

    private static func symmetricKey(_ key: [UInt8]) throws(TICryptoError) -> SymmetricKey {
        guard key.count == self.keyByteCount else {
            throw TICryptoError(.invalidParameter, reason: "A256GCM needs a 32-byte key, got \(key.count) bytes")
        }
        return SymmetricKey(data: key)
    }

    private static func nonce(_ iv: [UInt8]) throws(TICryptoError) -> AES.GCM.Nonce {
        guard iv.count == self.ivByteCount, let nonce = try? AES.GCM.Nonce(data: iv) else {
            throw TICryptoError(.invalidParameter, reason: "A256GCM needs a 12-byte IV, got \(iv.count) bytes")
        }
        return nonce
    }
}
