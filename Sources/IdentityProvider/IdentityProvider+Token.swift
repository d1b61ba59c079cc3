// SPDX-License-Identifier: Apache-2.0

internal import Crypto
internal import Foundation
internal import TICrypto

extension IdentityProvider {
    /// The level of assurance of a card login (spec/ref-impl.md C.3).
    static let acr = "gematik-ehealth-loa-high"

    /// Answers a token request (spec/ref-impl.md C.2 steps 4–5) with
    /// `{"expires_in": 300, "token_type": "Bearer", "access_token": <JWE>, "id_token": <JWE>}`.
    ///
    /// The checks follow the order and codes of the gematik IDP test suite (`getTokenWithSignedChallenge.feature`):
    /// `grant_type`, `client_id`, `redirect_uri`, `code`, `key_verifier`; then the code (this IDP's, not expired,
    /// issued to this client and redirect URI), the key verifier (`token_key`, `code_verifier`), single use of the code,
    /// and PKCE (RFC 7636 §4.6).
    func exchange(_ parameters: FormParameters) throws(IdentityProviderError) -> [UInt8] {
        guard let grantType = parameters["grant_type"] else { throw IdentityProviderError(.grantTypeMissing) }
        guard grantType == "authorization_code" else { throw IdentityProviderError(.grantTypeUnsupported) }
        guard let clientID = parameters["client_id"] else { throw IdentityProviderError(.clientIDMissing) }
        guard let client = self.configuration.clients.first(where: { $0.clientID == clientID }) else {
            throw IdentityProviderError(.tokenClientInvalid, reason: "client_id \(clientID) is not registered")
        }
        guard let redirectURI = parameters["redirect_uri"] else { throw IdentityProviderError(.redirectURIMissing) }
        guard let code = parameters["code"] else { throw IdentityProviderError(.codeMissing) }
        guard let keyVerifier = parameters["key_verifier"] else { throw IdentityProviderError(.keyVerifierMissing) }

        let claims = try self.openCode(code)
        guard claims.string("client_id") == client.clientID else {
            throw IdentityProviderError(.tokenClientInvalid, reason: "the code was issued to another client")
        }
        guard claims.string("redirect_uri") == redirectURI, redirectURI == client.redirectURI else {
            throw IdentityProviderError(.redirectURIInvalid, reason: "redirect_uri differs from the code's")
        }
        let (tokenKey, verifier) = try self.openKeyVerifier(keyVerifier)
        guard let jti = claims.string("jti"), let exp = claims.integer("exp"),
            self.usedCodes.redeem(jti, expiry: Date(timeIntervalSince1970: TimeInterval(exp)), now: self.configuration.now())
        else {
            throw IdentityProviderError(.codeReused)
        }
        guard PKCE.challenge(for: verifier) == claims.string("code_challenge") else { throw IdentityProviderError(.codeVerifierMismatch) }

        let identity = try CardIdentity(claims: claims)
        let accessToken = try self.signer.sign(self.accessTokenClaims(code: claims, identity: identity), typ: "at+JWT")
        let idToken = try self.signer.sign(self.idTokenClaims(code: claims, identity: identity, accessToken: accessToken), typ: "JWT")
        let expiry = self.nowSeconds + Self.tokenLifetime
        return JWTClaims([
            "expires_in": .integer(Self.tokenLifetime),
            "token_type": .string("Bearer"),
            "access_token": .string(try NestedToken.encrypt(accessToken, key: tokenKey, exp: expiry)),
            "id_token": .string(try NestedToken.encrypt(idToken, key: tokenKey, exp: expiry)),
        ]).json
    }

    /// `token_key` (32 bytes) and `code_verifier` from the `ECDH-ES` JWE `key_verifier`.
    private func openKeyVerifier(_ text: String) throws(IdentityProviderError) -> (tokenKey: [UInt8], verifier: String) {
        guard let jwe = try? JWE(compact: text), let plaintext = try? jwe.decrypt(with: self.configuration.encryptionKey),
            let payload = JWTClaims(payload: plaintext)
        else {
            throw IdentityProviderError(.keyVerifierInvalid, reason: "key_verifier is no JWE to puk_idp_enc holding JSON")
        }
        guard let encodedKey = payload.string("token_key") else { throw IdentityProviderError(.tokenKeyMissing) }
        guard let tokenKey = Self.decodeTokenKey(encodedKey) else { throw IdentityProviderError(.tokenKeyInvalid) }
        guard let verifier = payload.string("code_verifier") else { throw IdentityProviderError(.codeVerifierMissing) }
        guard PKCE.isValidVerifier(verifier) else { throw IdentityProviderError(.codeVerifierInvalid) }
        return (tokenKey, verifier)
    }

    /// 32 bytes from base64url (spec/ref-impl.md C.2) or, as some clients send it, padded standard base64.
    private static func decodeTokenKey(_ text: String) -> [UInt8]? {
        if let bytes = try? Base64URL.decode(text), bytes.count == 32 { return bytes }
        if let data = Data(base64Encoded: text), data.count == 32 { return Array(data) }
        return nil
    }

    /// The pairwise subject: `BASE64URL(SHA-256(aud ‖ idNummer ‖ salt))` (spec/ref-impl.md C.3).
    func subject(idNumber: String) -> String {
        Base64URL.encode(SHA256.hash(data: Array((self.configuration.audience + idNumber + self.configuration.subjectSalt).utf8)))
    }

    /// The claims every token of this login shares.
    private func commonClaims(code: JWTClaims, identity: CardIdentity) -> JWTClaims {
        let iat = self.nowSeconds
        var claims = JWTClaims([
            "iss": .string(self.configuration.issuer),
            "sub": .string(self.subject(idNumber: identity.idNumber)),
            "acr": .string(Self.acr),
            "amr": Self.authenticationMethods,
            "azp": code["client_id"] ?? .null,
            "auth_time": code["auth_time"] ?? .integer(iat),
            "iat": .integer(iat),
            "exp": .integer(iat + Self.tokenLifetime),
            "jti": .string(Self.randomIdentifier()),
        ])
        identity.write(to: &claims)
        claims.set("display_name", identity.displayName)
        return claims
    }

    /// Access-token claims (spec/ref-impl.md C.3): `aud` is the Fachdienst's audience.
    private func accessTokenClaims(code: JWTClaims, identity: CardIdentity) -> JWTClaims {
        var claims = self.commonClaims(code: code, identity: identity)
        claims.set("aud", self.configuration.audience)
        claims["client_id"] = code["client_id"]
        claims["scope"] = code["scope"]
        return claims
    }

    /// ID-token claims (ref-idp-server `tokenFlow.md`): `aud` is the client, with `nonce` and `at_hash` (OpenID
    /// Connect Core §3.1.3.6: left half of SHA-256 of the access token, base64url).
    private func idTokenClaims(code: JWTClaims, identity: CardIdentity, accessToken: String) -> JWTClaims {
        var claims = self.commonClaims(code: code, identity: identity)
        claims["aud"] = code["client_id"]
        claims["nonce"] = code["nonce"]
        claims.set("at_hash", Base64URL.encode(SHA256.hash(data: Array(accessToken.utf8)).prefix(16)))
        return claims
    }
}
