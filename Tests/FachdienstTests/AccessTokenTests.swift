// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing
import Workflow

struct AccessTokenTests {
    /// A token that must be refused, with the issue code of the answer.
    struct BadToken: Sendable, CustomTestStringConvertible {
        let name: String
        let issueCode: String
        let make: @Sendable () throws -> String?

        var testDescription: String { self.name }
    }

    static func modified(
        _ person: Fixture.Person = .pharmacy,
        _ change: @escaping @Sendable (inout [String: JOSEValue]) -> Void
    ) -> @Sendable () throws -> String? {
        {
            var claims = Fixture.claims(for: person)
            change(&claims)
            return try Fixture.token(claims)
        }
    }

    static let badTokens: [BadToken] = [
        BadToken(name: "missing", issueCode: "login") { nil },
        BadToken(name: "garbled", issueCode: "security") { "not.a.jws" },
        BadToken(name: "expired", issueCode: "expired", make: modified { $0["exp"] = .integer(Int64(Fixture.now.timeIntervalSince1970) - 1) }),
        BadToken(
            name: "iat beyond skew",
            issueCode: "security",
            make: modified { $0["iat"] = .integer(Int64(Fixture.now.timeIntervalSince1970) + 3) }
        ),
        BadToken(
            name: "nbf in future",
            issueCode: "security",
            make: modified { $0["nbf"] = .integer(Int64(Fixture.now.timeIntervalSince1970) + 10) }
        ),
        BadToken(name: "wrong aud", issueCode: "security", make: modified { $0["aud"] = .string("https://other.example/") }),
        BadToken(name: "aud as array", issueCode: "security", make: modified { $0["aud"] = .array([.string(Fixture.audience)]) }),
        BadToken(name: "wrong acr", issueCode: "security", make: modified { $0["acr"] = .string("gematik-ehealth-loa-low") }),
        BadToken(
            name: "substantial acr for an institution",
            issueCode: "security",
            make: modified {
                $0["acr"] = .string(AccessTokenVerifier.acrSubstantial)
                $0["urn:telematik:auth:consent"] = .string("loa-substantial")
            }
        ),
        BadToken(name: "no professionOID", issueCode: "security", make: modified { $0["professionOID"] = nil }),
        BadToken(name: "professionOID of no role", issueCode: "security", make: modified { $0["professionOID"] = .string("1.2.276.0.76.4.30") }),
        BadToken(name: "no idNummer", issueCode: "security", make: modified { $0["idNummer"] = nil }),
        BadToken(name: "no jti", issueCode: "security", make: modified { $0["jti"] = nil }),
        BadToken(name: "insurant with invalid KVNR", issueCode: "security", make: modified(.insurant) { $0["idNummer"] = .string("X110580066") }),
        BadToken(
            name: "insurant without a name",
            issueCode: "security",
            make: modified(.insurant) { claims in
                for name in ["display_name", "given_name", "family_name"] { claims[name] = nil }
            }
        ),
        BadToken(name: "wrong signer", issueCode: "security") {
            try Fixture.token(Fixture.claims(for: .pharmacy), signer: Fixture.pki.get().identity(named: "doctor-a"))
        },
        BadToken(name: "signature of another payload", issueCode: "security") {
            let good = try Fixture.token(for: .pharmacy).split(separator: ".")
            let other = try Fixture.token(for: .doctorPractice).split(separator: ".")
            return [good[0], other[1], good[2]].joined(separator: ".")
        },
    ]

    @Test(arguments: badTokens)
    func refusedTokenGets401WithOperationOutcome(_ bad: BadToken) async throws {
        let token = try bad.make()
        try await Fixture.withApp { client in
            try await client.execute(uri: "/metadata", method: .get, headers: Fixture.headers(token: token)) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                let issue = try Fixture.issue(response)
                #expect(issue.severity.value == "error")
                #expect(issue.code.value == bad.issueCode)
            }
        }
    }

    @Test func iatWithinTheSkewIsAccepted() async throws {
        let token = try Fixture.token(Fixture.claims(for: .doctorPractice, issuedAt: Fixture.now.addingTimeInterval(2)))
        try await Fixture.withApp { client in
            try await client.execute(uri: "/metadata", method: .get, headers: Fixture.headers(token: token)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func insurantWithSubstantialAssuranceAndConsentIsAccepted() async throws {
        var claims = Fixture.claims(for: .insurant)
        claims["acr"] = .string(AccessTokenVerifier.acrSubstantial)
        claims["urn:telematik:auth:consent"] = .string("loa-substantial")
        let token = try Fixture.token(claims)
        try await Fixture.withApp { client in
            try await client.execute(uri: "/metadata", method: .get, headers: Fixture.headers(token: token)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func signatureIsVerifiedOnceForRepeatedRequests() async throws {
        let clock = TestClock(Fixture.now)
        let counting = CountingSignatureVerifier(try IDPSignatureVerifier(certificate: Fixture.idpSigner().certificate))
        let verifier = AccessTokenVerifier(signatureVerifier: counting, audience: Fixture.audience, clock: clock)
        let token = try Fixture.token(for: .pharmacy)
        try await Fixture.withApp(clock: clock, verifier: verifier) { client in
            for _ in 0..<3 {
                try await client.execute(uri: "/metadata", method: .get, headers: Fixture.headers(token: token)) { response in
                    #expect(response.status == .ok)
                }
            }
            #expect(counting.count == 1)
            // The cached result ends with the token's exp.
            clock.advance(by: 301)
            try await client.execute(uri: "/metadata", method: .get, headers: Fixture.headers(token: token)) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func cacheStaysWithinItsCapacity() throws {
        let clock = TestClock(Fixture.now)
        let verifier = AccessTokenVerifier(
            signatureVerifier: try IDPSignatureVerifier(certificate: Fixture.idpSigner().certificate),
            audience: Fixture.audience,
            clock: clock,
            cacheCapacity: 2
        )
        for _ in 0..<5 {
            _ = try verifier.verify(try Fixture.token(for: .doctorPractice))
        }
        #expect(verifier.cachedTokenCount <= 2)
    }

    @Test func verifiedCallerCarriesRoleAndIdentifier() throws {
        let verifier = try AccessTokenVerifier(configuration: Fixture.configuration(clock: TestClock(Fixture.now)))
        let insurant = try verifier.verify(try Fixture.token(for: .insurant))
        #expect(insurant.role == .insurant)
        #expect(insurant.identifier.description == "X110580065")
        #expect(insurant.displayName == "Erika Mustermann")
        let pharmacy = try verifier.verify(try Fixture.token(for: .pharmacy))
        #expect(pharmacy.role == .pharmacy)
        #expect(pharmacy.identifier.description == "3-SMC-B-Testkarte-883110000116873")
    }
}
