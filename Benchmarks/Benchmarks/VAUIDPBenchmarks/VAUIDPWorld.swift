// SPDX-License-Identifier: Apache-2.0

import Crypto
import Fachdienst
import Foundation
import Hummingbird
import IdentityProvider
import Logging
import NIOEmbedded
import PrimarySystemKit
import RouterBenchmarkSupport
import Storage
import Synchronization
import TICrypto
import Workflow

/// The server under test and the client's side of an IDP login and of a VAU request: the seeded test PKI, a clock fixed
/// at start-up (so tokens, challenges and codes never expire during the run), the IDP mounted as public routes of the
/// Fachdienst's router, the VAU channel with the PKI's `fd-enc` key, a file-backed SQLite store holding one activated
/// task of insurant A, and the insurant's access token.
///
/// The access-token signature check is wrapped in a counter, so the benchmarks can show how often a token's signature
/// is verified.
final class VAUIDPWorld: Sendable {
    /// Built once per process; a broken setup stops the run.
    static let shared: VAUIDPWorld = {
        do {
            return try VAUIDPWorld()
        } catch {
            fatalError("the VAU/IDP benchmark cannot be set up: \(error)")
        }
    }()

    static let publicURL = "https://erp-bench.example"
    static let audience = "https://erp-bench.example/"
    /// The PrescriptionID and KVNR of the KBV example bundle.
    static let examplePrescriptionID = "160.000.764.737.300.50"
    static let exampleKVNR = "X234567891"

    let now: Date
    let pki: TestPKI
    let client: RouterClient
    let signatureCounter: CountingSignatureVerifier
    /// The VAU's public key, as the client takes it from C.FD.ENC.
    let vauPublicKey: BrainpoolP256r1.KeyAgreement.PublicKey
    let vauPrivateKey: BrainpoolP256r1.KeyAgreement.PrivateKey
    /// The card that logs in at the IDP (SMC-B of practice A).
    let card: SoftwareCard
    /// The insurant's access token, reused for every request, as a client does for its lifetime.
    let insurantToken: String
    /// What the setup's requests yield: the IDP's keys and endpoints as the client knows them after discovery, and
    /// the activated task of insurant A.
    struct Setup: Sendable {
        var discovery: Discovery
        var taskID: String
    }

    /// The setup's requests, started by the first benchmark that needs them, so that nothing runs concurrently with
    /// the registration of the benchmarks.
    var setup: Task<Setup, any Error> {
        self.setupTask.withLock { task in
            if let task { return task }
            let started = Task(operation: self.setupWork)
            task = started
            return started
        }
    }

    private let setupWork: @Sendable () async throws -> Setup
    private let setupTask = Mutex<Task<Setup, any Error>?>(nil)
    /// The last user pseudonym the VAU answered; `0` before the first.
    let pseudonym: Mutex<String>

