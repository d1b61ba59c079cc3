// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import Hummingbird
import PrimarySystemKit
import RouterBenchmarkSupport
import TICrypto

/// The IDP as the client knows it after discovery: the verified discovery document's endpoints and the two keys.
///
/// A client fetches it once and keeps it for the document's lifetime (24 hours), so the login benchmark starts after it.
struct Discovery: Sendable {
    let authorizationPath: String
    let tokenPath: String
    let signingKey: BrainpoolP256r1.Signing.PublicKey
    let encryptionKey: BrainpoolP256r1.KeyAgreement.PublicKey

    /// Fetches the discovery document, checks its signer certificate against `trustStore` and its signature, and fetches
    /// `puk_idp_sig` and `puk_idp_enc`.
    static func fetch(_ client: RouterClient, trustStore: TrustStore, now: Date) async throws -> Discovery {
        let document = try await client.execute(uri: "/idp/.well-known/openid-configuration", method: .get)
        try VAUIDPWorld.expect(document, "discovery")
        let jws = try JWS(compact: String(buffer: document.body))
        guard let der = jws.header.x5c?.first else { throw BenchmarkFailure("the discovery document has no x5c") }
        let signer = try TelematikCertificate(derEncoded: der)
        _ = try CertificatePathValidator(trustStore: trustStore, policy: CertificatePolicy(revocationMode: .notChecked)).validate(signer, at: now)
        try jws.verify(with: try BrainpoolP256r1.Signing.PublicKey(x963Representation: signer.subjectPublicKeyInfo.publicKey))
        let claims = try JSONDecoder().decode([String: JOSEValue].self, from: Data(jws.payload))
        func path(_ name: String) throws -> String {
            guard let url = claims[name]?.stringValue, url.hasPrefix(VAUIDPWorld.publicURL) else {
                throw BenchmarkFailure("the discovery document has no \(name) of this server")
            }
            return String(url.dropFirst(VAUIDPWorld.publicURL.count))
        }
        let signingJWK = try JWK(json: Array(buffer: try await client.execute(uri: try path("uri_puk_idp_sig"), method: .get).body))
        let encryptionJWK = try JWK(json: Array(buffer: try await client.execute(uri: try path("uri_puk_idp_enc"), method: .get).body))
        let signingKey = try BrainpoolP256r1.Signing.PublicKey(jwk: signingJWK)
        guard signingKey.x963Representation == signer.subjectPublicKeyInfo.publicKey else {
            throw BenchmarkFailure("puk_idp_sig is not the key of the discovery document's signer")
        }
        return Discovery(
            authorizationPath: try path("authorization_endpoint"),
            tokenPath: try path("token_endpoint"),
            signingKey: signingKey,
            encryptionKey: try BrainpoolP256r1.KeyAgreement.PublicKey(jwk: encryptionJWK)
        )
    }
}

/// The time of a login spent in the server's request handling, summed over its requests; the rest is the client's.
final class ServerTime: @unchecked Sendable {
    private(set) var cpuNanoseconds = 0

    /// Runs one request and adds the process CPU time it took. The requests run one at a time, so the process's CPU
    /// time during a request is the server's (and the in-process transport's, which is small).
    func request<T>(_ body: () async throws -> T) async rethrows -> T {
        let start = CPUClock.processNanoseconds()
        defer { self.cpuNanoseconds += CPUClock.processNanoseconds() - start }
        return try await body()
    }
}

