// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import PrimarySystemKit
import Synchronization
import TICrypto
import Testing
import Workflow

/// What the client refuses: a C.FD.ENC it cannot trust, and answers that are not the answer to its request
/// (A_20161-01 step 1, A_20174; spec/ref-impl.md B.1, B.3).
@Suite("PrimarySystemKit: VAU refusals")
struct VAUTransportNegativeTests {
    /// Records what goes out, then passes it on.
    final class RecordingSender: HTTPSender {
        private let wrapped: any HTTPSender = URLSessionHTTPSender()
        private let log = Mutex<[String]>([])
        var requests: [String] { self.log.withLock { $0 } }

        func send(_ request: HTTPRequestMessage, to baseURL: URL) async throws(PrimarySystemError) -> HTTPResponseMessage {
            self.log.withLock { $0.append("\(request.method) \(request.path)") }
            return try await self.wrapped.send(request, to: baseURL)
        }
    }

    private static func client(_ transport: VAUTransport) throws -> FachdienstClient {
        FachdienstClient(transport: transport, accessToken: StaticAccessToken(try KitFixture.token("practice-a")))
    }

    @Test("a C.FD.ENC that does not chain to the client's anchors is refused before anything is encrypted for it")
    func foreignAnchors() async throws {
        let foreign = try TestPKI.generate(seed: 2)
        try await KitFixture.withServer { baseURL in
            let sender = RecordingSender()
            let transport = try KitFixture.vauTransport(baseURL, trustStore: foreign.trustStore, sender: sender)
            let error = await #expect(throws: PrimarySystemError(.untrustedVAUCertificate)) {
                try await Self.client(transport).createTask(flowtype: .pharmacyGKV)
            }
            #expect(error?.reason.contains("untrustedIssuer") == true)
            // The CA certificates of /CertList were tried as intermediates, and nothing was posted to /VAU.
            #expect(sender.requests.contains("GET /CertList"))
            #expect(!sender.requests.contains { $0.hasPrefix("POST /VAU") })
        }
    }

    @Test("a certificate of the client's PKI without the VAU role (the IDP signer) is refused")
    func wrongRole() async throws {
        try await KitFixture.withServer(vauIdentity: "idp-sig") { baseURL in
            let error = await #expect(throws: PrimarySystemError(.untrustedVAUCertificate)) {
                try await Self.client(try KitFixture.vauTransport(baseURL)).createTask(flowtype: .pharmacyGKV)
            }
            #expect(error?.reason.contains("wrongKeyUsage") == true || error?.reason.contains("professionNotAllowed") == true)
        }
    }

    @Test("a revoked C.FD.ENC is refused when the OCSP check is on, and passes when it is off")
    func revoked() async throws {
        var pki = try KitFixture.pki.get()
        _ = try pki.revoke("fd-enc", reason: .keyCompromise, at: KitFixture.now.addingTimeInterval(-3_600))
        try await KitFixture.withServer(pki: pki) { baseURL in
            let error = await #expect(throws: PrimarySystemError(.untrustedVAUCertificate)) {
                try await Self.client(try KitFixture.vauTransport(baseURL, revocationCheck: .required)).createTask(flowtype: .pharmacyGKV)
            }
            #expect(error?.reason.contains("certificateRevoked") == true)
            let task = try await Self.client(try KitFixture.vauTransport(baseURL, revocationCheck: .off)).createTask(flowtype: .pharmacyGKV)
            #expect(task.status.value == "draft")
        }
    }

    @Test("an answer naming another request id is refused with requestIDMismatch")
    func foreignRequestID() async throws {
        let server = try ScriptedVAU { envelope in
            try ScriptedVAU.sealed(requestID: String(repeating: "ab", count: 16), key: envelope.responseKey)
        }
        let transport = try KitFixture.vauTransport(URL(string: "http://erp.invalid")!, revocationCheck: .off, sender: server)
        await #expect(throws: PrimarySystemError(.requestIDMismatch)) {
            try await Self.client(transport).abort(id: try PrescriptionID("160.000.764.737.300.50"), accessCode: AccessCode.random())
        }
        #expect(await transport.userPseudonym == "0")
    }

    @Test("an answer sealed under another key is refused with responseDecryptionFailed")
    func wrongKey() async throws {
        let server = try ScriptedVAU { envelope in
            try ScriptedVAU.sealed(requestID: envelope.requestID, key: envelope.responseKey.map { $0 ^ 0x01 })
        }
        let transport = try KitFixture.vauTransport(URL(string: "http://erp.invalid")!, revocationCheck: .off, sender: server)
        await #expect(throws: PrimarySystemError(.responseDecryptionFailed)) {
            try await Self.client(transport).abort(id: try PrescriptionID("160.000.764.737.300.50"), accessCode: AccessCode.random())
        }
        // The pseudonym of an unauthenticated answer is not adopted.
        #expect(await transport.userPseudonym == "0")
    }

    @Test("the right answer is accepted, its pseudonym used for the next request; request ids are fresh per request")
    func pseudonymAndFreshIDs() async throws {
        let seen = Mutex<[String]>([])
        let server = try ScriptedVAU { envelope in
            seen.withLock { $0.append(envelope.requestID) }
            return try ScriptedVAU.sealed(requestID: envelope.requestID.uppercased(), key: envelope.responseKey)
        }
        let transport = try KitFixture.vauTransport(URL(string: "http://erp.invalid")!, revocationCheck: .off, sender: server)
        let client = try Self.client(transport)
        let id = try PrescriptionID("160.000.764.737.300.50")
        try await client.abort(id: id, accessCode: AccessCode.random())
        try await client.abort(id: id, accessCode: AccessCode.random())
        #expect(server.requests.filter { $0.hasPrefix("POST") } == ["POST /VAU/0", "POST /VAU/5a049a2c-632f841a"])
        let ids = seen.withLock { $0 }
        #expect(ids.count == 2 && ids[0] != ids[1])
        #expect(ids.allSatisfy { $0.count == 32 })
    }

    @Test("an outer refusal of the VAU is reported as vauRefused with its status and message")
    func outerRefusal() async throws {
        let server = try ScriptedVAU { _ in
            HTTPResponseMessage(
                status: 400,
                body: Array(#"{"x-request-id":"x","status":400,"error":"replayedRequest","message":"used before"}"#.utf8)
            )
        }
        let transport = try KitFixture.vauTransport(URL(string: "http://erp.invalid")!, revocationCheck: .off, sender: server)
        let error = await #expect(throws: PrimarySystemError(.vauRefused)) {
            try await Self.client(transport).abort(id: try PrescriptionID("160.000.764.737.300.50"), accessCode: AccessCode.random())
        }
        #expect(error?.status == 400)
        #expect(error?.reason.contains("replayedRequest") == true)
    }

    @Test("a request without bearer token is not sent")
    func missingToken() async throws {
        let server = try ScriptedVAU { envelope in try ScriptedVAU.sealed(requestID: envelope.requestID, key: envelope.responseKey) }
        let transport = try KitFixture.vauTransport(URL(string: "http://erp.invalid")!, revocationCheck: .off, sender: server)
        await #expect(throws: PrimarySystemError(.missingAccessToken)) {
            try await transport.send(HTTPRequestMessage(method: "GET", target: "/metadata"))
        }
        #expect(server.requests.isEmpty)
    }
}
