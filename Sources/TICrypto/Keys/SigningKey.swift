// SPDX-License-Identifier: Apache-2.0

/// An ECDSA private key of either curve, as certificates and OCSP responses are signed with it (ecdsa-with-SHA256,
/// RFC 5758 §3.2).
public enum SigningKey: Sendable {
    /// A brainpoolP256r1 key (RFC 5639), the TI curve.
    case brainpoolP256r1(BrainpoolP256r1.Signing.PrivateKey)
    /// A NIST P-256 key.
    case p256(P256.Signing.PrivateKey)

    /// The matching public key.
    public var publicKey: CertificatePublicKey {
        switch self {
        case .brainpoolP256r1(let key): .brainpoolP256r1(key.publicKey)
        case .p256(let key): .p256(key.publicKey)
        }
    }

    /// Signs the SHA-256 `digest`; with `deterministic` the nonce follows RFC 6979, so the signature is reproducible.
    func signature(forSHA256Digest digest: [UInt8], deterministic: Bool) throws(TICryptoError) -> ECDSASignature {
        switch (self, deterministic) {
        case (.brainpoolP256r1(let key), true): try key.deterministicSignature(forSHA256Digest: digest)
        case (.brainpoolP256r1(let key), false): try key.signature(forSHA256Digest: digest)
        case (.p256(let key), true): try key.deterministicSignature(forSHA256Digest: digest)
        case (.p256(let key), false): try key.signature(forSHA256Digest: digest)
        }
    }
}
