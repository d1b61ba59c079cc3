// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import TICrypto
import Workflow

/// A clock the test moves by hand.
final class TestClock: WallClock {
    private let instant: Mutex<Date>

    init(_ now: Date) { self.instant = Mutex(now) }

    var now: Date { self.instant.withLock { $0 } }

    func advance(by seconds: TimeInterval) { self.instant.withLock { $0 += seconds } }
}

/// Counts the signature checks it passes on, to show the token cache at work.
final class CountingSignatureVerifier: AccessTokenSignatureVerifier {
    private let wrapped: IDPSignatureVerifier
    private let counter = Mutex(0)

    init(_ wrapped: IDPSignatureVerifier) { self.wrapped = wrapped }

    var count: Int { self.counter.withLock { $0 } }

    func verifySignature(of jws: JWS) throws {
        self.counter.withLock { $0 += 1 }
        try self.wrapped.verifySignature(of: jws)
    }
}

/// The test PKI, the callers and the token minting shared by the tests.
enum Fixture {
    static let audience = "https://erp-test.example/"
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let pki: Result<TestPKI, TICryptoError> = Result { () throws(TICryptoError) in try TestPKI.generate(seed: 1) }

    static func idpSigner() throws -> TestPKI.Identity { try self.pki.get().identity(named: "idp-sig") }

    /// A caller of the token claims.
    enum Person {
        case doctorPractice
        case pharmacy
        case insurant

        var professionOID: String {
            switch self {
            case .doctorPractice: TelematikOID.praxisArzt.dotted
            case .pharmacy: TelematikOID.oeffentlicheApotheke.dotted
            case .insurant: TelematikOID.versicherter.dotted
            }
        }

        var idNummer: String {
            switch self {
            case .doctorPractice: "1-SMC-B-Testkarte-883110000095957"
            case .pharmacy: "3-SMC-B-Testkarte-883110000116873"
            case .insurant: "X110580065"
            }
        }
    }

    /// The claims of a valid token for `person`, issued at `now`, valid for 300 s.
    static func claims(for person: Person, issuedAt: Date = Fixture.now) -> [String: JOSEValue] {
        let iat = Int64(issuedAt.timeIntervalSince1970)
        var claims: [String: JOSEValue] = [
            "iss": .string("https://idp.example/"),
            "sub": .string("subject-\(person.idNummer.count)"),
            "aud": .string(self.audience),
            "acr": .string(AccessTokenVerifier.acrHigh),
            "amr": .array([.string("mfa"), .string("sc"), .string("pin")]),
            "professionOID": .string(person.professionOID),
            "idNummer": .string(person.idNummer),
            "organizationName": .string("Test Organisation"),
            "given_name": .string("Erika"),
            "family_name": .string("Mustermann"),
            "client_id": .string("test-client"),
            "scope": .string("openid e-rezept"),
            "jti": .string(UUID().uuidString),
            "iat": .integer(iat),
            "exp": .integer(iat + 300),
        ]
        if person == .insurant { claims["display_name"] = .string("Erika Mustermann") }
        return claims
    }

    /// A compact BP256R1 JWS over `claims`, signed by `signer` (the IDP by default).
    static func token(_ claims: [String: JOSEValue], signer: TestPKI.Identity? = nil) throws -> String {
        let key = try (signer ?? self.idpSigner()).privateKey
        let payload = try JSONEncoder().encode(claims)
        let header = JOSEHeader(fields: ["typ": .string("at+JWT")])
        return try JWS.sign(payload: Array(payload), header: header, key: key).compactSerialization
    }

    static func token(for person: Person) throws -> String { try self.token(self.claims(for: person)) }

    static func configuration(clock: TestClock) throws -> FachdienstConfiguration {
        FachdienstConfiguration(idpSignerCertificate: try self.idpSigner().certificate, audience: self.audience, clock: clock)
    }

    /// Runs `test` against an in-process router.
    static func withApp(
        clock: TestClock = TestClock(Fixture.now),
        routes: [any FachdienstRoute] = FachdienstRoutes.all,
        verifier: AccessTokenVerifier? = nil,
        _ test: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let configuration = try self.configuration(clock: clock)
        let verifier = try verifier ?? AccessTokenVerifier(configuration: configuration)
        let router = buildRouter(configuration: configuration, routes: routes, accessTokenVerifier: verifier)
        try await Application(router: router).test(.router, test)
    }

    static func headers(token: String?, _ extra: HTTPFields = [:]) -> HTTPFields {
        var fields = extra
        if let token { fields[.authorization] = "Bearer \(token)" }
        return fields
    }

    /// The single issue of an OperationOutcome body in `format`.
    static func issue(_ response: TestResponse, format: FHIRFormat? = nil) throws -> OperationOutcome.Issue {
        let outcome = try FHIRDecoder().decode(OperationOutcome.self, from: Array(buffer: response.body), format: format)
        guard outcome.issue.count == 1 else { throw FixtureError.unexpectedIssueCount(outcome.issue.count) }
        return outcome.issue[0]
    }

    enum FixtureError: Error {
        case unexpectedIssueCount(Int)
    }
}
