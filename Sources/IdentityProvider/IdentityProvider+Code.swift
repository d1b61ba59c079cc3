// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import TICrypto

extension IdentityProvider {
    /// The authorization code: a `BP256R1` JWS of the challenge's request values and the card identity, encrypted
    /// `dir`/`A256GCM` under this instance's code key, valid 60 s (ref-idp-server `tokenFlow.md` "Authorization Code").
    func issueCode(challenge: JWTClaims, identity: CardIdentity) throws(IdentityProviderError) -> String {
        let iat = self.nowSeconds
        var claims = JWTClaims([
            "iss": .string(self.configuration.issuer),
            "iat": .integer(iat),
            "nbf": .integer(iat),
            "exp": .integer(iat + Self.codeLifetime),
            "auth_time": .integer(iat),
            "token_type": .string("code"),
            "jti": .string(Self.randomIdentifier()),
            "snc": .string(Self.randomIdentifier()),
            "response_type": .string("code"),
            "code_challenge_method": .string(PKCE.method),
            "amr": Self.authenticationMethods,
        ])
        for name in ["client_id", "redirect_uri", "state", "nonce", "scope", "code_challenge"] {
            claims[name] = challenge[name]
        }
        identity.write(to: &claims)
        let jws = try self.signer.sign(claims, typ: "JWT")
        return try NestedToken.encrypt(jws, key: self.codeKey, exp: claims.integer("exp"))
    }

    /// The claims of a code this instance issued and that has not expired; it is not yet marked as used.
    /// - Throws: `codeInvalid` when it cannot be decrypted or verified, `codeExpired` after its `exp`.
    func openCode(_ code: String) throws(IdentityProviderError) -> JWTClaims {
        guard let jwe = try? JWE(compact: code), let plaintext = try? jwe.decrypt(directKey: self.codeKey),
            let jws = NestedToken.njwt(in: plaintext), let claims = self.signer.verifiedClaims(of: jws),
            claims.string("token_type") == "code", claims.integer("exp") != nil, claims.string("jti") != nil
        else {
            throw IdentityProviderError(.codeInvalid, reason: "the code was not issued by this IDP")
        }
        guard let exp = claims.integer("exp"), self.nowSeconds <= exp else { throw IdentityProviderError(.codeExpired) }
        return claims
    }

    /// `amr` of a card login (spec/ref-impl.md C.3).
    static let authenticationMethods: JOSEValue = .array([.string("mfa"), .string("sc"), .string("pin")])
}
