// SPDX-License-Identifier: Apache-2.0

/// A validated authorization request (`GET sign_response`, spec/ref-impl.md C.2 step 2).
///
/// Validation runs in two stages, as RFC 6749 §4.1.2.1 demands: ``client(in:registered:)`` checks `client_id` and
/// `redirect_uri`, whose errors are answered directly; ``init(parameters:client:)`` checks the rest, whose errors go to
/// the (now trusted) redirect URI.
struct AuthorizationRequest: Sendable {
    /// The Fachdienst scopes besides `openid`; exactly one must be requested.
    static let fachdienstScopes: Set<String> = ["e-rezept", "e-rezept-dev"]
    /// The longest `state` and `nonce` accepted (gematik IDP test suite, `authentication.feature` AUTH_008/009).
    static let maximumStateLength = 32

    let client: RegisteredClient
    let state: String
    let nonce: String?
    let scope: String
    let codeChallenge: String

    /// The registered client named by `client_id`, whose registered redirect URI equals `redirect_uri`.
    static func client(in parameters: FormParameters, registered clients: [RegisteredClient]) throws(IdentityProviderError) -> RegisteredClient {
        guard let clientID = parameters["client_id"] else { throw IdentityProviderError(.clientIDMissing) }
        guard let client = clients.first(where: { $0.clientID == clientID }) else {
            throw IdentityProviderError(.clientIDInvalid, reason: "client_id \(clientID) is not registered")
        }
        guard let redirectURI = parameters["redirect_uri"] else { throw IdentityProviderError(.redirectURIMissing) }
        guard redirectURI == client.redirectURI else {
            throw IdentityProviderError(.redirectURIInvalid, reason: "redirect_uri is not the one registered for \(clientID)")
        }
        return client
    }

    /// Checks `state`, `nonce`, `response_type`, `scope` and the PKCE parameters.
    init(parameters: FormParameters, client: RegisteredClient) throws(IdentityProviderError) {
        guard let state = parameters["state"] else { throw IdentityProviderError(.stateMissing) }
        guard state.count <= Self.maximumStateLength else { throw IdentityProviderError(.stateInvalid) }
        let nonce = parameters["nonce"]
        if let nonce, nonce.count > Self.maximumStateLength { throw IdentityProviderError(.nonceInvalid) }
        guard let responseType = parameters["response_type"] else { throw IdentityProviderError(.responseTypeMissing) }
        guard responseType == "code" else { throw IdentityProviderError(.responseTypeUnsupported) }
        guard let scope = parameters["scope"] else { throw IdentityProviderError(.scopeMissing) }
        try Self.checkScope(scope)
        guard let challenge = parameters["code_challenge"] else { throw IdentityProviderError(.codeChallengeMissing) }
        // A_20440 / RFC 7636 §4.3: only S256; `plain` and a missing method are refused.
        guard parameters["code_challenge_method"] == PKCE.method else { throw IdentityProviderError(.codeChallengeMethodInvalid) }
        guard PKCE.isValidChallenge(challenge) else { throw IdentityProviderError(.codeChallengeInvalid) }
        self.client = client
        self.state = state
        self.nonce = nonce
        self.scope = scope
        self.codeChallenge = challenge
    }

    /// `openid` plus exactly one known Fachdienst scope (gematik IDP test suite: 1022 for a missing part, 1030 for an
    /// unknown Fachdienst).
    private static func checkScope(_ scope: String) throws(IdentityProviderError) {
        let scopes = Set(scope.split(separator: " ").map(String.init))
        guard scopes.contains("openid") else { throw IdentityProviderError(.scopeInvalid, reason: "scope lacks openid") }
        let others = scopes.subtracting(["openid"])
        guard !others.isEmpty else { throw IdentityProviderError(.scopeInvalid, reason: "scope names no Fachdienst") }
        guard others.isSubset(of: Self.fachdienstScopes) else {
            throw IdentityProviderError(.fachdienstUnknown, reason: "unknown scope in \(scope)")
        }
        guard others.count == 1 else { throw IdentityProviderError(.scopeInvalid, reason: "scope names more than one Fachdienst") }
    }
}
