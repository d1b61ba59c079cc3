// SPDX-License-Identifier: Apache-2.0

import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import TICrypto
import Testing

/// ``OCSPClient`` over real HTTP: a Hummingbird server with ``OCSPRoute`` on an ephemeral local port answers for a test
/// PKI whose AIA names that port, as `erezept serve` does for its PKI.
@Suite("OCSP client: requests over HTTP to the responder in the AIA")
struct OCSPClientTests {
    /// What the server answers an OCSP request with; set once the port, and so the PKI's AIA, is known.
    final class Responder: Sendable {
        private let answer = Mutex<(@Sendable ([UInt8], Date) -> [UInt8])?>(nil)
        private let requests = Mutex(0)

        func set(_ answer: @escaping @Sendable ([UInt8], Date) -> [UInt8]) { self.answer.withLock { $0 = answer } }

        /// Answers from the PKI's own responder.
        func set(_ pki: TestPKI) throws {
            let responder = try pki.ocspResponder()
            self.set { request, now in responder.respond(to: request, now: now) }
        }

        func respond(_ request: [UInt8], now: Date) -> [UInt8] {
            self.requests.withLock { $0 += 1 }
            return self.answer.withLock { $0 }?(request, now) ?? []
        }

        var count: Int { self.requests.withLock { $0 } }
    }

    /// Runs `body` with the OCSP URL of a live server that answers with `responder`, at ``TaskFixture/now``.
    static func withResponder(_ responder: Responder, _ body: @Sendable (String) async throws -> Void) async throws {
        var configuration = try Fixture.configuration(clock: TestClock(TaskFixture.now))
        configuration.ocspResponder = { request, now in responder.respond(request, now: now) }
        let router = try buildRouter(configuration: configuration)
        try await Application(router: router).test(.live) { client in
            let port = try #require(client.port)
            try await body("http://127.0.0.1:\(port)/ocsp")
        }
    }

    /// A seeded PKI whose certificates name `ocspURL` in their AIA.
    static func pki(ocspURL: String, seed: UInt64 = 21) throws -> TestPKI {
        try TestPKI.generate(seed: seed, ocspURL: ocspURL)
    }

