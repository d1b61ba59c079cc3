// SPDX-License-Identifier: Apache-2.0

/// The public key a certificate binds: brainpoolP256r1 (the TI curve) or P-256.
public enum CertificatePublicKey: Hashable, Sendable {
    /// A brainpoolP256r1 key (RFC 5639).
    case brainpoolP256r1(BrainpoolP256r1.Signing.PublicKey)
    /// A NIST P-256 key.
    case p256(P256.Signing.PublicKey)

    /// The DER `SubjectPublicKeyInfo` with the named curve (RFC 5480).
    public var derRepresentation: [UInt8] {
        switch self {
        case .brainpoolP256r1(let key): key.derRepresentation
        case .p256(let key): key.derRepresentation
        }
    }

    /// The uncompressed point `04 ‖ X ‖ Y`: the `subjectPublicKey` BIT STRING content.
    public var x963Representation: [UInt8] {
        switch self {
        case .brainpoolP256r1(let key): key.x963Representation
        case .p256(let key): key.x963Representation
        }
    }

    /// The key identifier of RFC 5280 §4.2.1.2 method (1): SHA-1 of the `subjectPublicKey` bits, 20 bytes; the value of
    /// the subject key identifier and of the authority key identifier in certificates the key issues.
    public var keyIdentifier: [UInt8] {
        SHA1Digest.hash(self.x963Representation)
    }
}