/// A card login at the in-process IDP as a primary system performs it after discovery (docs/idp.md): the
/// authorization request with PKCE, the challenge checked and signed by the card, the signed challenge encrypted to
/// `puk_idp_enc` and posted, the code exchanged with a key verifier, both tokens decrypted and checked.
enum IDPLogin {
    static let clientID = "gematikTestPs"
    static let redirectURI = "http://test-ps.gematik.de/erezept"
    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Logs in with `card`; returns the access token (the decrypted JWS).
    static func login(_ client: RouterClient, _ discovery: Discovery, card: SoftwareCard, server: ServerTime) async throws -> String {
        let verifier = Base64URL.encode(Self.randomBytes(32))
        let codeChallenge = Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
        let state = Base64URL.encode(Self.randomBytes(16))
        let nonce = Base64URL.encode(Self.randomBytes(16))

        // 1. The authorization request; the answer carries the challenge (server: one ECDSA sign).
        let query = Self.form([
            ("client_id", clientID), ("response_type", "code"), ("redirect_uri", redirectURI), ("state", state),
            ("code_challenge", codeChallenge), ("code_challenge_method", "S256"), ("scope", "openid e-rezept"), ("nonce", nonce),
        ])
        let authorization = try await server.request {
            try await client.execute(uri: discovery.authorizationPath + "?" + query, method: .get)
        }
        try VAUIDPWorld.expect(authorization, "authorization request")
        let answer = try JSONDecoder().decode([String: JOSEValue].self, from: Data(Array(buffer: authorization.body)))
        guard let challengeText = answer["challenge"]?.stringValue else { throw BenchmarkFailure("no challenge") }
        let challenge = try JWS(compact: challengeText)
        try challenge.verify(with: discovery.signingKey)
        let challengeClaims = try JSONDecoder().decode([String: JOSEValue].self, from: Data(challenge.payload))
        guard challengeClaims["state"]?.stringValue == state, challengeClaims["code_challenge"]?.stringValue == codeChallenge else {
            throw BenchmarkFailure("the challenge is for another request")
        }

        // 2. The card signs the challenge; the signature goes encrypted to puk_idp_enc.
        let cardJWS = try await card.sign(
            payload: try Self.json(["njwt": challengeText]),
            header: JOSEHeader(typ: "JWT", cty: "NJWT", x5c: [card.certificate.derEncoded])
        )
        let signedChallenge = try JWE.encrypt(
            try Self.json(["njwt": cardJWS.compactSerialization]),
            header: JOSEHeader(cty: "NJWT", exp: challengeClaims["exp"]?.integerValue),
            recipient: discovery.encryptionKey
        ).compactSerialization

        // 3. The signed challenge; the answer is a redirect with the code.
        let redirect = try await server.request {
            try await client.execute(
                uri: discovery.authorizationPath,
                method: .post,
                headers: Self.formHeaders,
                body: ByteBuffer(string: Self.form([("signed_challenge", signedChallenge)]))
            )
        }
        guard redirect.status.code == 302, let location = redirect.headers[.location],
            let items = URLComponents(string: location)?.queryItems,
            items.first(where: { $0.name == "state" })?.value == state,
            let code = items.first(where: { $0.name == "code" })?.value
        else { throw BenchmarkFailure("the signed challenge answered \(redirect.status.code): \(String(buffer: redirect.body).prefix(300))") }

        // 4. The code with the key verifier (token_key and code_verifier, encrypted to puk_idp_enc).
        let tokenKey = Self.randomBytes(32)
        let keyVerifier = try JWE.encrypt(
            try Self.json(["token_key": Base64URL.encode(tokenKey), "code_verifier": verifier]),
            header: JOSEHeader(cty: "JSON"),
            recipient: discovery.encryptionKey
        ).compactSerialization
        let tokenResponse = try await server.request {
            try await client.execute(
                uri: discovery.tokenPath,
                method: .post,
                headers: Self.formHeaders,
                body: ByteBuffer(
                    string: Self.form([
                        ("grant_type", "authorization_code"), ("client_id", clientID), ("redirect_uri", redirectURI), ("code", code),
                        ("key_verifier", keyVerifier),
                    ])
                )
            )
        }
        try VAUIDPWorld.expect(tokenResponse, "token request")
        let tokens = try JSONDecoder().decode([String: JOSEValue].self, from: Data(Array(buffer: tokenResponse.body)))

        // 5. Both tokens decrypted with token_key and checked.
        let accessToken = try Self.decryptToken(tokens["access_token"]?.stringValue, key: tokenKey, signingKey: discovery.signingKey)
        let idToken = try Self.decryptToken(tokens["id_token"]?.stringValue, key: tokenKey, signingKey: discovery.signingKey)
        let idClaims = try JSONDecoder().decode([String: JOSEValue].self, from: Data(idToken.payload))
        guard idClaims["nonce"]?.stringValue == nonce else { throw BenchmarkFailure("the ID token carries another nonce") }
        return accessToken.compactSerialization
    }

    private static func decryptToken(_ text: String?, key: [UInt8], signingKey: BrainpoolP256r1.Signing.PublicKey) throws -> JWS {
        guard let text else { throw BenchmarkFailure("a token is missing") }
        let plaintext = try JWE(compact: text).decrypt(directKey: key)
        guard let njwt = try JSONDecoder().decode([String: String].self, from: Data(plaintext))["njwt"] else {
            throw BenchmarkFailure("the token JWE holds no njwt")
        }
        let jws = try JWS(compact: njwt)
        try jws.verify(with: signingKey)
        return jws
    }

    static func json(_ members: [String: String]) throws -> [UInt8] {
        Array(try JSONEncoder().encode(members))
    }

    static func form(_ values: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = values.map { URLQueryItem(name: $0.0, value: $0.1) }
        return (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
