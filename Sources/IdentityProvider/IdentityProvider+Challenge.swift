// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import TICrypto

extension IdentityProvider {
    /// The `user_consent` of a challenge answer (ref-idp-server `tokenFlow.md`).
    static let userConsent: JOSEValue = .object([
        "requested_scopes": .object([
            "openid": .string("Zugriff auf den ID-Token."),
            "e-rezept": .string("Zugriff auf die E-Rezept-Funktionalität."),
        ]),
        "requested_claims": .object([
            "professionOID": .string("Zustimmung zur Verarbeitung der Rolle"),
            "idNummer": .string("Zustimmung zur Verarbeitung der Id (z.B. Krankenversichertennummer, Telematik-Id)"),
            "given_name": .string("Zustimmung zur Verarbeitung des Vornamens"),
            "family_name": .string("Zustimmung zur Verarbeitung des Nachnamens"),
            "organizationName": .string("Zustimmung zur Verarbeitung der Organisationszugehörigkeit"),
        ]),
    ])

    /// The answer to a valid authorization request: `{"challenge": <JWS>, "user_consent": {…}}`.
    ///
    /// The challenge is a `BP256R1` JWS valid for three minutes that carries every request value the later steps need
    /// (spec/ref-impl.md C.2 step 2; ref-idp-server `tokenFlow.md` "Challenge Token").
    func challengeAnswer(for request: AuthorizationRequest) throws(IdentityProviderError) -> [UInt8] {
        let iat = self.nowSeconds
        var claims = JWTClaims([
            "iss": .string(self.configuration.issuer),
            "iat": .integer(iat),
            "exp": .integer(iat + Self.challengeLifetime),
            "token_type": .string("challenge"),
            "jti": .string(Self.randomIdentifier()),
            "snc": .string(Self.randomIdentifier()),
            "scope": .string(request.scope),
            "code_challenge": .string(request.codeChallenge),
            "code_challenge_method": .string(PKCE.method),
            "response_type": .string("code"),
            "redirect_uri": .string(request.client.redirectURI),
            "client_id": .string(request.client.clientID),
            "state": .string(request.state),
        ])
        claims.set("nonce", request.nonce)
        let challenge = try self.signer.sign(claims, typ: "JWT")
        return JWTClaims(["challenge": .string(challenge), "user_consent": Self.userConsent]).json
    }

    /// The claims of a challenge this IDP issued and that has not expired.
    /// - Throws: `challengeInvalid` when it is no JWS of this IDP (tampered, foreign) or no challenge;
    ///   `challengeExpiryMissing` without `exp`; `challengeExpired` after `exp` (A_20314-01 as tagged by gematik).
    func verifiedChallenge(_ compact: String) throws(IdentityProviderError) -> JWTClaims {
        guard let claims = self.signer.verifiedClaims(of: compact), claims.string("token_type") == "challenge" else {
            throw IdentityProviderError(.challengeInvalid, reason: "the challenge was not signed by this IDP")
        }
        guard let exp = claims.integer("exp") else { throw IdentityProviderError(.challengeExpiryMissing) }
        guard self.nowSeconds <= exp else { throw IdentityProviderError(.challengeExpired) }
        return claims
    }
}
