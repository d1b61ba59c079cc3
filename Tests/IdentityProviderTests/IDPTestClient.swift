// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing

/// A client of the gematik IDP flow written against docs/idp.md: discovery, challenge, signed challenge, token
/// exchange, and decryption of the answer.
struct IDPTestClient: Sendable {
    let client: any TestClientProtocol
    let publicURL: String

    /// The verified discovery document and the keys it points to.
    struct Discovery: Sendable {
        let claims: [String: JOSEValue]
        let signer: TelematikCertificate
        let signingKey: BrainpoolP256r1.Signing.PublicKey
        let encryptionKey: BrainpoolP256r1.KeyAgreement.PublicKey
    }

    /// A PKCE pair.
    struct Verifier: Sendable {
        let verifier: String
        let challenge: String

        init() {
            self.verifier = Base64URL.encode(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
            self.challenge = Base64URL.encode(SHA256.hash(data: Array(self.verifier.utf8)))
        }
    }

    static func json(_ response: TestResponse) throws -> [String: JOSEValue] {
        try JSONDecoder().decode([String: JOSEValue].self, from: Data(Array(buffer: response.body)))
    }

    static func claims(of jws: JWS) throws -> [String: JOSEValue] {
        try JSONDecoder().decode([String: JOSEValue].self, from: Data(jws.payload))
    }