    static func certificate(_ pki: TestPKI, _ name: String) throws -> (certificate: TelematikCertificate, issuer: TelematikCertificate) {
        let identity = try pki.identity(named: name)
        return (identity.certificate, try pki.identity(named: try #require(identity.issuer)).certificate)
    }

    @Test("the responder in the AIA answers good for doctor-a, and the response checks against the PKI")
    func good() async throws {
        let responder = Responder()
        try await Self.withResponder(responder) { url in
            let pki = try Self.pki(ocspURL: url)
            try responder.set(pki)
            let (certificate, issuer) = try Self.certificate(pki, "doctor-a")
            #expect(try OCSPClient.responderURL(of: certificate).absoluteString == url)
            let response = try await OCSPClient().response(for: certificate, issuer: issuer)
            #expect(response.status == .successful)
            let checked = try response.checkStatus(of: certificate, issuer: issuer, trustStore: pki.trustStore, at: TaskFixture.now, maximumAge: 60)
            #expect(checked.status == .good)
            #expect(responder.count == 1)
        }
    }

    @Test("a responder built from the PKI after it revoked doctor-b answers revoked")
    func revoked() async throws {
        let responder = Responder()
        try await Self.withResponder(responder) { url in
            var pki = try Self.pki(ocspURL: url)
            try pki.revoke("doctor-b", reason: .keyCompromise, at: TaskFixture.now - 3_600)
            try responder.set(pki)
            let (certificate, issuer) = try Self.certificate(pki, "doctor-b")
            let response = try await OCSPClient().response(for: certificate, issuer: issuer)
            let status = try #require(response.basicResponse?.responses.first?.status)
            guard case .revoked = status else {
                Issue.record("expected revoked, got \(status)")
                return
            }
            // doctor-a of the same PKI stays good.
            let (other, otherIssuer) = try Self.certificate(pki, "doctor-a")
            #expect(try await OCSPClient().response(for: other, issuer: otherIssuer).basicResponse?.responses.first?.status == .good)
        }
    }

    @Test("nobody listening at the AIA's URL: a typed unreachable error")
    func unreachable() async throws {
        // Port 1 (tcpmux) is not served here: the connection is refused.
        let pki = try Self.pki(ocspURL: "http://127.0.0.1:1/ocsp", seed: 22)
        let (certificate, issuer) = try Self.certificate(pki, "doctor-a")
        await #expect(throws: OCSPClientError(.unreachable, reason: "")) {
            try await OCSPClient(timeout: 2).response(for: certificate, issuer: issuer)
        }
    }

    @Test("garbage, an empty body, a refusal and an answer about another certificate are typed errors")
    func badAnswers() async throws {
        let responder = Responder()
        try await Self.withResponder(responder) { url in
            let pki = try Self.pki(ocspURL: url)
            let (certificate, issuer) = try Self.certificate(pki, "doctor-a")
            let client = OCSPClient()

            responder.set { _, _ in Array("<html>not OCSP</html>".utf8) }
            await #expect(throws: OCSPClientError(.invalidResponse, reason: "")) { try await client.response(for: certificate, issuer: issuer) }

            responder.set { _, _ in [] }
            await #expect(throws: OCSPClientError(.invalidResponse, reason: "")) { try await client.response(for: certificate, issuer: issuer) }

            // A responder of another PKI does not serve this issuer: `unauthorized` (RFC 5019 §2.2.3).
            try responder.set(try Self.pki(ocspURL: url, seed: 23))
            await #expect(throws: OCSPClientError(.unsuccessful, reason: "")) { try await client.response(for: certificate, issuer: issuer) }

            // A well-formed, signed answer about pharmacy-a while doctor-a was asked about.
            let pharmacy = try Self.certificate(pki, "pharmacy-a")
            let foreignRequest = try OCSPRequest(certIDs: [try OCSPCertID(certificate: pharmacy.certificate, issuer: pharmacy.issuer)])
            let responderOfPKI = try pki.ocspResponder()
            responder.set { _, now in responderOfPKI.respond(to: foreignRequest, now: now) }
            await #expect(throws: OCSPClientError(.wrongCertificate, reason: "")) { try await client.response(for: certificate, issuer: issuer) }
        }
    }

    @Test("a certificate issued by none of the known CAs: unknownIssuer, without a request")
    func unknownIssuer() async throws {
        let responder = Responder()
        try await Self.withResponder(responder) { url in
            let pki = try Self.pki(ocspURL: url)
            try responder.set(pki)
            let doctor = try pki.identity(named: "doctor-a").certificate
            let otherCAs = try Self.pki(ocspURL: url, seed: 24).identities.filter(\.certificate.isCA).map(\.certificate)
            await #expect(throws: OCSPClientError(.unknownIssuer, reason: "")) { try await OCSPClient().response(for: doctor, issuers: otherCAs) }
            #expect(responder.count == 0)
        }
    }

    @Test("the cached source finds the issuer, asks once per hour, and answers nil when the responder fails")
    func cachedSource() async throws {
        let responder = Responder()
        try await Self.withResponder(responder) { url in
            let pki = try Self.pki(ocspURL: url)
            try responder.set(pki)
            let cas = pki.identities.filter(\.certificate.isCA).map(\.certificate)
            let source = OCSPClient().cachedSource(issuers: cas)
            let doctor = try pki.identity(named: "doctor-a").certificate
            let first = try #require(await source(doctor, TaskFixture.now))
            #expect(first.basicResponse?.responses.first?.status == .good)
            #expect(await source(doctor, TaskFixture.now + 3_599)?.derEncoded == first.derEncoded)
            #expect(responder.count == 1)

            // After an hour the responder is asked again; it now answers garbage: nil, and nothing is kept.
            responder.set { _, _ in Array("garbage".utf8) }
            #expect(await source(doctor, TaskFixture.now + 3_600) == nil)
            #expect(await source(doctor, TaskFixture.now + 3_601) == nil)
            #expect(responder.count == 3)
        }
    }
}
