// SPDX-License-Identifier: Apache-2.0

internal import Foundation
public import TICrypto

extension IdentityProvider {
    /// Paths below ``basePath`` (those of gematik's reference IDP, ref-idp-server `IdpConstants`).
    enum Path {
        static let discovery = "/.well-known/openid-configuration"
        static let authorization = "/sign_response"
        static let sso = "/sso_response"
        static let alternativeAuthorization = "/alt_response"
        static let pairing = "/pairings"
        static let token = "/token"
        static let jwks = "/jwks"
        static let signingKey = "/idpSig/jwk.json"
        static let encryptionKey = "/idpEnc/jwk.json"
    }

    /// The `kid` of the discovery document's signature.
    static let discoveryKeyID = "puk_disc_sig"

    /// `puk_idp_sig` with its certificate as `x5c` (gematik IDP test suite, `discoveryDocument.feature`).
    public var signingJWK: JWK {
        JWK(self.configuration.signingKey.publicKey, kid: TokenSigner.keyID, use: "sig", x5c: [self.configuration.signingCertificate.derEncoded])
    }

    /// `puk_idp_enc`, without a certificate (gematik IDP test suite, `discoveryDocument.feature`).
    public var encryptionJWK: JWK {
        JWK(self.configuration.encryptionKey.publicKey, kid: "puk_idp_enc", use: "enc")
    }

    /// The discovery document: a `BP256R1` JWS with `x5c` over the endpoints, keys and capabilities (spec/ref-impl.md
    /// C.1; gemSpec_IDP_Dienst A_20591, A_20698 as tagged in the gematik IDP test suite), valid 24 h from now.
    public func discoveryDocument() throws(IdentityProviderError) -> String {
        let iat = self.nowSeconds
        let strings: (String...) -> JOSEValue = { values in .array(values.map(JOSEValue.string)) }
        let claims = JWTClaims([
            "issuer": .string(self.configuration.issuer),
            "authorization_endpoint": .string(self.url(Path.authorization)),
            "sso_endpoint": .string(self.url(Path.sso)),
            "token_endpoint": .string(self.url(Path.token)),
            "auth_pair_endpoint": .string(self.url(Path.alternativeAuthorization)),
            "uri_pair": .string(self.url(Path.pairing)),
            "uri_disc": .string(self.url(Path.discovery)),
            "jwks_uri": .string(self.url(Path.jwks)),
            "uri_puk_idp_enc": .string(self.url(Path.encryptionKey)),
            "uri_puk_idp_sig": .string(self.url(Path.signingKey)),
            "subject_types_supported": strings("pairwise"),
            "id_token_signing_alg_values_supported": strings("BP256R1"),
            "response_types_supported": strings("code"),
            "scopes_supported": strings("openid", "e-rezept"),
            "response_modes_supported": strings("query"),
            "grant_types_supported": strings("authorization_code"),
            "acr_values_supported": strings("gematik-ehealth-loa-high"),
            "token_endpoint_auth_methods_supported": strings("none"),
            "code_challenge_methods_supported": strings(PKCE.method),
            "iat": .integer(iat),
            "nbf": .integer(iat),
            "exp": .integer(iat + Self.discoveryLifetime),
        ])
        let header = JOSEHeader(kid: Self.discoveryKeyID, x5c: [self.configuration.signingCertificate.derEncoded])
        do {
            return try JWS.sign(payload: claims.json, header: header, key: self.configuration.signingKey).compactSerialization
        } catch {
            throw IdentityProviderError(.serverError, reason: "signing the discovery document failed: \(error)")
        }
    }

    /// `{"keys": [puk_idp_enc, puk_idp_sig]}`.
    var jwksJSON: [UInt8] {
        JWTClaims(["keys": .array([.object(self.encryptionJWK.jsonObject), .object(self.signingJWK.jsonObject)])]).json
    }
}
