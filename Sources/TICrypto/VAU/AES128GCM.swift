// SPDX-License-Identifier: Apache-2.0

internal import Crypto

/// AES-128-GCM with a 12-byte IV, a 16-byte tag and no AAD, as both directions of ERP-VAU use it
/// (gemSpec_Krypt A_20161-01, A_20174; spec/ref-impl.md B.1). Output layout `IV ‖ ciphertext ‖ tag`.
enum AES128GCM {
    static let keyByteCount = 16
    static let ivByteCount = 12
    static let tagByteCount = 16

    /// `IV ‖ ciphertext ‖ tag`; a random IV unless `iv` is given.
    static func seal(_ plaintext: [UInt8], key: [UInt8], iv: [UInt8]?) throws(TICryptoError) -> [UInt8] {
        try self.checkKey(key)
        do {
            let nonce = try iv.map { (bytes) throws(TICryptoError) in try self.nonce(bytes) } ?? AES.GCM.Nonce()
            let box = try AES.GCM.seal(plaintext, using: SymmetricKey(data: key), nonce: nonce)
            return Array(nonce) + Array(box.ciphertext) + Array(box.tag)
        } catch let error as TICryptoError {
            throw error
        } catch {
            throw TICryptoError(.openSSL, reason: "AES-GCM seal failed: \(error)")
        }
    }

    /// Opens `IV ‖ ciphertext ‖ tag`.
    /// - Throws: `invalidCiphertext` when shorter than IV and tag, `decryptionFailed` when the tag does not verify.
    static func open(_ message: ArraySlice<UInt8>, key: [UInt8]) throws(TICryptoError) -> [UInt8] {
        try self.checkKey(key)
        guard message.count >= self.ivByteCount + self.tagByteCount else {
            throw TICryptoError(.invalidCiphertext, reason: "AES-GCM message of \(message.count) bytes is shorter than IV and tag")
        }
        let ivEnd = message.startIndex + self.ivByteCount
        let tagStart = message.endIndex - self.tagByteCount
        do {
            let box = try AES.GCM.SealedBox(
                nonce: try self.nonce(Array(message[message.startIndex..<ivEnd])),
                ciphertext: message[ivEnd..<tagStart],
                tag: message[tagStart...]
            )
            return Array(try AES.GCM.open(box, using: SymmetricKey(data: key)))
        } catch {
            throw TICryptoError(.decryptionFailed, reason: "AES-GCM authentication failed")
        }
    }

    private static func checkKey(_ key: [UInt8]) throws(TICryptoError) {
        guard key.count == self.keyByteCount else {
            throw TICryptoError(.invalidParameter, reason: "expected a 16-byte AES-128 key, got \(key.count) bytes")
        }
    }

    private static func nonce(_ iv: [UInt8]) throws(TICryptoError) -> AES.GCM.Nonce {
        guard iv.count == self.ivByteCount, let nonce = try? AES.GCM.Nonce(data: iv) else {
            throw TICryptoError(.invalidParameter, reason: "expected a 12-byte IV, got \(iv.count) bytes")
        }
        return nonce
    }
}
