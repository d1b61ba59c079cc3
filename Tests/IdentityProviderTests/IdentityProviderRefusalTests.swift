// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing

@testable import IdentityProvider

/// Every refusal answers with the OAuth error and gematik code of the gematik IDP test suite (docs/idp.md, Errors).
struct IdentityProviderRefusalTests {
    /// A JSON error with `status`, `error` and `gematik_code`, and the other gematik fields present.
    static func expectJSONError(_ response: TestResponse, status: HTTPResponse.Status = .badRequest, error: String, code: String) throws {
        #expect(response.status == status)
        let body = try IDPTestClient.json(response)
        #expect(body["error"]?.stringValue == error)
        #expect(body["gematik_code"]?.stringValue == code)
        #expect(body["gematik_timestamp"]?.integerValue == Int64(IDPFixture.now.timeIntervalSince1970))
        #expect(body["gematik_uuid"]?.stringValue?.isEmpty == false)
        #expect(body["gematik_error_text"]?.stringValue?.isEmpty == false)
    }

    /// A 302 to the registered redirect URI carrying `error`, `gematik_code` and `state`.
    static func expectRedirectError(_ response: TestResponse, error: String, code: String, state: String? = "state-1") throws {
        #expect(response.status == .found)
        let location = try #require(response.headers[.location])
        #expect(location.hasPrefix("http://test-ps.gematik.de/erezept?"))
        let query = try IDPTestClient.query(of: location)
        #expect(query["error"] == error)
        #expect(query["gematik_code"] == code)
        #expect(query["state"] == state)
        #expect(query["code"] == nil)
    }

    // MARK: Authorization request

    @Test func unknownClientIsRefusedWithoutRedirect() async throws {
        try await IDPFixture.withIDP { idp in
            let response = try await idp.authorize(clientID: "resistanceisfutile", codeChallenge: IDPTestClient.Verifier().challenge)
            try Self.expectJSONError(response, error: "invalid_request", code: "2012")
        }
    }

    @Test func redirectURIOfAnotherClientIsRefusedWithoutRedirect() async throws {
        try await IDPFixture.withIDP { idp in
            let response = try await idp.authorize(
                redirectURI: "https://redirect.gematik.de/erezept",
                codeChallenge: IDPTestClient.Verifier().challenge
            )
            try Self.expectJSONError(response, error: "invalid_request", code: "1020")
            #expect(response.headers[.location] == nil)
        }
    }

    @Test func missingClientIDIsRefused() async throws {
        try await IDPFixture.withIDP { idp in
            try Self.expectJSONError(
                try await idp.authorize(clientID: nil, codeChallenge: IDPTestClient.Verifier().challenge),
                error: "invalid_request",
                code: "1002"
            )
        }
    }

    @Test(arguments: ["plain", "axanar"])
    func codeChallengeMethodOtherThanS256IsRedirectedAsError(method: String) async throws {
        try await IDPFixture.withIDP { idp in
            let response = try await idp.authorize(codeChallenge: IDPTestClient.Verifier().challenge, method: method)
            try Self.expectRedirectError(response, error: "invalid_request", code: "2008")
        }
    }

    @Test func parameterErrorsAfterTheClientCheckAreRedirected() async throws {
        let challenge = IDPTestClient.Verifier().challenge
        try await IDPFixture.withIDP { idp in
            try Self.expectRedirectError(
                try await idp.authorize(codeChallenge: challenge, responseType: "token"),
                error: "unsupported_response_type",
                code: "2005"
            )
            try Self.expectRedirectError(try await idp.authorize(codeChallenge: challenge, scope: "openid"), error: "invalid_scope", code: "1022")
            try Self.expectRedirectError(
                try await idp.authorize(codeChallenge: challenge, scope: "openid weareborg"),
                error: "invalid_scope",
                code: "1030"
            )
            try Self.expectRedirectError(try await idp.authorize(codeChallenge: nil), error: "invalid_request", code: "2009")
            try Self.expectRedirectError(try await idp.authorize(codeChallenge: "not a challenge!"), error: "invalid_request", code: "2010")
            try Self.expectRedirectError(
                try await idp.authorize(state: nil, codeChallenge: challenge),
                error: "invalid_request",
                code: "2002",
                state: nil
            )
        }
    }

