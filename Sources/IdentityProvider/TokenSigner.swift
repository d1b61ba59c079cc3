// SPDX-License-Identifier: Apache-2.0

internal import TICrypto

/// Signs and checks the identity provider's own JWS (`BP256R1`, `kid` `puk_idp_sig`, `exp` also in the header, as the
/// gematik IDP does; spec/ref-impl.md C.2, C.3).
struct TokenSigner: Sendable {
    /// The `kid` of the signing key.
    static let keyID = "puk_idp_sig"

    let key: BrainpoolP256r1.Signing.PrivateKey
    let publicKey: BrainpoolP256r1.Signing.PublicKey

    init(key: BrainpoolP256r1.Signing.PrivateKey) {
        self.key = key
        self.publicKey = key.publicKey
    }

    /// The compact JWS of `claims` with `typ` and the claims' `exp` in the header.
    func sign(_ claims: JWTClaims, typ: String) throws(IdentityProviderError) -> String {
        let header = JOSEHeader(typ: typ, kid: Self.keyID, exp: claims.integer("exp"))
        do {
            return try JWS.sign(payload: claims.json, header: header, key: self.key).compactSerialization
        } catch {
            throw IdentityProviderError(.serverError, reason: "signing failed: \(error)")
        }
    }

    /// The claims of `compact` if it is a `BP256R1` JWS signed with this key; nil otherwise.
    func verifiedClaims(of compact: String) -> JWTClaims? {
        guard let jws = try? JWS(compact: compact), jws.algorithm == .bp256r1, (try? jws.verify(with: self.publicKey)) != nil else {
            return nil
        }
        return JWTClaims(payload: jws.payload)
    }
}
