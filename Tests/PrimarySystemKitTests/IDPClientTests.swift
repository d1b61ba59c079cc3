// SPDX-License-Identifier: Apache-2.0

import FHIR
import Foundation
import IdentityProvider
import Synchronization
import TICrypto
import Testing
import Workflow

@testable import PrimarySystemKit

/// The login at the IDP of `erezept serve` (docs/idp.md; spec/ref-impl.md C.2) with a software card, and the token
/// used at the Fachdienst.
@Suite("PrimarySystemKit: IDP login")
struct IDPClientTests {
    /// The IDP's public URL in the tests; ``Rebase`` sends its requests to the live server.
    static let idpBase = "http://erp.test"

    /// A clock the test moves, shared by the IDP and the client.
    final class MovableClock: Sendable {
        private let instant = Mutex(KitFixture.now)
        var now: Date { self.instant.withLock { $0 } }
        func advance(by seconds: TimeInterval) { self.instant.withLock { $0 += seconds } }
    }

    /// Sends what is addressed to ``idpBase`` to the live server instead.
    struct Rebase: HTTPSender {
        let live: URL
        let wrapped = URLSessionHTTPSender()

        func send(_ request: HTTPRequestMessage, to baseURL: URL) async throws(PrimarySystemError) -> HTTPResponseMessage {
            try await self.wrapped.send(request, to: baseURL.host == "erp.test" ? self.live : baseURL)
        }
    }

    static func idp(clock: MovableClock, pki: TestPKI? = nil) throws -> IdentityProviderConfiguration {
        try IdentityProviderConfiguration(testPKI: pki ?? KitFixture.pki.get(), publicURL: idpBase, audience: KitFixture.audience, now: { clock.now })
    }

    static func client(_ live: URL, card: String, clock: MovableClock, trustStore: TrustStore? = nil, cardPKI: TestPKI? = nil) throws -> IDPClient {
        let configuration = IDPClient.Configuration(
            discoveryURL: URL(string: "\(idpBase)/idp/.well-known/openid-configuration")!,
            trustStore: try trustStore ?? KitFixture.pki.get().trustStore,
            clock: { clock.now }
        )
        return IDPClient(
            configuration: configuration,
            card: try SoftwareCard(testPKI: cardPKI ?? KitFixture.pki.get(), identity: card),
            sender: Rebase(live: live)
        )
    }

    @Test("login with the SMC-B of practice-a: the token carries its identity and opens the Fachdienst through the VAU")
    func loginAndPrescribe() async throws {
        let clock = MovableClock()
        try await KitFixture.withServer(identityProvider: try Self.idp(clock: clock)) { live in
            let idp = try Self.client(live, card: "practice-a", clock: clock)
            let login = try await idp.login()
            let practice = try KitFixture.pki.get().identity(named: "practice-a")
            #expect(login.claims["idNummer"]?.stringValue == practice.telematikID)
            #expect(login.claims["professionOID"]?.stringValue == practice.professionOID?.dotted)
            #expect(login.claims["aud"]?.stringValue == KitFixture.audience)
            #expect(login.expiresAt == KitFixture.now.addingTimeInterval(300))

            let client = FachdienstClient(transport: try KitFixture.vauTransport(live), accessToken: idp)
            let task = try await client.createTask(flowtype: .pharmacyGKV)
            #expect(task.status.value == "draft")
        }
    }

    @Test("the token is reused while fresh and renewed by a new login shortly before it expires")
    func refreshBeforeExpiry() async throws {
        let clock = MovableClock()
        try await KitFixture.withServer(identityProvider: try Self.idp(clock: clock)) { live in
            let idp = try Self.client(live, card: "pharmacy-a", clock: clock)
            let first = try await idp.accessToken()
            clock.advance(by: 200)
            #expect(try await idp.accessToken() == first)
            // 250 s after issue less than the 60 s margin of the 300 s lifetime remains.
            clock.advance(by: 50)
            let second = try await idp.accessToken()
            #expect(second != first)
            #expect(await idp.currentLogin?.expiresAt == KitFixture.now.addingTimeInterval(550))
        }
    }

    @Test("logout wipes the token buffer and forgets the login")
    func logoutWipes() async throws {
        let clock = MovableClock()
        try await KitFixture.withServer(identityProvider: try Self.idp(clock: clock)) { live in
            let idp = try Self.client(live, card: "practice-a", clock: clock)
            _ = try await idp.login()
            #expect(await idp.isLoggedIn)
            await idp.logout()
            #expect(await idp.isLoggedIn == false)
            #expect(await idp.currentLogin == nil)
        }
        let secret = SecretBytes(Array("eyJhbGciOiJCUDI1NlIxIn0.e30.c2ln".utf8))
        #expect(secret.withBytes { $0.contains { $0 != 0 } })
        secret.wipe()
        #expect(secret.isWiped)
        #expect(secret.withBytes { $0.allSatisfy { $0 == 0 } })
    }

    @Test("an IDP whose signer does not chain to the client's anchors is refused before any card signature")
    func foreignDiscoverySigner() async throws {
        let clock = MovableClock()
        let foreign = try TestPKI.generate(seed: 2)
        try await KitFixture.withServer(identityProvider: try Self.idp(clock: clock)) { live in
            let idp = try Self.client(live, card: "practice-a", clock: clock, trustStore: foreign.trustStore, cardPKI: foreign)
            let error = await #expect(throws: PrimarySystemError(.untrustedIDP)) { try await idp.login() }
            #expect(error?.reason.contains("discovery document") == true)
        }
    }

    @Test("a card the IDP does not trust is refused with the IDP's gematik code")
    func foreignCard() async throws {
        let clock = MovableClock()
        let foreign = try TestPKI.generate(seed: 2)
        try await KitFixture.withServer(identityProvider: try Self.idp(clock: clock)) { live in
            let idp = try Self.client(live, card: "practice-a", clock: clock, cardPKI: foreign)
            let error = await #expect(throws: PrimarySystemError(.idpRefused)) { try await idp.login() }
            #expect(error?.reason.contains("2020") == true)
            #expect(await idp.isLoggedIn == false)
        }
    }
}
