// SPDX-License-Identifier: Apache-2.0

import Foundation
import Hummingbird
import HummingbirdTesting
import IdentityProvider
import Synchronization
import TICrypto

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let instant: Mutex<Date>

    init(_ now: Date) { self.instant = Mutex(now) }

    var now: Date { self.instant.withLock { $0 } }

    func advance(by seconds: TimeInterval) { self.instant.withLock { $0 += seconds } }
}

/// The test PKI (with the special cards the refusal tests need) and an in-process IDP over it.
enum IDPFixture {
    static let publicURL = "https://erp.example"
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    /// The seeded PKI plus `practice-expired` (validity ended a year ago) and `practice-bare` (no Admission), both known
    /// to the OCSP responder, and `practice-b` revoked an hour before ``now``.
    static let pki: Result<TestPKI, TICryptoError> = Result { () throws(TICryptoError) in
        var pki = try TestPKI.generate(seed: 3)
        let expired = try pki.issue(
            .smcb(
                name: "practice-expired",
                organization: "Praxis Abgelaufen",
                professionItem: "Betriebsstätte Arzt",
                professionOID: TelematikOID.praxisArzt,
                telematikID: "1-SMC-B-Testkarte-883110000900099"
            ),
            by: "smcb-ca",
            validity: now.addingTimeInterval(-2 * 365 * 86_400)...now.addingTimeInterval(-365 * 86_400)
        )
        var bareProfile = TestPKI.Profile.smcb(
            name: "practice-bare",
            organization: "Praxis Ohne Zulassung",
            professionItem: "Betriebsstätte Arzt",
            professionOID: TelematikOID.praxisArzt,
            telematikID: "1-SMC-B-Testkarte-883110000900098"
        )
        bareProfile.admission = nil
        let bare = try pki.issue(bareProfile, by: "smcb-ca", validity: now.addingTimeInterval(-86_400)...now.addingTimeInterval(365 * 86_400))
        try pki.add(expired)
        try pki.add(bare)
        _ = try pki.revoke("practice-b", reason: .keyCompromise, at: now.addingTimeInterval(-3_600))
        return pki
    }

    /// Another PKI with the same names: its `practice-a` is foreign to ``pki``.
    static let foreignPKI: Result<TestPKI, TICryptoError> = Result { () throws(TICryptoError) in try TestPKI.generate(seed: 99) }

    static func identity(_ name: String) throws -> TestPKI.Identity { try self.pki.get().identity(named: name) }

    /// The IDP over ``pki`` at ``publicURL`` with `clock`.
    static func provider(clock: ManualClock) throws -> IdentityProvider {
        let clockNow: @Sendable () -> Date = { clock.now }
        return IdentityProvider(configuration: try IdentityProviderConfiguration(testPKI: self.pki.get(), publicURL: self.publicURL, now: clockNow))
    }

    /// Runs `test` with a client of an in-process IDP.
    static func withIDP(clock: ManualClock = ManualClock(IDPFixture.now), _ test: @Sendable (IDPTestClient) async throws -> Void) async throws {
        let router = Router()
        try self.provider(clock: clock).addRoutes(to: router)
        try await Application(router: router).test(.router) { client in
            try await test(IDPTestClient(client: client, publicURL: self.publicURL))
        }
    }
}
