// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing
import Workflow

/// `POST /VAU/{pseudonym}` end to end: a client encrypts with TICrypto's client functions, the server answers what
/// the plain routes answer, encrypted (gemSpec_Krypt A_20161-01, A_20163, A_20174; spec/ref-impl.md B.1, B.2).
struct VAUChannelTests {
    @Test("GET /metadata through /VAU/0 answers exactly what the plain endpoint answers")
    func metadataRoundTrip() async throws {
        try await VAUFixture.withApp { client, _ in
            let token = try TaskFixture.token(.practiceA)
            let plain = try await client.execute(
                uri: "/metadata",
                method: .get,
                headers: Fixture.headers(token: token, [.accept: "application/fhir+json"])
            )
            let envelope = VAUFixture.Envelope(
                token: token,
                inner: VAUFixture.httpRequest("GET", "/metadata", token: token, headers: [("Accept", "application/fhir+json")])
            )
            let (outer, inner) = try await VAUFixture.send(client, envelope, headers: [HTTPFields.Element.Name("X-erp-resource")!: "metadata"])
            #expect(outer.headers[.contentType] == "application/octet-stream")
            #expect(inner.status == Int(plain.status.code))
            #expect(inner.status == 200)
            #expect(inner.header("Content-Type") == plain.headers[.contentType])
            #expect(inner.body == Array(buffer: plain.body))
            let statement = try FHIRDecoder().decode(CapabilityStatement.self, from: inner.body, format: .json)
            #expect(statement.rest.first?.resource.contains { $0.type.value == "Task" } == true)
        }
    }

    @Test("POST /Task/$create through /VAU/0 creates a draft Task as the plain endpoint does", arguments: [FHIRFormat.json, .xml])
    func createRoundTrip(format: FHIRFormat) async throws {
        try await VAUFixture.withApp { client, store in
            let token = try TaskFixture.token(.practiceA)
            let body = FHIREncoder(format: format).encode(TaskFixture.createParameters())
            let mediaType = FHIRMediaType.contentType(of: format)
            let plain = try await client.execute(
                uri: "/Task/$create",
                method: .post,
                headers: TaskFixture.headers(token, format: format),
                body: ByteBuffer(bytes: body)
            )
            let envelope = VAUFixture.Envelope(
                token: token,
                inner: VAUFixture.httpRequest(
                    "POST",
                    "/Task/$create",
                    token: token,
                    headers: [("Accept", mediaType), ("Content-Type", mediaType)],
                    body: body
                )
            )
            let (_, inner) = try await VAUFixture.send(client, envelope)
            #expect(inner.status == Int(plain.status.code))
            #expect(inner.status == 201)
            #expect(inner.header("Content-Type") == plain.headers[.contentType])

            let plainTask = try TaskFixture.decode(FHIR.Task.self, plain, format: format)
            var vauTask = try FHIRDecoder().decode(FHIR.Task.self, from: inner.body, format: format)
            let vauID = try #require(vauTask.id?.value)
            #expect(vauID != plainTask.id?.value)
            #expect(inner.header("Location") == "\(TaskFixture.baseURL)/Task/\(vauID)")
            // Apart from the identifiers of the new task, both answers are the same resource.
            vauTask.id = plainTask.id
            vauTask.identifier = plainTask.identifier
            #expect(FHIREncoder(format: .json).encode(vauTask) == FHIREncoder(format: .json).encode(plainTask))

            // The task created through the channel is stored as a draft.
            let id = try PrescriptionID(vauID)
            let stored = try await store.transaction { transaction in try transaction.task(id) }
            #expect(stored?.status == .draft)
        }
    }

    @Test("an inner error stays inside: an unauthorised inner request is an encrypted 401 in an outer 200")
    func innerErrorIsEncrypted() async throws {
        try await VAUFixture.withApp { client, store in
            var claims = Fixture.claims(for: .doctorPractice, issuedAt: TaskFixture.now)
            claims["aud"] = .string("https://elsewhere.example/")
            let foreign = try Fixture.token(claims)
            let envelope = VAUFixture.Envelope(token: foreign, inner: VAUFixture.httpRequest("GET", "/metadata", token: foreign))
            let (outer, inner) = try await VAUFixture.send(client, envelope)
            #expect(outer.status == .ok)
            #expect(inner.status == 401)
            #expect(inner.header("WWW-Authenticate") == "Bearer")
            // No pseudonym for a token that does not verify.
            #expect(outer.headers[VAUChannel.userPseudonymHeader] == "0")
            #expect(store.transactionCount == 0)
        }
    }

