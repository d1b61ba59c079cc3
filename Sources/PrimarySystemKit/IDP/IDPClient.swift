// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto

/// Logs in at the gematik IDP with a card and provides the access token for the Fachdienst (spec/ref-impl.md C;
/// the wire format of docs/idp.md).
///
/// ``login()`` runs the whole flow: the discovery document, checked against the client's trust anchors; the
/// authorization request with PKCE `S256`, `state` and `nonce`; the challenge, checked with `puk_idp_sig`, signed by the
/// card (`cty: NJWT`, `x5c`) and encrypted to `puk_idp_enc`; the code from the redirect, exchanged with a key verifier
/// (a fresh 32-byte `token_key` and the code verifier, encrypted to `puk_idp_enc`); the access and ID tokens, decrypted
/// with the token key and checked (signature of `puk_idp_sig`, `nonce`, `exp`).
///
/// The gematik flow has no refresh token, and the SSO token is not used: ``accessToken()`` logs in again when the token
/// has less than ``Configuration/refreshMargin`` left. ``logout()`` wipes the token from memory (see ``SecretBytes``
/// for what wiping can and cannot reach in Swift).
public actor IDPClient: AccessTokenProvider {
    /// The settings of the client.
    public struct Configuration: Sendable {
        /// `…/.well-known/openid-configuration` of the IDP.
        public var discoveryURL: URL
        /// The trust anchors the IDP's signer certificates must chain to.
        public var trustStore: TrustStore
        /// The registered client id (`gematikTestPs` at the local IDP).
        public var clientID: String
        /// The redirect URI registered for the client; it is never called, the code is read from the redirect.
        public var redirectURI: String
        /// The requested scopes: `openid` and the Fachdienst's (`e-rezept`).
        public var scope: String
        /// The `User-Agent` of every request (A_20015-01).
        public var userAgent: String
        /// Log in again when less than this remains of the token's lifetime.
        public var refreshMargin: TimeInterval
        /// The source of the current time.
        public var clock: @Sendable () -> Date

        /// Creates a configuration.
        public init(
            discoveryURL: URL,
            trustStore: TrustStore,
            clientID: String = "gematikTestPs",
            redirectURI: String = "http://test-ps.gematik.de/erezept",
            scope: String = "openid e-rezept",
            userAgent: String = "erezept-PrimarySystemKit/0.1 erezept/gematikTestPs",
            refreshMargin: TimeInterval = 60,
            clock: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.discoveryURL = discoveryURL
            self.trustStore = trustStore
            self.clientID = clientID
            self.redirectURI = redirectURI
            self.scope = scope
            self.userAgent = userAgent
            self.refreshMargin = refreshMargin
            self.clock = clock
        }
    }

    /// What a login yielded, without the token itself.
    public struct Login: Sendable {
        /// The claims of the access token.
        public let claims: [String: JOSEValue]
        /// Its `exp`.
        public let expiresAt: Date
    }

    /// The settings.
    public nonisolated let configuration: Configuration
    private let card: any AuthenticationCard
    private let sender: any HTTPSender
    private var token: SecretBytes?
    /// The current login; nil before ``login()`` and after ``logout()``.
    public private(set) var currentLogin: Login?

    /// Creates a client; nothing is sent until the first login.
    public init(configuration: Configuration, card: any AuthenticationCard, sender: any HTTPSender = URLSessionHTTPSender()) {
        self.configuration = configuration
        self.card = card
        self.sender = sender
    }

    /// The access token (the decrypted JWS), logging in first when there is none or it expires within the margin.
    public func accessToken() async throws(PrimarySystemError) -> String {
        let deadline = self.configuration.clock().addingTimeInterval(self.configuration.refreshMargin)
        if let token, !token.isWiped, let currentLogin, deadline < currentLogin.expiresAt { return token.string }
        _ = try await self.login()
        guard let token else { throw PrimarySystemError(.missingAccessToken, reason: "the login yielded no token") }
        return token.string
    }

    /// Runs the login flow and keeps the new token (the previous one is wiped).
    /// - Throws: `untrustedIDP`, `idpRefused`, `malformedIDPResponse`, `cardFailed`, `transportFailed`.
    @discardableResult
    public func login() async throws(PrimarySystemError) -> Login {
        let now = self.configuration.clock()
        let discovery = try IDPDiscoveryDocument(
            compact: try await self.text(.get, self.configuration.discoveryURL),
            trustStore: self.configuration.trustStore,
            at: now
        )
        let signatureKey = try await self.signatureKey(discovery, at: now)
        let encryptionKey = try await self.encryptionKey(discovery)

        // Step 1-2: the authorization request (PKCE S256, state, nonce) and the challenge.
        let pkce = PKCE()
        let state = Base64URL.encode(PKCE.randomBytes(16))
        let nonce = Base64URL.encode(PKCE.randomBytes(16))
        let authorization = try await self.sender.send(
            "GET",
            url: discovery.authorizationEndpoint,
            query: [
                ("client_id", self.configuration.clientID), ("response_type", "code"), ("redirect_uri", self.configuration.redirectURI),
                ("state", state), ("code_challenge", pkce.challenge), ("code_challenge_method", "S256"),
                ("scope", self.configuration.scope), ("nonce", nonce),
            ],
            headers: self.headers()
        )
        try Self.checkNoError(authorization, step: "authorization")
        guard let challengeText = IDPJSON.object(authorization.body)?["challenge"] as? String,
            let challenge = try? JWS(compact: challengeText)
        else { throw PrimarySystemError(.malformedIDPResponse, reason: "the authorization answer holds no challenge") }
        guard (try? challenge.verify(with: signatureKey)) != nil else {
            throw PrimarySystemError(.untrustedIDP, reason: "the challenge is not signed with puk_idp_sig")
        }
        let challengeClaims = try Self.claims(of: challenge)
        guard challengeClaims["code_challenge"]?.stringValue == pkce.challenge, challengeClaims["state"]?.stringValue == state else {
            throw PrimarySystemError(.malformedIDPResponse, reason: "the challenge is for another authorization request")
        }

        // Step 3: the card signs the challenge (NJWT), the signature goes encrypted to puk_idp_enc.
        let cardJWS = try await self.card.sign(
            payload: IDPJSON.data(["njwt": challenge.compactSerialization]),
            header: JOSEHeader(typ: "JWT", cty: "NJWT", x5c: [self.card.certificate.derEncoded])
        )
        let signedChallenge = try Self.encrypt(
            IDPJSON.data(["njwt": cardJWS.compactSerialization]),
            header: JOSEHeader(cty: "NJWT", exp: challengeClaims["exp"]?.integerValue),
            to: encryptionKey
        )
        let redirect = try await self.sender.send(
            "POST",
            url: discovery.authorizationEndpoint,
            headers: self.formHeaders(),
            body: Array(FormEncoding.encode([("signed_challenge", signedChallenge)]).utf8)
        )
        let code = try self.code(from: redirect, state: state)

        // Step 4: the code with the key verifier (token_key, code_verifier).
        let tokenKey = SecretBytes(PKCE.randomBytes(32))
        defer { tokenKey.wipe() }
        let keyVerifier = try Self.encrypt(
            tokenKey.withBytes { IDPJSON.data(["token_key": Base64URL.encode($0), "code_verifier": pkce.verifier]) },
            header: JOSEHeader(cty: "JSON"),
            to: encryptionKey
        )
        let tokenResponse = try await self.sender.send(
            "POST",
            url: discovery.tokenEndpoint,
            headers: self.formHeaders(),
            body: Array(
                FormEncoding.encode([
                    ("grant_type", "authorization_code"), ("client_id", self.configuration.clientID),
                    ("redirect_uri", self.configuration.redirectURI), ("code", code), ("key_verifier", keyVerifier),
                ]).utf8
            )
        )
        try Self.checkNoError(tokenResponse, step: "token")
        guard tokenResponse.status == 200, let answer = IDPJSON.object(tokenResponse.body),
            let accessJWE = answer["access_token"] as? String, let idJWE = answer["id_token"] as? String
        else { throw PrimarySystemError(.malformedIDPResponse, reason: "the token answer holds no access_token and id_token") }

        // Step 5: decrypt with token_key, check signature, nonce and expiry.
        let accessToken = try Self.decrypt(accessJWE, key: tokenKey, signatureKey: signatureKey, what: "access token")
        let idToken = try Self.decrypt(idJWE, key: tokenKey, signatureKey: signatureKey, what: "ID token")
        guard try Self.claims(of: idToken)["nonce"]?.stringValue == nonce else {
            throw PrimarySystemError(.malformedIDPResponse, reason: "the ID token carries another nonce")
        }
        let claims = try Self.claims(of: accessToken)
        guard let exp = claims["exp"]?.integerValue, Date(timeIntervalSince1970: TimeInterval(exp)) > now else {
            throw PrimarySystemError(.malformedIDPResponse, reason: "the access token has no exp in the future")
        }
        self.token?.wipe()
        self.token = SecretBytes(Array(accessToken.compactSerialization.utf8))
        let login = Login(claims: claims, expiresAt: Date(timeIntervalSince1970: TimeInterval(exp)))
        self.currentLogin = login
        return login
    }

    /// Wipes the access token from memory and forgets the login.
    public func logout() {
        self.token?.wipe()
        self.token = nil
        self.currentLogin = nil
    }

    /// Whether a token is held (false after ``logout()``).
    public var isLoggedIn: Bool { self.token.map { !$0.isWiped } ?? false }

    // MARK: - Steps

    /// `puk_idp_sig`: its certificate (`x5c`) must pass the signer checks and hold the JWK's key.
    private func signatureKey(_ discovery: IDPDiscoveryDocument, at now: Date) async throws(PrimarySystemError) -> BrainpoolP256r1.Signing.PublicKey {
        let jwk = try await self.jwk(discovery.signatureKeyURL, name: "puk_idp_sig")
        guard let der = jwk.x5c?.first, let certificate = try? TelematikCertificate(derEncoded: der) else {
            throw PrimarySystemError(.untrustedIDP, reason: "puk_idp_sig carries no certificate")
        }
        do {
            _ = try CertificatePathValidator(trustStore: self.configuration.trustStore, policy: IDPDiscoveryDocument.signerPolicy)
                .validate(certificate, at: now)
        } catch {
            throw PrimarySystemError(.untrustedIDP, reason: "the certificate of puk_idp_sig is refused (\(error.code)): \(error.reason)")
        }
        guard let key = try? BrainpoolP256r1.Signing.PublicKey(jwk: jwk),
            key.x963Representation == certificate.subjectPublicKeyInfo.publicKey
        else { throw PrimarySystemError(.untrustedIDP, reason: "puk_idp_sig is not the key of its certificate") }
        return key
    }

    /// `puk_idp_enc`, trusted because the verified discovery document names its address.
    private func encryptionKey(_ discovery: IDPDiscoveryDocument) async throws(PrimarySystemError) -> BrainpoolP256r1.KeyAgreement.PublicKey {
        let jwk = try await self.jwk(discovery.encryptionKeyURL, name: "puk_idp_enc")
        guard let key = try? BrainpoolP256r1.KeyAgreement.PublicKey(jwk: jwk) else {
            throw PrimarySystemError(.malformedIDPResponse, reason: "puk_idp_enc is no brainpoolP256r1 key")
        }
        return key
    }

    private func jwk(_ url: URL, name: String) async throws(PrimarySystemError) -> JWK {
        let response = try await self.sender.send("GET", url: url, headers: self.headers())
        guard response.status == 200, let jwk = try? JWK(json: response.body) else {
            throw PrimarySystemError(.malformedIDPResponse, reason: "\(name) is not a JWK (HTTP \(response.status))", status: response.status)
        }
        return jwk
    }

    /// The `code` of the redirect after the signed challenge; its `state` must be ours.
    private func code(from response: HTTPResponseMessage, state: String) throws(PrimarySystemError) -> String {
        try Self.checkNoError(response, step: "signed challenge")
        guard (300..<400).contains(response.status), let location = response.headers["Location"] else {
            throw PrimarySystemError(.malformedIDPResponse, reason: "the signed challenge was not answered with a redirect", status: response.status)
        }
        let query = location.split(separator: "?", maxSplits: 1).dropFirst().first.map(FormEncoding.decode) ?? []
        let fields = Dictionary(query, uniquingKeysWith: { first, _ in first })
        if let error = fields["error"] {
            let code = fields["gematik_code"] ?? "-"
            throw PrimarySystemError(.idpRefused, reason: "\(error) (gematik_code \(code)): \(fields["gematik_error_text"] ?? "")")
        }
        guard fields["state"] == state, let code = fields["code"], !code.isEmpty else {
            throw PrimarySystemError(.malformedIDPResponse, reason: "the redirect carries no code for this state")
        }
        return code
    }

    private func text(_ method: Method, _ url: URL) async throws(PrimarySystemError) -> String {
        let response = try await self.sender.send(method.rawValue, url: url, headers: self.headers())
        guard response.status == 200 else {
            throw PrimarySystemError(.malformedIDPResponse, reason: "\(url.path) answered \(response.status)", status: response.status)
        }
        return String(decoding: response.body, as: UTF8.self)
    }

    private enum Method: String {
        case get = "GET"
    }

    private func headers() -> HTTPHeaders { ["User-Agent": self.configuration.userAgent] }

    private func formHeaders() -> HTTPHeaders {
        ["User-Agent": self.configuration.userAgent, "Content-Type": "application/x-www-form-urlencoded"]
    }

    // MARK: - JOSE

    /// A JSON error answer (status 4xx/5xx with `error`, `gematik_code`) as `idpRefused`.
    private static func checkNoError(_ response: HTTPResponseMessage, step: String) throws(PrimarySystemError) {
        guard response.status >= 400 else { return }
        let object = IDPJSON.object(response.body)
        let error = object?["error"] as? String ?? "HTTP \(response.status)"
        let code = object?["gematik_code"] as? String ?? "-"
        let text = object?["gematik_error_text"] as? String ?? ""
        throw PrimarySystemError(.idpRefused, reason: "\(step): \(error) (gematik_code \(code)) \(text)", status: response.status)
    }

    private static func encrypt(
        _ plaintext: [UInt8],
        header: JOSEHeader,
        to key: BrainpoolP256r1.KeyAgreement.PublicKey
    ) throws(PrimarySystemError) -> String {
        do {
            return try JWE.encrypt(plaintext, header: header, recipient: key).compactSerialization
        } catch {
            throw PrimarySystemError(.invalidArgument, reason: "ECDH-ES encryption to puk_idp_enc failed: \(error.code)")
        }
    }

    /// The JWS inside a `dir`/`A256GCM` token JWE under `token_key`, after its signature check.
    private static func decrypt(
        _ compact: String,
        key: SecretBytes,
        signatureKey: BrainpoolP256r1.Signing.PublicKey,
        what: String
    ) throws(PrimarySystemError) -> JWS {
        let plaintext: [UInt8]
        do {
            let jwe = try JWE(compact: compact)
            plaintext = try key.withBytes { bytes throws(TICryptoError) in try jwe.decrypt(directKey: Array(bytes)) }
        } catch {
            throw PrimarySystemError(.malformedIDPResponse, reason: "the \(what) does not decrypt with the token key")
        }
        guard let inner = IDPJSON.object(plaintext)?["njwt"] as? String, let jws = try? JWS(compact: inner) else {
            throw PrimarySystemError(.malformedIDPResponse, reason: "the \(what) holds no NJWT")
        }
        guard (try? jws.verify(with: signatureKey)) != nil else {
            throw PrimarySystemError(.untrustedIDP, reason: "the \(what) is not signed with puk_idp_sig")
        }
        return jws
    }

    private static func claims(of jws: JWS) throws(PrimarySystemError) -> [String: JOSEValue] {
        guard let claims = try? JSONDecoder().decode([String: JOSEValue].self, from: Data(jws.payload)) else {
            throw PrimarySystemError(.malformedIDPResponse, reason: "a JWS payload is no JSON object")
        }
        return claims
    }
}