    private init() throws {
        let now = Date()
        self.now = now
        let clock = FixedClock(now)
        let pki = try TestPKI.generate(seed: 1, now: now.addingTimeInterval(-86_400))
        self.pki = pki

        let vau = try VAUConfiguration(testPKI: pki)
        self.vauPrivateKey = vau.privateKey
        self.vauPublicKey = vau.privateKey.publicKey
        let configuration = FachdienstConfiguration(
            idpSignerCertificate: try pki.identity(named: "idp-sig").certificate,
            audience: Self.audience,
            clock: clock,
            publicBaseURL: Self.publicURL,
            vau: vau,
            plainEndpoints: true
        )
        let counter = CountingSignatureVerifier(try IDPSignatureVerifier(certificate: configuration.idpSignerCertificate))
        self.signatureCounter = counter
        let verifier = AccessTokenVerifier(
            signatureVerifier: counter,
            audience: configuration.audience,
            clock: clock,
            clockSkew: configuration.clockSkew,
            cacheCapacity: configuration.tokenCacheCapacity
        )

        // As `erezept serve`: OCSP responses for the HBA are reused (OCSPResponseCache).
        let ocsp = OCSPResponseCache { certificate, now in pki.ocspResponse(for: certificate, now: now) }
        let signature = PrescriptionSignature(trustStore: pki.trustStore) { certificate, now in await ocsp.response(for: certificate, now: now) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vau-idp-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let workflow = WorkflowService(
            store: try SQLiteWorkflowStore(directory: directory.path),
            clock: clock,
            prescriptionSignature: signature,
            receiptSigner: try ReceiptSigner(testPKI: pki),
            patientCopySigner: try PatientCopySigner(testPKI: pki, deviceReference: "\(Self.publicURL)/Device/1")
        )

        // The IDP of `erezept serve`, except that the card's OCSP response is reused (OCSPResponseCache) as a relying
        // party may within the grace period, instead of the test PKI signing a fresh one for every login.
        let idpSigner = try pki.identity(named: "idp-sig")
        let cardOCSP = OCSPResponseCache(source: { certificate, now in pki.ocspResponse(for: certificate, now: now) })
        let idp = IdentityProvider(
            configuration: IdentityProviderConfiguration(
                publicURL: Self.publicURL,
                audience: Self.audience,
                signingKey: idpSigner.privateKey,
                signingCertificate: idpSigner.certificate,
                encryptionKey: try pki.idpEncryptionKey(),
                trustStore: pki.trustStore,
                ocspSource: { certificate, now in cardOCSP.response(for: certificate, now: now) },
                now: { now }
            )
        )
        let idpRoutes = RouteCollection(context: FachdienstRequestContext.self)
        idp.addRoutes(to: idpRoutes)
        let router = buildRouter(configuration: configuration, accessTokenVerifier: verifier, workflow: workflow, publicRoutes: idpRoutes)
        let client = RouterClient(responder: router.buildResponder())
        self.client = client
        self.card = try SoftwareCard(testPKI: pki, identity: "practice-a")
        self.pseudonym = Mutex("0")

        // Setup, outside every measurement: discovery, a task for insurant A, activated with the doctor's QES.
        let insurant = try pki.identity(named: "insurant-a")
        guard let kvnr = insurant.kvnr else { throw BenchmarkFailure("insurant-a has no KVNR") }
        self.insurantToken = try pki.accessToken(for: "insurant-a", audience: Self.audience, now: now)
        let practiceToken = try pki.accessToken(for: "practice-a", audience: Self.audience, now: now)
        let doctor = try pki.identity(named: "doctor-a")
        let qesSigner = try CMSSigner(
            key: doctor.privateKey,
            certificateDER: doctor.certificate.derEncoded,
            chainDER: [try pki.identity(named: "hba-ca").certificate.derEncoded]
        )
        let bundle = try Self.exampleBundle(now: now).replacingOccurrences(of: Self.exampleKVNR, with: kvnr)
        let trustStore = pki.trustStore
        // The requests of the setup run on a task of their own; every benchmark awaits it before measuring.
        self.setupWork = {
            let discovery = try await Discovery.fetch(client, trustStore: trustStore, now: now)
            let taskID = try await Self.createActivatedTask(client, token: practiceToken, bundle: bundle, signer: qesSigner, now: now)
            return Setup(discovery: discovery, taskID: taskID)
        }
    }

    /// The KBV example bundle with `authoredOn` set to today in Berlin.
    private static func exampleBundle(now: Date) throws -> String {
        let shared = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/fhir-examples")
            .standardizedFileURL
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
        let day = calendar.dateComponents([.year, .month, .day], from: now)
        let today = String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
        let bundle = try String(
            contentsOf: shared.appendingPathComponent("e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_1/PZN_Nr1_VerordnungArzt.xml"),
            encoding: .utf8
        )
        return bundle.replacing(/<authoredOn value="[0-9-]+"\/>/) { _ in "<authoredOn value=\"\(today)\"/>" }
    }

    /// `$create` and `$activate` of one task by practice A.
    private static func createActivatedTask(
        _ client: RouterClient,
        token: String,
        bundle: String,
        signer: CMSSigner,
        now: Date
    ) async throws -> String {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        headers[.accept] = "application/fhir+json"
        headers[.contentType] = "application/fhir+json"
        let create =
            #"{"resourceType":"Parameters","parameter":[{"name":"workflowType","valueCoding":{"system":""#
            + Flowtype.system + #"","code":"160"}}]}"#
        let created = try await client.execute(uri: "/Task/$create", method: .post, headers: headers, body: ByteBuffer(string: create))
        try expect(created, "$create")
        let bytes = Array(buffer: created.body)
        guard let id = JSONScan.value(after: "\"id\":\"", in: bytes), let accessCode = JSONScan.identifier(AccessCode.system, in: bytes) else {
            throw BenchmarkFailure("$create without id or AccessCode")
        }
        let qes = try signer.sign(Array(bundle.replacingOccurrences(of: Self.examplePrescriptionID, with: id).utf8), signingTime: now)
        let activate =
            #"{"resourceType":"Parameters","parameter":[{"name":"ePrescription","resource":{"resourceType":"Binary","contentType":"application/pkcs7-mime","data":""#
            + Data(qes).base64EncodedString() + #""}}]}"#
        if let name = HTTPFields.Element.Name("X-AccessCode") { headers[name] = accessCode }
        let activated = try await client.execute(
            uri: "/Task/\(id)/$activate",
            method: .post,
            headers: headers,
            body: ByteBuffer(string: activate)
        )
        try expect(activated, "$activate")
        return id
    }

    // MARK: - Plain and VAU requests

    /// The insurant's plain `GET /Task/{id}`: the Task with the patient copy of the prescription.
    func plainGetTask(_ taskID: String) async throws -> RouterClient.Response {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(self.insurantToken)"
        headers[.accept] = "application/fhir+json"
        let response = try await self.client.execute(uri: "/Task/\(taskID)", method: .get, headers: headers)
        try Self.expect(response, "GET /Task/{id}")
        return response
    }

    /// The inner request of the VAU `GET /Task/{id}` under `token`, serialised as the client sends it.
    func innerGetTask(_ taskID: String, token: String) throws -> [UInt8] {
        let request = HTTPRequestMessage(
            method: "GET",
            target: "/Task/\(taskID)",
            headers: ["Authorization": "Bearer \(token)", "Accept": "application/fhir+json", "User-Agent": "erezept-bench/1"]
        )
        return try HTTP1Codec.serialize(request, host: "erp-bench.example")
    }

    /// A VAU request as the client has it before sending: the exchange (request id, response key) and the sealed body.
    struct SealedRequest: Sendable {
        var exchange: VAUClientRequest
        var body: ByteBuffer
    }

    /// Seals the insurant's `GET /Task/{id}` for the VAU under `token`: a fresh request id, response key and ephemeral
    /// key, as every VAU request has.
    func sealGetTask(_ taskID: String, token: String) throws -> SealedRequest {
        let exchange = VAUClientRequest()
        let sealed = try exchange.seal(accessToken: token, innerRequest: try self.innerGetTask(taskID, token: token), recipient: self.vauPublicKey)
        return SealedRequest(exchange: exchange, body: ByteBuffer(bytes: sealed))
    }

    /// `POST /VAU/{pseudonym}` with `sealed`: the server's whole handling of one VAU request.
    func postVAU(_ sealed: SealedRequest) async throws -> RouterClient.Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        headers[.accept] = "application/octet-stream"
        headers[VAUChannel.userHeader] = "v"
        headers[VAUChannel.resourceHeader] = "Task"
        let pseudonym = self.pseudonym.withLock { $0 }
        let response = try await self.client.execute(uri: "/VAU/\(pseudonym)", method: .post, headers: headers, body: sealed.body)
        try Self.expect(response, "POST /VAU")
        if let next = response.headers[VAUChannel.userPseudonymHeader] { self.pseudonym.withLock { $0 = next } }
        return response
    }