    @Test("the answer carries a Userpseudonym: the same for the same token, and sending it back keeps it")
    func pseudonymIsStable() async throws {
        try await VAUFixture.withApp { client, _ in
            let token = try TaskFixture.token(.practiceA)
            let first = try await VAUFixture.send(client, Self.metadata(token))
            let pseudonym = try #require(first.outer.headers[VAUChannel.userPseudonymHeader])
            #expect(pseudonym.count == 32)
            #expect(pseudonym.allSatisfy { $0.isHexDigit })
            let second = try await VAUFixture.send(client, Self.metadata(token), pseudonym: pseudonym)
            #expect(second.outer.headers[VAUChannel.userPseudonymHeader] == pseudonym)
            // Another caller (another `sub`) gets another pseudonym.
            var claims = Fixture.claims(for: .pharmacy, issuedAt: TaskFixture.now)
            claims["sub"] = .string("another-subject")
            let other = try Fixture.token(claims)
            let third = try await VAUFixture.send(client, Self.metadata(other), pseudonym: pseudonym)
            let otherPseudonym = try #require(third.outer.headers[VAUChannel.userPseudonymHeader])
            #expect(otherPseudonym != pseudonym)
            #expect(otherPseudonym.count == 32)
        }
    }

    @Test("after the key lifetime a stale pseudonym is answered normally with a fresh one")
    func stalePseudonymIsReplaced() async throws {
        let clock = TestClock(TaskFixture.now)
        try await VAUFixture.withApp(clock: clock) { client, _ in
            let old = try await VAUFixture.send(client, Self.metadata(try TaskFixture.token(.practiceA)))
            let oldPseudonym = try #require(old.outer.headers[VAUChannel.userPseudonymHeader])
            clock.advance(by: VAUConfiguration.defaultPseudonymKeyLifetime + 60)
            // The same subject with a token valid at the new time.
            let token = try TaskFixture.token(.practiceA, at: clock.now)
            let fresh = try await VAUFixture.send(client, Self.metadata(token), pseudonym: oldPseudonym)
            #expect(fresh.inner.status == 200)
            let newPseudonym = try #require(fresh.outer.headers[VAUChannel.userPseudonymHeader])
            #expect(newPseudonym != oldPseudonym)
            #expect(newPseudonym.count == 32)
            let again = try await VAUFixture.send(client, Self.metadata(token), pseudonym: newPseudonym)
            #expect(again.outer.headers[VAUChannel.userPseudonymHeader] == newPseudonym)
        }
    }

    @Test("a client that takes the key from GET /VAUCertificate reaches the server")
    func certificateFromEndpoint() async throws {
        try await VAUFixture.withApp { client, _ in
            let response = try await client.execute(uri: "/VAUCertificate", method: .get)
            let certificate = try TelematikCertificate(derEncoded: Array(buffer: response.body))
            let recipient = try BrainpoolP256r1.KeyAgreement.PublicKey(derRepresentation: certificate.subjectPublicKeyInfo.derEncoded)
            let token = try TaskFixture.token(.practiceA)
            let envelope = Self.metadata(token)
            let sealed = try VAUCrypto.encrypt(plaintext: envelope.plaintext, recipient: recipient)
            let outer = try await VAUFixture.post(client, sealed)
            #expect(outer.status == .ok)
            let plaintext = try VAUResponse.open(Array(buffer: outer.body), key: VAUFixture.bytes(hex: envelope.responseKey))
            #expect(plaintext.starts(with: Array("1 \(envelope.requestID) HTTP/1.1 200 OK\r\n".utf8)))
        }
    }

    static func metadata(_ token: String) -> VAUFixture.Envelope {
        let inner = VAUFixture.httpRequest("GET", "/metadata", token: token, headers: [("Accept", "application/fhir+json")])
        return VAUFixture.Envelope(token: token, inner: inner)
    }
}
