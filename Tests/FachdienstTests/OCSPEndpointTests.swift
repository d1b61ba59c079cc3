// SPDX-License-Identifier: Apache-2.0

import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import TICrypto
import Testing

/// `POST /ocsp` and `GET /ocsp/{request}` (RFC 6960 Appendix A.1): answered by the test PKI's responder without an
/// access token; every other endpoint still requires one.
struct OCSPEndpointTests {
    /// The PKI behind the responder; tests revoke in it while the router runs.
    final class PKIHolder: Sendable {
        let pki: Mutex<TestPKI>

        init(_ pki: TestPKI) { self.pki = Mutex(pki) }

        func respond(_ request: [UInt8], now: Date) -> [UInt8] {
            guard let responder = try? self.pki.withLock({ pki throws(TICryptoError) in try pki.ocspResponder() }) else { return [] }
            return responder.respond(to: request, now: now)
        }
    }

    private static func withOCSPApp(_ holder: PKIHolder, _ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var configuration = try Fixture.configuration(clock: TestClock(Fixture.now))
        configuration.ocspResponder = { request, now in holder.respond(request, now: now) }
        let router = try buildRouter(configuration: configuration)
        try await Application(router: router).test(.router, test)
    }

    private static func doctorRequest(_ pki: TestPKI) throws -> (certificate: TelematikCertificate, issuer: TelematikCertificate, der: [UInt8]) {
        let doctor = try pki.identity(named: "doctor-a")
        let issuer = try pki.identity(named: try #require(doctor.issuer)).certificate
        let request = try OCSPRequest(certIDs: [try OCSPCertID(certificate: doctor.certificate, issuer: issuer)])
        return (doctor.certificate, issuer, request.derEncoded)
    }

    private static func status(
        of body: ByteBuffer,
        _ pki: TestPKI,
        certificate: TelematikCertificate,
        issuer: TelematikCertificate
    ) throws -> OCSPCertStatus {
        let response = try OCSPResponse(derEncoded: Array(buffer: body))
        return try response.checkStatus(of: certificate, issuer: issuer, trustStore: pki.trustStore, at: Fixture.now, maximumAge: 60).status
    }

    @Test("POST without a token: good for doctor-a, revoked after the PKI revokes it")
    func postGoodThenRevoked() async throws {
        let pki = try Fixture.pki.get()
        let holder = PKIHolder(pki)
        let (certificate, issuer, der) = try Self.doctorRequest(pki)
        try await Self.withOCSPApp(holder) { client in
            let headers: HTTPFields = [.contentType: "application/ocsp-request"]
            try await client.execute(uri: "/ocsp", method: .post, headers: headers, body: ByteBuffer(bytes: der)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/ocsp-response")
                let status = try Self.status(of: response.body, pki, certificate: certificate, issuer: issuer)
                #expect(status == .good)
            }
            try holder.pki.withLock { pki throws(TICryptoError) in
                _ = try pki.revoke("doctor-a", reason: .keyCompromise, at: Fixture.now - 3_600)
            }
            try await client.execute(uri: "/ocsp", method: .post, headers: headers, body: ByteBuffer(bytes: der)) { response in
                #expect(response.status == .ok)
                let status = try Self.status(of: response.body, pki, certificate: certificate, issuer: issuer)
                guard case .revoked = status else {
                    Issue.record("expected revoked, got \(status)")
                    return
                }
            }
        }
    }

    @Test("GET with URL-encoded base64 and with base64url")
    func getForms() async throws {
        let pki = try Fixture.pki.get()
        let (certificate, issuer, der) = try Self.doctorRequest(pki)
        let base64 = Data(der).base64EncodedString()
        let urlEncoded = try #require(base64.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let base64url = base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        try await Self.withOCSPApp(PKIHolder(pki)) { client in
            for path in [urlEncoded, base64url, base64] {
                try await client.execute(uri: "/ocsp/" + path, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/ocsp-response")
                    let status = try Self.status(of: response.body, pki, certificate: certificate, issuer: issuer)
                    #expect(status == .good)
                }
            }
            try await client.execute(uri: "/ocsp/!!not-base64!!", method: .get) { response in
                #expect(response.status == .ok)
                let parsed = try OCSPResponse(derEncoded: Array(buffer: response.body))
                #expect(parsed.status == .malformedRequest)
            }
        }
    }

    @Test("garbage is malformedRequest with 200; wrong type 415; over 64 KiB 413")
    func badRequests() async throws {
        try await Self.withOCSPApp(PKIHolder(try Fixture.pki.get())) { client in
            let ocsp: HTTPFields = [.contentType: "application/ocsp-request"]
            for garbage: [UInt8] in [[0xFF, 0x00, 0x13], [0x30, 0x00], []] {
                try await client.execute(uri: "/ocsp", method: .post, headers: ocsp, body: ByteBuffer(bytes: garbage)) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/ocsp-response")
                    let parsed = try OCSPResponse(derEncoded: Array(buffer: response.body))
                    #expect(parsed.status == .malformedRequest && parsed.basicResponse == nil)
                }
            }
            let json: HTTPFields = [.contentType: "application/fhir+json"]
            try await client.execute(uri: "/ocsp", method: .post, headers: json, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unsupportedMediaType)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            }
            let large = ByteBuffer(bytes: [UInt8](repeating: 0x30, count: 64 * 1024 + 1))
            try await client.execute(uri: "/ocsp", method: .post, headers: ocsp, body: large) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }

    @Test("the token is still required everywhere else; without a responder /ocsp does not exist")
    func otherEndpointsKeepTheTokenCheck() async throws {
        try await Self.withOCSPApp(PKIHolder(try Fixture.pki.get())) { client in
            for uri in ["/metadata", "/Task"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                }
            }
            // Only the registered methods are public.
            try await client.execute(uri: "/ocsp", method: .put, body: ByteBuffer(bytes: [0x30, 0x00])) { response in
                #expect(response.status == .unauthorized)
            }
        }
        let token = try Fixture.token(for: .doctorPractice)
        try await Fixture.withApp { client in
            let headers: HTTPFields = [.contentType: "application/ocsp-request"]
            try await client.execute(uri: "/ocsp", method: .post, headers: headers, body: ByteBuffer(bytes: [0x30, 0x00])) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/ocsp", method: .post, headers: Fixture.headers(token: token, headers)) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
