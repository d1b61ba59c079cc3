// SPDX-License-Identifier: Apache-2.0

import Crypto
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import IdentityProvider
import Storage
import TICrypto
import Testing
import Workflow

/// The whole IDP flow through HTTP, with a client written from docs/idp.md.
struct IdentityProviderFlowTests {
    @Test func discoveryDocumentListsEndpointsBuiltFromThePublicURL() async throws {
        let pki = try IDPFixture.pki.get()
        try await IDPFixture.withIDP { idp in
            let discovery = try await idp.discover(trustStore: pki.trustStore, now: IDPFixture.now)
            let claims = discovery.claims
            #expect(claims["issuer"]?.stringValue == "https://erp.example/idp")
            #expect(claims["authorization_endpoint"]?.stringValue == "https://erp.example/idp/sign_response")
            #expect(claims["token_endpoint"]?.stringValue == "https://erp.example/idp/token")
            #expect(claims["jwks_uri"]?.stringValue == "https://erp.example/idp/jwks")
            #expect(claims["code_challenge_methods_supported"] == .array([.string("S256")]))
            #expect(claims["id_token_signing_alg_values_supported"] == .array([.string("BP256R1")]))
            #expect(discovery.signer == (try pki.identity(named: "idp-sig")).certificate)
            let iat = try #require(claims["iat"]?.integerValue)
            #expect(claims["exp"]?.integerValue == iat + 86_400)
            let jwks = try IDPTestClient.json(try await idp.client.execute(uri: "/idp/jwks", method: .get))
            let kids = jwks["keys"]?.arrayValue?.compactMap { $0.objectValue?["kid"]?.stringValue }
            #expect(kids == ["puk_idp_enc", "puk_idp_sig"])
        }
    }

    @Test func challengeCarriesTheRequestAndExpiresAfterThreeMinutes() async throws {
        let pki = try IDPFixture.pki.get()
        try await IDPFixture.withIDP { idp in
            let discovery = try await idp.discover(trustStore: pki.trustStore, now: IDPFixture.now)
            let pkce = IDPTestClient.Verifier()
            let challenge = try IDPTestClient.challenge(of: try await idp.authorize(codeChallenge: pkce.challenge), key: discovery.signingKey)
            let jws = try JWS(compact: challenge)
            #expect(jws.header.kid == "puk_idp_sig")
            let claims = try IDPTestClient.claims(of: jws)
            #expect(claims["token_type"]?.stringValue == "challenge")
            #expect(claims["code_challenge"]?.stringValue == pkce.challenge)
            #expect(claims["client_id"]?.stringValue == "gematikTestPs")
            #expect(claims["state"]?.stringValue == "state-1")
            #expect(claims["nonce"]?.stringValue == "nonce-1")
            let iat = try #require(claims["iat"]?.integerValue)
            #expect(claims["exp"]?.integerValue == iat + 180)
            #expect(jws.header.exp == iat + 180)
        }
    }

    @Test(arguments: ["practice-a", "doctor-a", "insurant-a", "pharmacy-a"])
    func cardLoginIssuesTokensWithTheCardsClaims(card: String) async throws {
        let pki = try IDPFixture.pki.get()
        let identity = try pki.identity(named: card)
        try await IDPFixture.withIDP { idp in
            let login = try await idp.login(as: identity, trustStore: pki.trustStore, now: IDPFixture.now)
            #expect(login.response["expires_in"]?.integerValue == 300)
            #expect(login.response["token_type"]?.stringValue == "Bearer")
            #expect(login.accessToken.header.typ == "at+JWT")
            #expect(login.accessToken.header.kid == "puk_idp_sig")
            let access = try IDPTestClient.claims(of: login.accessToken)
            let idNumber = identity.kvnr ?? identity.telematikID
            #expect(access["professionOID"]?.stringValue == identity.professionOID?.dotted)
            #expect(access["idNummer"]?.stringValue == idNumber)
            #expect(access["aud"]?.stringValue == IDPFixture.publicURL)
            #expect(access["iss"]?.stringValue == "https://erp.example/idp")
            #expect(access["acr"]?.stringValue == "gematik-ehealth-loa-high")
            #expect(access["amr"] == .array([.string("mfa"), .string("sc"), .string("pin")]))
            #expect(access["client_id"]?.stringValue == "gematikTestPs")
            #expect(access["scope"]?.stringValue == "openid e-rezept")
            #expect(access["jti"]?.stringValue?.isEmpty == false)
            let iat = try #require(access["iat"]?.integerValue)
            #expect(access["exp"]?.integerValue == iat + 300)
            let expectedSub = Base64URL.encode(SHA256.hash(data: Array((IDPFixture.publicURL + (idNumber ?? "") + "erezept-idp").utf8)))
            #expect(access["sub"]?.stringValue == expectedSub)
            #expect(access["given_name"]?.stringValue == identity.certificate.subject.givenName)
            #expect(access["family_name"]?.stringValue == identity.certificate.subject.surname)
            #expect(access["organizationName"]?.stringValue == identity.certificate.subject.organizationName)

            let id = try IDPTestClient.claims(of: login.idToken)
            #expect(id["aud"]?.stringValue == "gematikTestPs")
            #expect(id["nonce"]?.stringValue == "nonce-1")
            #expect(id["sub"] == access["sub"])
            #expect(id["idNummer"] == access["idNummer"])
            let atHash = Base64URL.encode(SHA256.hash(data: Array(login.accessToken.compactSerialization.utf8)).prefix(16))
            #expect(id["at_hash"]?.stringValue == atHash)
        }
    }

