// SPDX-License-Identifier: Apache-2.0

import Crypto
import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Synchronization
import TICrypto
import Workflow

/// A store that counts the transactions it runs, to show that a refused VAU request never reaches the workflow.
final class CountingWorkflowStore: WorkflowStore {
    private let wrapped: any WorkflowStore
    private let counter = Mutex(0)

    init(_ wrapped: any WorkflowStore) { self.wrapped = wrapped }

    var transactionCount: Int { self.counter.withLock { $0 } }

    func transaction<Result: Sendable>(_ body: @escaping @Sendable (any WorkflowTransaction) throws -> Result) async throws -> Result {
        self.counter.withLock { $0 += 1 }
        return try await self.wrapped.transaction(body)
    }
}

/// The VAU tests' world: ``TaskFixture``'s PKI, clock and store with the VAU channel switched on, and a client that
/// encrypts with TICrypto's client functions as a primary system does (spec/ref-impl.md B.1).
enum VAUFixture {
    static let vau: Result<VAUConfiguration, any Error> = Result { try VAUConfiguration(testPKI: TaskFixture.pki.get()) }

    /// The VAU public key as a client takes it from C.FD.ENC.
    static func recipient() throws -> BrainpoolP256r1.KeyAgreement.PublicKey {
        try BrainpoolP256r1.KeyAgreement.PublicKey(derRepresentation: try self.vau.get().certificate.subjectPublicKeyInfo.derEncoded)
    }

    /// Runs `test` against an in-process router with the VAU channel, Task operations over a fresh in-memory store,
    /// and the test PKI's OCSP responder.
    static func withApp(
        clock: TestClock = TestClock(TaskFixture.now),
        vau: VAUConfiguration? = nil,
        _ test: @Sendable (any TestClientProtocol, CountingWorkflowStore) async throws -> Void
    ) async throws {
        let pki = try TaskFixture.pki.get()
        let responder = try pki.ocspResponder()
        let configuration = FachdienstConfiguration(
            idpSignerCertificate: try Fixture.idpSigner().certificate,
            audience: Fixture.audience,
            clock: clock,
            publicBaseURL: TaskFixture.baseURL,
            ocspResponder: { request, now in responder.respond(to: request, now: now) },
            vau: try vau ?? self.vau.get()
        )
        let signature = PrescriptionSignature(trustStore: pki.trustStore) { certificate, now in pki.ocspResponse(for: certificate, now: now) }
        let store = CountingWorkflowStore(try SQLiteWorkflowStore.inMemory(masterKey: SymmetricKey(size: .bits256)))
        let workflow = WorkflowService(store: store, clock: clock, prescriptionSignature: signature)
        let router = try buildRouter(configuration: configuration, workflow: workflow)
        try await Application(router: router).test(.router) { client in try await test(client, store) }
    }

    /// A random request id (16 bytes, 32 lowercase hex characters) or response key.
    static func randomHex() -> String { hex((0..<16).map { _ in UInt8.random(in: .min ... .max) }) }

    static func hex(_ bytes: some Sequence<UInt8>) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func bytes(hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    /// An HTTP/1.1 request as a primary system writes it.
    static func httpRequest(
        _ method: String,
        _ target: String,
        token: String?,
        headers: [(String, String)] = [],
        body: [UInt8] = []
    ) -> [UInt8] {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: erp.example\r\nUser-Agent: VAUTests/1.0 Tests/test-client\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
        return Array((head + "\r\n").utf8) + body
    }

    /// One client request: the fields of the plaintext.
    struct Envelope {
        var version = "1"
        var token: String
        var requestID = VAUFixture.randomHex()
        var responseKey = VAUFixture.randomHex()
        var inner: [UInt8]

        var plaintext: [UInt8] { Array("\(self.version) \(self.token) \(self.requestID) \(self.responseKey) ".utf8) + self.inner }

        /// `0x01 ‖ X ‖ Y ‖ IV ‖ ciphertext ‖ tag` for the fixture's VAU key.
        func sealed() throws -> [UInt8] { try VAUCrypto.encrypt(plaintext: self.plaintext, recipient: try VAUFixture.recipient()) }
    }

    /// The decrypted inner response.
    struct InnerResponse {
        let status: Int
        let headers: [String: String]
        let body: [UInt8]

        func header(_ name: String) -> String? { self.headers[name.lowercased()] }
    }

    /// Posts `body` to `/VAU/{pseudonym}` with the outer headers of a primary system.
    static func post(
        _ client: some TestClientProtocol,
        _ body: [UInt8],
        pseudonym: String = "0",
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/octet-stream", .userAgent: "VAUTests/1.0 Tests/test-client"]
        headers.append(contentsOf: extra)
        return try await client.execute(uri: "/VAU/\(pseudonym)", method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    /// Sends `envelope` and opens the answer: checks the outer 200 and the `"1" SP request-id SP` prefix.
    static func send(
        _ client: some TestClientProtocol,
        _ envelope: Envelope,
        pseudonym: String = "0",
        headers: HTTPFields = [:]
    ) async throws -> (outer: TestResponse, inner: InnerResponse) {
        let outer = try await self.post(client, try envelope.sealed(), pseudonym: pseudonym, headers: headers)
        guard outer.status == .ok else { throw VAUFixtureError.outerStatus(outer.status.code) }
        let plaintext = try VAUResponse.open(Array(buffer: outer.body), key: self.bytes(hex: envelope.responseKey))
        let prefix = Array("1 \(envelope.requestID) ".utf8)
        guard plaintext.starts(with: prefix) else { throw VAUFixtureError.wrongPrefix }
        return (outer, try self.parseResponse(Array(plaintext.dropFirst(prefix.count))))
    }

    /// A minimal HTTP/1.1 response reader for the tests: status line, headers, body of `Content-Length` bytes.
    static func parseResponse(_ bytes: [UInt8]) throws -> InnerResponse {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = (0...(bytes.count - separator.count)).first(where: { bytes[$0..<($0 + 4)].elementsEqual(separator) }) else {
            throw VAUFixtureError.malformedResponse
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0] == "HTTP/1.1", let status = Int(statusParts[1]) else { throw VAUFixtureError.malformedResponse }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw VAUFixtureError.malformedResponse }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = Array(bytes[(end + 4)...])
        guard headers["content-length"].flatMap(Int.init) == body.count else { throw VAUFixtureError.malformedResponse }
        return InnerResponse(status: status, headers: headers, body: body)
    }

    /// The JSON body of an outer error.
    struct OuterError: Decodable {
        let requestID: String
        let status: Int
        let error: String
        let message: String

        enum CodingKeys: String, CodingKey {
            case requestID = "x-request-id"
            case status, error, message
        }
    }

    static func outerError(_ response: TestResponse) throws -> OuterError {
        try JSONDecoder().decode(OuterError.self, from: Data(Array(buffer: response.body)))
    }

    enum VAUFixtureError: Error {
        case outerStatus(Int)
        case wrongPrefix
        case malformedResponse
    }
}
