// SPDX-License-Identifier: Apache-2.0

/// Keys and operations on brainpoolP256r1 (RFC 5639), the curve of the telematics infrastructure.
///
/// Shaped like swift-crypto's `P256`: `BrainpoolP256r1.Signing` for ECDSA with SHA-256, `BrainpoolP256r1.KeyAgreement` for ECDH.
/// Backed by OpenSSL 3 (gemSpec_Krypt: TI keys are brainpoolP256r1 (spec/ref-impl.md B.1, C.5)).
public enum BrainpoolP256r1: Sendable {
    /// ECDSA with SHA-256.
    public enum Signing: Sendable {}

    /// Elliptic-curve Diffie–Hellman.
    public enum KeyAgreement: Sendable {}
}