    @Test func insurantTokenNamesTheInsurant() async throws {
        let pki = try IDPFixture.pki.get()
        try await IDPFixture.withIDP { idp in
            let login = try await idp.login(as: try pki.identity(named: "insurant-a"), trustStore: pki.trustStore, now: IDPFixture.now)
            let access = try IDPTestClient.claims(of: login.accessToken)
            #expect(access["idNummer"]?.stringValue == "K030182229")
            #expect(access["professionOID"]?.stringValue == "1.2.276.0.76.4.49")
            #expect(access["display_name"]?.stringValue == "Erika Mustermann")
        }
    }

    /// An access token from the IDP flow authorises `POST /Task/$create` at the Fachdienst, whose token check is
    /// unchanged; the IDP runs on the same router, token-free, through the `publicRoutes` hook.
    @Test func accessTokenFromTheFlowAuthorisesTaskCreate() async throws {
        let pki = try IDPFixture.pki.get()
        let clock = ManualClock(IDPFixture.now)
        let configuration = FachdienstConfiguration(
            idpSignerCertificate: try pki.identity(named: "idp-sig").certificate,
            audience: IDPFixture.publicURL,
            clock: FachdienstClock(clock),
            publicBaseURL: IDPFixture.publicURL
        )
        let signature = PrescriptionSignature(trustStore: pki.trustStore) { certificate, now in pki.ocspResponse(for: certificate, now: now) }
        let store = try SQLiteWorkflowStore.inMemory(masterKey: SymmetricKey(size: .bits256))
        let workflow = WorkflowService(store: store, clock: FachdienstClock(clock), prescriptionSignature: signature)
        let idpRoutes = RouteCollection(context: FachdienstRequestContext.self)
        try IDPFixture.provider(clock: clock).addRoutes(to: idpRoutes)
        let router = try buildRouter(configuration: configuration, workflow: workflow, publicRoutes: idpRoutes)
        try await Application(router: router).test(.router) { client in
            let idp = IDPTestClient(client: client, publicURL: IDPFixture.publicURL)
            let login = try await idp.login(as: try pki.identity(named: "practice-a"), trustStore: pki.trustStore, now: IDPFixture.now)
            let body = """
                {"resourceType":"Parameters","parameter":[{"name":"workflowType","valueCoding":{"system":"\(Flowtype.system)","code":"160"}}]}
                """
            let headers: HTTPFields = [
                .authorization: "Bearer \(login.accessToken.compactSerialization)",
                .contentType: "application/fhir+json",
                .accept: "application/fhir+json",
            ]
            let created = try await client.execute(uri: "/Task/$create", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(created.status == .created)
            var forged = headers
            forged[.authorization] = "Bearer \(try pki.accessToken(for: "practice-a", audience: "https://other.example", now: IDPFixture.now))"
            let refused = try await client.execute(uri: "/Task/$create", method: .post, headers: forged, body: ByteBuffer(string: body))
            #expect(refused.status == .unauthorized)
        }
    }
}

/// The manual clock as the Fachdienst's clock.
struct FachdienstClock: WallClock {
    let clock: ManualClock

    init(_ clock: ManualClock) { self.clock = clock }

    var now: Date { self.clock.now }
}
