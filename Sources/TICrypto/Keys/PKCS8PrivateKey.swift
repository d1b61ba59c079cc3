// SPDX-License-Identifier: Apache-2.0

/// A private key that converts to and from DER PKCS#8, so that containers such as ``PKCS12Bundle`` can carry it.
///
/// All `TICrypto` private keys conform: `BrainpoolP256r1.Signing.PrivateKey`, `BrainpoolP256r1.KeyAgreement.PrivateKey`
/// and the `P256` counterparts.
public protocol PKCS8PrivateKey: Sendable {
    /// A key from DER PKCS#8 `PrivateKeyInfo` (implementations may also accept other DER forms).
    init(derRepresentation: some Collection<UInt8>) throws(TICryptoError)

    /// DER PKCS#8 `PrivateKeyInfo`.
    var derRepresentation: [UInt8] { get }
}