    // MARK: Signed challenge

    /// Runs discovery and authorization and answers the challenge signed by `identity`.
    static func signedChallengeResponse(
        _ idp: IDPTestClient,
        identity: TestPKI.Identity,
        clock: ManualClock? = nil,
        wait: TimeInterval = 0
    )
        async throws -> TestResponse
    {
        let discovery = try await idp.discover(trustStore: try IDPFixture.pki.get().trustStore, now: IDPFixture.now)
        let challenge = try IDPTestClient.challenge(
            of: try await idp.authorize(codeChallenge: IDPTestClient.Verifier().challenge),
            key: discovery.signingKey
        )
        clock?.advance(by: wait)
        return try await idp.postSignedChallenge(try IDPTestClient.signedChallenge(challenge, identity: identity, to: discovery.encryptionKey))
    }

    @Test(arguments: ["practice-expired", "practice-b", "practice-bare"])
    func cardCertificatesThatAreExpiredRevokedOrWithoutAdmissionAreRefused(card: String) async throws {
        try await IDPFixture.withIDP { idp in
            let response = try await Self.signedChallengeResponse(idp, identity: try IDPFixture.identity(card))
            try Self.expectJSONError(response, error: "invalid_request", code: "2020")
        }
    }

    @Test func foreignCardCertificateIsRefused() async throws {
        let foreign = try IDPFixture.foreignPKI.get().identity(named: "practice-a")
        try await IDPFixture.withIDP { idp in
            try Self.expectJSONError(try await Self.signedChallengeResponse(idp, identity: foreign), error: "invalid_request", code: "2020")
        }
    }