    /// The query parameters of a `Location` header.
    static func query(of location: String) throws -> [String: String] {
        let components = try #require(URLComponents(string: location))
        return Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    /// The path of an absolute URL of this server.
    func path(_ url: String?) throws -> String {
        let url = try #require(url)
        #expect(url.hasPrefix(self.publicURL))
        return String(url.dropFirst(self.publicURL.count))
    }

    /// Fetches and verifies the discovery document (signature with `x5c[0]`, which must chain to `trustStore`), then
    /// fetches `puk_idp_sig` and `puk_idp_enc`.
    func discover(trustStore: TrustStore, now: Date) async throws -> Discovery {
        let response = try await self.client.execute(uri: "/idp/.well-known/openid-configuration", method: .get)
        #expect(response.status == .ok)
        let jws = try JWS(compact: String(buffer: response.body))
        #expect(jws.algorithm == .bp256r1)
        let signer = try TelematikCertificate(derEncoded: try #require(jws.header.x5c?.first))
        _ = try CertificatePathValidator(trustStore: trustStore, policy: CertificatePolicy(revocationMode: .notChecked)).validate(signer, at: now)
        let signerKey = try BrainpoolP256r1.Signing.PublicKey(x963Representation: signer.subjectPublicKeyInfo.publicKey)
        try jws.verify(with: signerKey)
        let claims = try Self.claims(of: jws)

        let sigResponse = try await self.client.execute(uri: try self.path(claims["uri_puk_idp_sig"]?.stringValue), method: .get)
        let sigJWK = try JWK(json: Array(buffer: sigResponse.body))
        #expect(sigJWK.kid == "puk_idp_sig" && sigJWK.use == "sig")
        #expect(sigJWK.x5c?.first == signer.derEncoded)
        let encResponse = try await self.client.execute(uri: try self.path(claims["uri_puk_idp_enc"]?.stringValue), method: .get)
        let encJWK = try JWK(json: Array(buffer: encResponse.body))
        #expect(encJWK.kid == "puk_idp_enc" && encJWK.use == "enc")
        return Discovery(
            claims: claims,
            signer: signer,
            signingKey: try BrainpoolP256r1.Signing.PublicKey(jwk: sigJWK),
            encryptionKey: try BrainpoolP256r1.KeyAgreement.PublicKey(jwk: encJWK)
        )
    }

    /// `GET authorization_endpoint` with the given parameters (nil leaves one out).
    func authorize(
        clientID: String? = "gematikTestPs",
        redirectURI: String? = "http://test-ps.gematik.de/erezept",
        state: String? = "state-1",
        nonce: String? = "nonce-1",
        codeChallenge: String?,
        method: String? = "S256",
        scope: String? = "openid e-rezept",
        responseType: String? = "code"
    ) async throws -> TestResponse {
        let items: [(String, String?)] = [
            ("client_id", clientID), ("response_type", responseType), ("redirect_uri", redirectURI), ("state", state),
            ("code_challenge", codeChallenge), ("code_challenge_method", method), ("scope", scope), ("nonce", nonce),
        ]
        var components = URLComponents()
        components.queryItems = items.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        let query = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return try await self.client.execute(uri: "/idp/sign_response?" + query, method: .get)
    }

    /// The challenge JWS of a successful authorization answer, verified with `key`.
    static func challenge(of response: TestResponse, key: BrainpoolP256r1.Signing.PublicKey) throws -> String {
        #expect(response.status == .ok)
        let body = try Self.json(response)
        #expect(body["user_consent"]?.objectValue?["requested_claims"] != nil)
        let challenge = try #require(body["challenge"]?.stringValue)
        try JWS(compact: challenge).verify(with: key)
        return challenge
    }

    /// The signed challenge: `challenge` signed by `identity`'s card key as `NJWT` with `x5c`, encrypted to `key`.
    static func signedChallenge(_ challenge: String, identity: TestPKI.Identity, to key: BrainpoolP256r1.KeyAgreement.PublicKey) throws -> String {
        let header = JOSEHeader(typ: "JWT", cty: "NJWT", x5c: [identity.certificate.derEncoded])
        let inner = try JWS.sign(payload: Self.object(["njwt": challenge]), header: header, key: identity.privateKey)
        let exp = try Self.claims(of: JWS(compact: challenge))["exp"]?.integerValue
        return try JWE.encrypt(Self.object(["njwt": inner.compactSerialization]), header: JOSEHeader(cty: "NJWT", exp: exp), recipient: key)
            .compactSerialization
    }

    static func object(_ members: [String: String]) throws -> [UInt8] {
        Array(try JSONEncoder().encode(members))
    }

    static func form(_ values: [(String, String?)]) -> ByteBuffer {
        var components = URLComponents()
        components.queryItems = values.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        return ByteBuffer(string: (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// `POST authorization_endpoint` with `signed_challenge`.
    func postSignedChallenge(_ signedChallenge: String?) async throws -> TestResponse {
        try await self.client.execute(
            uri: "/idp/sign_response",
            method: .post,
            headers: Self.formHeaders,
            body: Self.form([("signed_challenge", signedChallenge)])
        )
    }

    /// The `key_verifier` JWE of `tokenKey` and `verifier`.
    static func keyVerifier(tokenKey: [UInt8], verifier: String, to key: BrainpoolP256r1.KeyAgreement.PublicKey) throws -> String {
        try JWE.encrypt(
            try Self.object(["token_key": Base64URL.encode(tokenKey), "code_verifier": verifier]),
            header: JOSEHeader(cty: "JSON"),
            recipient: key
        )
        .compactSerialization
    }

    /// `POST token_endpoint`.
    func token(
        code: String?,
        keyVerifier: String?,
        clientID: String? = "gematikTestPs",
        redirectURI: String? = "http://test-ps.gematik.de/erezept",
        grantType: String? = "authorization_code"
    ) async throws -> TestResponse {
        try await self.client.execute(
            uri: "/idp/token",
            method: .post,
            headers: Self.formHeaders,
            body: Self.form([
                ("grant_type", grantType), ("client_id", clientID), ("redirect_uri", redirectURI), ("code", code),
                ("key_verifier", keyVerifier),
            ])
        )
    }

    /// The inner JWS of an encrypted token, after decrypting under `tokenKey` and verifying with `key`.
    static func decryptToken(_ text: String?, tokenKey: [UInt8], key: BrainpoolP256r1.Signing.PublicKey) throws -> JWS {
        let jwe = try JWE(compact: try #require(text))
        #expect(jwe.header.cty == "NJWT" && jwe.header.alg == "dir" && jwe.header.enc == "A256GCM")
        let plaintext = try jwe.decrypt(directKey: tokenKey)
        let njwt = try #require(try JSONDecoder().decode([String: String].self, from: Data(plaintext))["njwt"])
        let jws = try JWS(compact: njwt)
        try jws.verify(with: key)
        return jws
    }

    /// The result of a full login.
    struct Login {
        let discovery: Discovery
        let accessToken: JWS
        let idToken: JWS
        let response: [String: JOSEValue]
    }

    /// The whole flow for the card `identity`: discovery, challenge, signed challenge, token exchange.
    func login(as identity: TestPKI.Identity, trustStore: TrustStore, now: Date) async throws -> Login {
        let discovery = try await self.discover(trustStore: trustStore, now: now)
        let pkce = Verifier()
        let challenge = try Self.challenge(of: try await self.authorize(state: "xyz-state", codeChallenge: pkce.challenge), key: discovery.signingKey)
        let redirect = try await self.postSignedChallenge(try Self.signedChallenge(challenge, identity: identity, to: discovery.encryptionKey))
        #expect(redirect.status == .found)
        let location = try #require(redirect.headers[.location])
        #expect(location.hasPrefix("http://test-ps.gematik.de/erezept?"))
        let query = try Self.query(of: location)
        #expect(query["state"] == "xyz-state")
        let tokenKey = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let keyVerifier = try Self.keyVerifier(tokenKey: tokenKey, verifier: pkce.verifier, to: discovery.encryptionKey)
        let code = try #require(query["code"])
        let response = try await self.token(code: code, keyVerifier: keyVerifier)
        #expect(response.status == .ok)
        let body = try Self.json(response)
        return Login(
            discovery: discovery,
            accessToken: try Self.decryptToken(body["access_token"]?.stringValue, tokenKey: tokenKey, key: discovery.signingKey),
            idToken: try Self.decryptToken(body["id_token"]?.stringValue, tokenKey: tokenKey, key: discovery.signingKey),
            response: body
        )
    }
}
