// SPDX-License-Identifier: Apache-2.0

import Fachdienst
import Foundation
import TICrypto
import Testing
import Workflow

@Suite("The test PKI's access tokens (erezept token) pass the Fachdienst's token check")
struct TestPKIAccessTokenTests {
    @Test(
        "practice, pharmacy, payer, doctor and insurant tokens verify with their role and ID",
        arguments: [
            ("practice-a", Role.prescriber), ("pharmacy-a", Role.pharmacy), ("payer", Role.payer), ("insurant-a", Role.insurant),
            ("insurant-pkv", Role.insurant),
        ]
    )
    func verifies(_ name: String, _ role: Role) throws {
        let pki = try Fixture.pki.get()
        let clock = TestClock(Fixture.now)
        let verifier = try AccessTokenVerifier(configuration: try Fixture.configuration(clock: clock))
        let token = try pki.accessToken(for: name, audience: Fixture.audience, now: Fixture.now)
        let caller = try verifier.verify(token)
        let identity = try pki.identity(named: name)
        #expect(caller.role == role)
        #expect(caller.professionOID == identity.professionOID)
        #expect(caller.identifier.description == (identity.telematikID ?? identity.kvnr))
        #expect(caller.expiresAt == Fixture.now + 300)
    }

    @Test("another audience, an expired token and an identity without profession are refused")
    func refusals() throws {
        let pki = try Fixture.pki.get()
        let verifier = try AccessTokenVerifier(configuration: try Fixture.configuration(clock: TestClock(Fixture.now)))
        #expect(throws: AccessTokenError.self) {
            try verifier.verify(try pki.accessToken(for: "pharmacy-a", audience: "https://elsewhere.example/", now: Fixture.now))
        }
        #expect(throws: AccessTokenError.self) {
            try verifier.verify(try pki.accessToken(for: "pharmacy-a", audience: Fixture.audience, now: Fixture.now - 301))
        }
        #expect(throws: TICryptoError(.invalidParameter)) { try pki.accessToken(for: "ocsp", audience: Fixture.audience) }
    }
}
