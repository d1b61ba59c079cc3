// SPDX-License-Identifier: Apache-2.0

/// Keys and operations on NIST P-256 (prime256v1).
///
/// Shaped like swift-crypto's `P256`: `P256.Signing` for ECDSA with SHA-256, `P256.KeyAgreement` for ECDH.
/// Backed by OpenSSL 3 (P-256 test profile (spec/ref-impl.md C.5); implemented on the same OpenSSL path as brainpool).
public enum P256: Sendable {
    /// ECDSA with SHA-256.
    public enum Signing: Sendable {}

    /// Elliptic-curve Diffie–Hellman.
    public enum KeyAgreement: Sendable {}
}
