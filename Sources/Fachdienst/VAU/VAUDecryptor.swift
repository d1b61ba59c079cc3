// SPDX-License-Identifier: Apache-2.0

public import TICrypto

/// The server side of the ERP-VAU request encryption: ECIES with the C.FD.ENC key (gemSpec_Krypt A_20163;
/// spec/ref-impl.md B.1), its failures mapped to ``VAUError``.
public struct VAUDecryptor: Sendable {
    private let privateKey: BrainpoolP256r1.KeyAgreement.PrivateKey

    /// Creates a decryptor for the VAU key `privateKey`.
    public init(privateKey: BrainpoolP256r1.KeyAgreement.PrivateKey) {
        self.privateKey = privateKey
    }

    /// Decrypts `0x01 ‖ X ‖ Y ‖ IV ‖ ciphertext ‖ tag`.
    /// - Returns: The plaintext.
    /// - Throws: ``VAUError`` `truncated`, `unsupportedVersion`, `invalidEphemeralKey` or `decryptionFailed`.
    public func decrypt(_ message: some Collection<UInt8>) throws(VAUError) -> [UInt8] {
        do {
            // [REQ:gemSpec_Krypt:A_20163] steps 1-3: parse, check the point on brainpoolP256r1, ECDH, HKDF, AES-GCM.
            return try VAUCrypto.decrypt(message, with: self.privateKey)
        } catch {
            switch error.code {
            case .invalidCiphertext: throw VAUError(.truncated, reason: "the message is shorter than 93 bytes")
            case .unsupportedVersion: throw VAUError(.unsupportedVersion, reason: "the version byte is not 0x01")
            case .invalidKey: throw VAUError(.invalidEphemeralKey, reason: "the ephemeral key is not a point on brainpoolP256r1")
            default: throw VAUError(.decryptionFailed, reason: "the message does not decrypt with the VAU key")
            }
        }
    }
}