    /// The refusals above for the reason named, not for another one along the way.
    @Test func cardRefusalsNameTheirReason() throws {
        let pki = try IDPFixture.pki.get()
        let provider = try IDPFixture.provider(clock: ManualClock(IDPFixture.now))
        let reasons: [(String, String)] = [
            ("practice-expired", "expired"), ("practice-b", "revoked"), ("practice-bare", "Admission"),
        ]
        for (card, reason) in reasons {
            let error = #expect(throws: IdentityProviderError.self) {
                try provider.testAuthenticate(identity: try pki.identity(named: card))
            }
            #expect(error?.code == .cardCertificateInvalid)
            #expect(error?.reason.contains(reason) == true, "\(card): \(error?.reason ?? "")")
        }
        let foreign = #expect(throws: IdentityProviderError.self) {
            try provider.testAuthenticate(identity: try IDPFixture.foreignPKI.get().identity(named: "practice-a"))
        }
        #expect(foreign?.reason.contains("untrustedIssuer") == true || foreign?.reason.contains("signature") == true, "\(foreign?.reason ?? "")")
    }

    @Test func expiredChallengeIsRefused() async throws {
        let clock = ManualClock(IDPFixture.now)
        try await IDPFixture.withIDP(clock: clock) { idp in
            let response = try await Self.signedChallengeResponse(idp, identity: try IDPFixture.identity("practice-a"), clock: clock, wait: 181)
            #expect(response.status == .badRequest)
            let body = try IDPTestClient.json(response)
            #expect(body["error"]?.stringValue == "invalid_request")
            #expect(body["gematik_code"]?.stringValue == "2032")
        }
    }

    @Test func tamperedChallengeIsRefused() async throws {
        let pki = try IDPFixture.pki.get()
        try await IDPFixture.withIDP { idp in
            let discovery = try await idp.discover(trustStore: pki.trustStore, now: IDPFixture.now)
            let challenge = try IDPTestClient.challenge(
                of: try await idp.authorize(codeChallenge: IDPTestClient.Verifier().challenge),
                key: discovery.signingKey
            )
            // Replace the client's code_challenge in the payload, keep the IDP's signature.
            let parts = challenge.split(separator: ".").map(String.init)
            var claims = try IDPTestClient.claims(of: JWS(compact: challenge))
            claims["code_challenge"] = .string(IDPTestClient.Verifier().challenge)
            let payload = try JSONEncoder().encode(claims)
            let tampered = [parts[0], Base64URL.encode(payload), parts[2]].joined(separator: ".")
            let signed = try IDPTestClient.signedChallenge(tampered, identity: try pki.identity(named: "practice-a"), to: discovery.encryptionKey)
            try Self.expectJSONError(try await idp.postSignedChallenge(signed), error: "invalid_request", code: "2030")
        }
    }

    @Test func cardSignatureByAnotherKeyIsRefused() async throws {
        let pki = try IDPFixture.pki.get()
        try await IDPFixture.withIDP { idp in
            let discovery = try await idp.discover(trustStore: pki.trustStore, now: IDPFixture.now)
            let challenge = try IDPTestClient.challenge(
                of: try await idp.authorize(codeChallenge: IDPTestClient.Verifier().challenge),
                key: discovery.signingKey
            )
            // practice-b's key with practice-a's certificate.
            let impostor = TestPKI.Identity(
                name: "impostor",
                kind: .smcb,
                issuer: "smcb-ca",
                displayName: "Impostor",
                certificate: try pki.identity(named: "practice-a").certificate,
                privateKey: try pki.identity(named: "pharmacy-a").privateKey
            )
            let signed = try IDPTestClient.signedChallenge(challenge, identity: impostor, to: discovery.encryptionKey)
            try Self.expectJSONError(try await idp.postSignedChallenge(signed), error: "invalid_request", code: "2013")
        }
    }

    @Test func missingOrUndecryptableSignedChallengeIsRefused() async throws {
        try await IDPFixture.withIDP { idp in
            try Self.expectJSONError(try await idp.postSignedChallenge(nil), error: "invalid_request", code: "2030")
            try Self.expectJSONError(try await idp.postSignedChallenge("invalid signed challenge for sure"), error: "invalid_request", code: "2030")
        }
    }

    // MARK: Token request

    /// Discovery, authorization and signed challenge for practice-a; the code and what the token request needs.
    struct Grant: Sendable {
        let code: String
        let pkce: IDPTestClient.Verifier
        let discovery: IDPTestClient.Discovery
    }

    static func grant(_ idp: IDPTestClient) async throws -> Grant {
        let discovery = try await idp.discover(trustStore: try IDPFixture.pki.get().trustStore, now: IDPFixture.now)
        let pkce = IDPTestClient.Verifier()
        let challenge = try IDPTestClient.challenge(of: try await idp.authorize(codeChallenge: pkce.challenge), key: discovery.signingKey)
        let redirect = try await idp.postSignedChallenge(
            try IDPTestClient.signedChallenge(challenge, identity: try IDPFixture.identity("practice-a"), to: discovery.encryptionKey)
        )
        #expect(redirect.status == .found)
        let location = try #require(redirect.headers[.location])
        let query = try IDPTestClient.query(of: location)
        let code = try #require(query["code"])
        return Grant(code: code, pkce: pkce, discovery: discovery)
    }

    static func keyVerifier(_ grant: Grant, verifier: String? = nil) throws -> String {
        let tokenKey = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return try IDPTestClient.keyVerifier(tokenKey: tokenKey, verifier: verifier ?? grant.pkce.verifier, to: grant.discovery.encryptionKey)
    }

    @Test func wrongCodeVerifierIsRefused() async throws {
        try await IDPFixture.withIDP { idp in
            let grant = try await Self.grant(idp)
            let response = try await idp.token(
                code: grant.code,
                keyVerifier: try Self.keyVerifier(grant, verifier: IDPTestClient.Verifier().verifier)
            )
            try Self.expectJSONError(response, error: "invalid_grant", code: "3000")
        }
    }

    @Test func codeIsAcceptedOnce() async throws {
        try await IDPFixture.withIDP { idp in
            let grant = try await Self.grant(idp)
            #expect(try await idp.token(code: grant.code, keyVerifier: try Self.keyVerifier(grant)).status == .ok)
            let again = try await idp.token(code: grant.code, keyVerifier: try Self.keyVerifier(grant))
            try Self.expectJSONError(again, error: "invalid_grant", code: "3013")
        }
    }

    @Test func expiredCodeIsRefused() async throws {
        let clock = ManualClock(IDPFixture.now)
        try await IDPFixture.withIDP(clock: clock) { idp in
            let grant = try await Self.grant(idp)
            clock.advance(by: 61)
            let response = try await idp.token(code: grant.code, keyVerifier: try Self.keyVerifier(grant))
            #expect(response.status == .badRequest)
            let body = try IDPTestClient.json(response)
            #expect(body["error"]?.stringValue == "invalid_grant")
            #expect(body["gematik_code"]?.stringValue == "3011")
        }
    }

    @Test func codeOfAnotherIDPInstanceIsRefused() async throws {
        try await IDPFixture.withIDP { first in
            let grant = try await Self.grant(first)
            try await IDPFixture.withIDP { second in
                let response = try await second.token(code: grant.code, keyVerifier: try Self.keyVerifier(grant))
                try Self.expectJSONError(response, error: "invalid_grant", code: "3013")
            }
        }
    }

    @Test func tokenRequestParameterErrors() async throws {
        try await IDPFixture.withIDP { idp in
            let grant = try await Self.grant(idp)
            let verifier = try Self.keyVerifier(grant)
            try Self.expectJSONError(
                try await idp.token(code: grant.code, keyVerifier: verifier, grantType: "deepstate_grant"),
                error: "unsupported_grant_type",
                code: "3014"
            )
            try Self.expectJSONError(
                try await idp.token(code: grant.code, keyVerifier: verifier, grantType: nil),
                error: "invalid_request",
                code: "3006"
            )
            try Self.expectJSONError(
                try await idp.token(code: grant.code, keyVerifier: verifier, clientID: "shadows"),
                error: "invalid_client",
                code: "3007"
            )
            try Self.expectJSONError(
                try await idp.token(
                    code: grant.code,
                    keyVerifier: verifier,
                    clientID: "eRezeptApp",
                    redirectURI: "https://redirect.gematik.de/erezept"
                ),
                error: "invalid_client",
                code: "3007"
            )
            try Self.expectJSONError(
                try await idp.token(code: grant.code, keyVerifier: verifier, redirectURI: "http://www.somethingstore.com/"),
                error: "invalid_request",
                code: "1020"
            )
            try Self.expectJSONError(try await idp.token(code: nil, keyVerifier: verifier), error: "invalid_request", code: "3005")
            try Self.expectJSONError(try await idp.token(code: grant.code, keyVerifier: nil), error: "invalid_request", code: "3020")
            try Self.expectJSONError(
                try await idp.token(code: "Ob Regen, Sturm oder Sonnenschein", keyVerifier: verifier),
                error: "invalid_grant",
                code: "3013"
            )
            try Self.expectJSONError(
                try await idp.token(code: grant.code, keyVerifier: try Self.keyVerifier(grant, verifier: "too short")),
                error: "invalid_request",
                code: "3016"
            )
            // None of these used the code up.
            #expect(try await idp.token(code: grant.code, keyVerifier: verifier).status == .ok)
        }
    }
}

extension IdentityProvider {
    /// Authorizes with a fresh PKCE challenge, signs the challenge with `identity`'s card and authenticates, without HTTP.
    fileprivate func testAuthenticate(identity: TestPKI.Identity) throws {
        let query = "state=s&response_type=code&scope=openid+e-rezept&code_challenge_method=S256&code_challenge="
        let request = try AuthorizationRequest(parameters: FormParameters(query + IDPTestClient.Verifier().challenge), client: .gematikTestPs)
        let answer = try JSONDecoder().decode([String: JOSEValue].self, from: Data(try self.challengeAnswer(for: request)))
        let challenge = try #require(answer["challenge"]?.stringValue)
        let signed = try IDPTestClient.signedChallenge(challenge, identity: identity, to: self.configuration.encryptionKey.publicKey)
        _ = try self.authenticate(signedChallenge: signed)
    }
}
