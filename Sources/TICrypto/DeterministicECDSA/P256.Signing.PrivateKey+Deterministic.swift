// SPDX-License-Identifier: Apache-2.0

extension P256.Signing.PrivateKey {
    /// Signs SHA-256(`message`) with deterministic ECDSA (RFC 6979): the same key and message always give the same
    /// signature, which verifies like any other (``P256/Signing/PublicKey/isValidSignature(_:for:)``).
    /// - Throws: `openSSL` if OpenSSL fails.
    public func deterministicSignature(for message: some Collection<UInt8>) throws(TICryptoError) -> ECDSASignature {
        try RFC6979.sign(digest: ECDSAOperations.digest(message), with: self.impl)
    }

    /// Signs a precomputed SHA-256 digest with deterministic ECDSA (RFC 6979).
    /// - Throws: `invalidParameter` unless `digest` has 32 bytes; `openSSL` if OpenSSL fails.
    public func deterministicSignature(forSHA256Digest digest: some Sequence<UInt8>) throws(TICryptoError) -> ECDSASignature {
        try RFC6979.sign(digest: Array(digest), with: self.impl)
    }
}