    /// The client's check of a VAU answer: decrypts it and expects an inner 200.
    func openVAU(_ response: RouterClient.Response, _ sealed: SealedRequest) throws -> HTTPResponseMessage {
        let inner = try HTTP1Codec.parseResponse(try sealed.exchange.open(Array(buffer: response.body)))
        guard inner.status == 200 else {
            throw BenchmarkFailure("the inner GET /Task/{id} answered \(inner.status): \(String(decoding: inner.body.prefix(400), as: UTF8.self))")
        }
        return inner
    }

    /// A fresh access token of insurant A (another `jti`, so another token string), as after a new login.
    func freshInsurantToken() throws -> String {
        try self.pki.accessToken(for: "insurant-a", audience: Self.audience, now: self.now)
    }

    // MARK: - Helpers

    static func expect(_ response: RouterClient.Response, _ operation: String) throws {
        guard response.status.code / 100 == 2 || response.status.code == 302 else {
            throw BenchmarkFailure("\(operation) answered \(response.status.code): \(String(buffer: response.body).prefix(400))")
        }
    }
}

/// The IDP's signature check, counting its calls: each call is one BP256R1 verification of an access token.
final class CountingSignatureVerifier: AccessTokenSignatureVerifier {
    private let wrapped: IDPSignatureVerifier
    private let calls = Atomic<Int>(0)

    init(_ wrapped: IDPSignatureVerifier) { self.wrapped = wrapped }

    /// The number of signature checks so far.
    var count: Int { self.calls.load(ordering: .relaxed) }

    func verifySignature(of jws: JWS) throws {
        self.calls.add(1, ordering: .relaxed)
        try self.wrapped.verifySignature(of: jws)
    }
}
