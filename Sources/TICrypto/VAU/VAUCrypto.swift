// SPDX-License-Identifier: Apache-2.0

internal import Crypto

/// ECIES of the E-Rezept VAU channel, request direction ("ERP-VAU", gemSpec_Krypt A_20161-01 client side,
/// A_20163 server side; parameters in spec/ref-impl.md B.1, test vector in B.4).
///
/// Message layout: `0x01 ‖ X(32) ‖ Y(32) ‖ IV(12) ‖ AES-128-GCM ciphertext ‖ tag(16)`, where (X, Y) is the client's
/// ephemeral brainpoolP256r1 key and the AES key is HKDF-SHA256(ECDH X coordinate, salt empty,
/// info "ecies-vau-transport", 16 bytes). No AAD.
public enum VAUCrypto {
    /// The version byte that replaces the `0x04` of the uncompressed ephemeral point.
    public static let version: UInt8 = 0x01

    /// The shortest valid message: version, point, IV and tag around an empty ciphertext (1 + 64 + 12 + 16 bytes).
    public static let minimumMessageByteCount = 1 + 64 + 12 + 16

    private static let hkdfInfo = Array("ecies-vau-transport".utf8)

    /// Encrypts `plaintext` for the VAU key `recipient`.
    /// - Parameters:
    ///   - plaintext: The inner request (`"1" SP token SP request-id SP response-key SP HTTP request`).
    ///   - recipient: The VAU's public encryption key (from the C.FD.ENC certificate).
    ///   - ephemeralKey: The client's ephemeral key; a fresh one when nil. Pass one only for test vectors.
    ///   - iv: The 12-byte IV; random when nil. Pass one only for test vectors.
    /// - Returns: `0x01 ‖ X ‖ Y ‖ IV ‖ ciphertext ‖ tag`.
    /// - Throws: `invalidParameter` for an IV that is not 12 bytes; `openSSL` if key generation or ECDH fails.
    public static func encrypt(
        plaintext: some Collection<UInt8>,
        recipient: BrainpoolP256r1.KeyAgreement.PublicKey,
        ephemeralKey: BrainpoolP256r1.KeyAgreement.PrivateKey? = nil,
        iv: [UInt8]? = nil
    ) throws(TICryptoError) -> [UInt8] {
        // [REQ:gemSpec_Krypt:A_20161-01] steps: ephemeral key, ECDH, HKDF, AES-GCM, serialise.
        let ephemeral: BrainpoolP256r1.KeyAgreement.PrivateKey
        if let ephemeralKey {
            ephemeral = ephemeralKey
        } else {
            ephemeral = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        }
        let key = try self.contentKey(ephemeral.sharedSecret(with: recipient))
        let sealed = try AES128GCM.seal(Array(plaintext), key: key, iv: iv)
        return [self.version] + ephemeral.publicKey.rawRepresentation + sealed
    }

    /// Decrypts a VAU request with the VAU's private key.
    /// - Returns: The plaintext.
    /// - Throws: `invalidCiphertext` when shorter than 93 bytes; `unsupportedVersion` when the first byte is not 0x01;
    ///   `invalidKey` when the ephemeral point is not on brainpoolP256r1; `decryptionFailed` when the tag does not verify.
    public static func decrypt(
        _ message: some Collection<UInt8>,
        with privateKey: BrainpoolP256r1.KeyAgreement.PrivateKey
    ) throws(TICryptoError) -> [UInt8] {
        // [REQ:gemSpec_Krypt:A_20163] server side: parse, check the point, ECDH, HKDF, AES-GCM open.
        let bytes = Array(message)
        guard bytes.count >= self.minimumMessageByteCount else {
            throw TICryptoError(.invalidCiphertext, reason: "VAU message of \(bytes.count) bytes is shorter than 93 bytes")
        }
        guard bytes[0] == self.version else {
            throw TICryptoError(.unsupportedVersion, reason: "VAU version byte is \(bytes[0]), expected 1")
        }
        let ephemeral = try BrainpoolP256r1.KeyAgreement.PublicKey(rawRepresentation: bytes[1..<65])
        let key = try self.contentKey(privateKey.sharedSecret(with: ephemeral))
        return try AES128GCM.open(bytes[65...], key: key)
    }

    /// HKDF-SHA256 over the 32-byte shared secret, empty salt, info "ecies-vau-transport", 16 bytes.
    private static func contentKey(_ sharedSecret: [UInt8]) -> [UInt8] {
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: sharedSecret),
            salt: [UInt8](),
            info: self.hkdfInfo,
            outputByteCount: AES128GCM.keyByteCount
        )
        return key.withUnsafeBytes { Array($0) }
    }
}
