// SPDX-License-Identifier: Apache-2.0

internal import Crypto

extension TestPKI {
    /// The identity provider's encryption key (`puk_idp_enc`, the recipient of signed challenges and key verifiers;
    /// spec/ref-impl.md C.2), derived deterministically from the private key of the `idp-sig` identity:
    /// HKDF-SHA256(IKM = the `idp-sig` scalar, salt = `erezept-test-pki-v1`, info = `idp-enc|counter`) → 32-byte scalar,
    /// counter 0, 1, … until it lies in [1, n-1].
    ///
    /// gematik publishes `puk_idp_enc` as a bare key without a certificate, so the PKI issues none; deriving it keeps
    /// `identities.json` unchanged and gives every copy of a PKI directory the same key. For tests only, like the rest.
    /// - Throws: `unknownIdentity` when the PKI has no `idp-sig` identity.
    public func idpEncryptionKey() throws(TICryptoError) -> BrainpoolP256r1.KeyAgreement.PrivateKey {
        let signer = try self.identity(named: "idp-sig")
        let inputKey = SymmetricKey(data: signer.privateKey.rawRepresentation)
        for counter in 0..<64 {
            let scalar = HKDF<SHA256>.deriveKey(
                inputKeyMaterial: inputKey,
                salt: Array("erezept-test-pki-v1".utf8),
                info: Array("idp-enc|\(counter)".utf8),
                outputByteCount: 32
            ).withUnsafeBytes { Array($0) }
            if let key = try? BrainpoolP256r1.KeyAgreement.PrivateKey(rawRepresentation: scalar) { return key }
        }
        throw TICryptoError(.invalidKey, reason: "no valid scalar derived for the IDP encryption key")
    }
}
