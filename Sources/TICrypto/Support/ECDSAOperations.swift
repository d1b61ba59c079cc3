// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL
internal import Crypto

/// ECDSA over a SHA-256 digest with OpenSSL, shared by both curves.
enum ECDSAOperations {
    /// The SHA-256 digest of `message`.
    static func digest(_ message: some Collection<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Array(message))
        return Array(hasher.finalize())
    }

    /// Signs a 32-byte SHA-256 digest.
    static func sign(digest: [UInt8], with key: ECPrivateKeyImpl) throws(TICryptoError) -> ECDSASignature {
        try self.checkDigest(digest)
        let context = try key.key.makeContext()
        guard EVP_PKEY_sign_init(context.pointer) == 1 else {
            throw .openSSLFailure(.openSSL, "EVP_PKEY_sign_init failed")
        }
        var length = Int(EVP_PKEY_get_size(key.key.pointer))
        var output = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_sign(context.pointer, &output, &length, digest, digest.count) == 1 else {
            throw .openSSLFailure(.openSSL, "EVP_PKEY_sign failed")
        }
        return try ECDSASignature(derRepresentation: output.prefix(length))
    }

    /// Verifies `signature` over a 32-byte SHA-256 digest; false for a wrong digest length or any failure.
    static func verify(_ signature: ECDSASignature, digest: [UInt8], with key: ECPublicKeyImpl) -> Bool {
        defer { OpenSSLErrorQueue.clear() }
        guard digest.count == SHA256.byteCount, let context = try? key.key.makeContext(),
            EVP_PKEY_verify_init(context.pointer) == 1
        else {
            return false
        }
        let der = signature.derRepresentation
        return EVP_PKEY_verify(context.pointer, der, der.count, digest, digest.count) == 1
    }

    /// Throws `invalidParameter` unless `digest` has 32 bytes.
    static func checkDigest(_ digest: [UInt8]) throws(TICryptoError) {
        guard digest.count == SHA256.byteCount else {
            throw TICryptoError(.invalidParameter, reason: "expected a 32-byte SHA-256 digest, got \(digest.count) bytes")
        }
    }
}
