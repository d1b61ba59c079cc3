// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import Logging
import NIOEmbedded
import RouterBenchmarkSupport
import Storage
import Synchronization
import TICrypto
import Workflow

/// The server under test and the client's side of a lifecycle: the seeded test PKI, a clock fixed at start-up, a
/// file-backed SQLite store in a temporary folder, the router with Task operations and receipt signing, two access
/// tokens (practice A, pharmacy A), the KBV bundle and the dispense Parameters.
final class LifecycleWorld: Sendable {
    /// Built once per process; a broken setup stops the run.
    static let shared: LifecycleWorld = {
        do {
            return try LifecycleWorld()
        } catch {
            fatalError("the lifecycle benchmark cannot be set up: \(error)")
        }
    }()

    static let audience = "https://erp-bench.example/"
    /// The PrescriptionID and KVNR of the KBV example bundle.
    static let examplePrescriptionID = "160.000.764.737.300.50"
    static let exampleKVNR = "X234567891"

    let now: Date
    let client: RouterClient
    let prescriptionSignature: PrescriptionSignature
    let receiptSigner: ReceiptSigner
    let patientCopySigner: PatientCopySigner
    let qesSigner: CMSSigner
    let practiceToken: String
    let pharmacyToken: String
    /// The KBV bundle with `authoredOn` set to today in Berlin; the PrescriptionID is replaced per task.
    let bundleText: String
    /// The dispense Parameters JSON with the pharmacy's Telematik-ID; the PrescriptionID is replaced per task.
    let dispenseText: String
    /// The last PrescriptionID `$create` answered; the next one is its successor.
    let lastID: Mutex<PrescriptionID?>
    /// A QES of the bundle, for the cryptographic floor.
    let sampleQES: [UInt8]
    private let receipt: Mutex<[UInt8]?>

    private init() throws {
        let now = Date()
        let clock = FixedClock(now)
        self.now = now
        let pki = try TestPKI.generate(seed: 1, now: now.addingTimeInterval(-86_400))
        let configuration = FachdienstConfiguration(
            idpSignerCertificate: try pki.identity(named: "idp-sig").certificate,
            audience: Self.audience,
            clock: clock,
            publicBaseURL: "https://erp-bench.example"
        )
        // As `erezept serve`: OCSP responses for the HBA are reused (OCSPResponseCache).
        let ocsp = OCSPResponseCache { certificate, now in pki.ocspResponse(for: certificate, now: now) }
        let signature = PrescriptionSignature(trustStore: pki.trustStore) { certificate, now in ocsp.response(for: certificate, now: now) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("workflow-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteWorkflowStore(directory: directory.path)
        let receiptSigner = try ReceiptSigner(testPKI: pki)
        let patientCopySigner = try PatientCopySigner(testPKI: pki, deviceReference: "https://erp-bench.example/Device/1")
        let workflow = WorkflowService(
            store: store,
            clock: clock,
            prescriptionSignature: signature,
            receiptSigner: receiptSigner,
            patientCopySigner: patientCopySigner
        )
        self.client = RouterClient(responder: try buildRouter(configuration: configuration, workflow: workflow).buildResponder())
        self.prescriptionSignature = signature
        self.receiptSigner = receiptSigner
        self.patientCopySigner = patientCopySigner

        let doctor = try pki.identity(named: "doctor-a")
        let chain = [try pki.identity(named: "hba-ca").certificate.derEncoded]
        self.qesSigner = try CMSSigner(key: doctor.privateKey, certificateDER: doctor.certificate.derEncoded, chainDER: chain)
        self.practiceToken = try pki.accessToken(for: "practice-a", audience: Self.audience, now: now)
        self.pharmacyToken = try pki.accessToken(for: "pharmacy-a", audience: Self.audience, now: now)
        let pharmacyID = try pki.identity(named: "pharmacy-a").telematikID ?? ""

        let shared = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/fhir-examples")
            .standardizedFileURL
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
        let day = calendar.dateComponents([.year, .month, .day], from: now)
        let today = String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
        var bundle = try String(
            contentsOf: shared.appendingPathComponent("e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_1/PZN_Nr1_VerordnungArzt.xml"),
            encoding: .utf8
        )
        bundle = bundle.replacing(/<authoredOn value="[0-9-]+"\/>/) { _ in "<authoredOn value=\"\(today)\"/>" }
        self.bundleText = bundle
        var dispense = try String(
            contentsOf: shared.appendingPathComponent("parameters/wf1.6_Parameters-ExampleDispenseInputParameters.json"),
            encoding: .utf8
        )
        dispense = dispense.replacingOccurrences(of: "X123456789", with: Self.exampleKVNR)
        dispense = dispense.replacingOccurrences(of: "3-SMC-B-Testkarte-883110000095957", with: pharmacyID)
        self.dispenseText = dispense
        self.lastID = Mutex(nil)
        self.receipt = Mutex(nil)
        self.sampleQES = try self.qesSigner.sign(
            Array(bundle.replacingOccurrences(of: Self.examplePrescriptionID, with: "160.000.000.000.001.01").utf8),
            signingTime: now
        )
    }

    /// Runs `body` with a client of the in-process router.
    func withClient(_ body: @Sendable (RouterClient) async throws -> Void) async throws {
        try await body(self.client)
    }

    /// What the client holds before a lifecycle: the PrescriptionID `$create` will answer, the QES over the bundle for
    /// it and the dispense body.
    struct Prepared: Sendable {
        var id: String
        var qes: [UInt8]
        var dispense: ByteBuffer
    }

    /// A task as the client knows it after `$create`.
    struct CreatedTask: Sendable {
        var id: String
        var accessCode: String
    }

    /// Signs the QES and builds the dispense body for the PrescriptionID the next `$create` will answer. The first call
    /// makes one `$create` to learn the sequence; that task stays a draft.
    func prepare(_ client: RouterClient) async throws -> Prepared {
        if self.lastID.withLock({ $0 }) == nil { _ = try await self.create(client, nil) }
        guard let last = self.lastID.withLock({ $0 }), let flowtype = last.flowtype else {
            throw BenchmarkFailure("no $create seen yet")
        }
        return try self.prepare(id: try PrescriptionID(flowtype: flowtype, sequenceNumber: last.sequenceNumber + 1).description)
    }

    /// Signs the QES over the bundle for `id` and builds the dispense body, as the client does.
    func prepare(id: String) throws -> Prepared {
        let bundle = self.bundleText.replacingOccurrences(of: Self.examplePrescriptionID, with: id)
        let qes = try self.qesSigner.sign(Array(bundle.utf8), signingTime: self.now)
        let dispense = ByteBuffer(string: self.dispenseText.replacingOccurrences(of: "160.000.033.491.280.78", with: id))
        return Prepared(id: id, qes: qes, dispense: dispense)
    }

    /// The five requests of one lifecycle.
    func lifecycle(_ client: RouterClient, _ prepared: Prepared) async throws {
        let task = try await self.create(client, prepared)
        try await self.activate(client, task, prepared)
        let secret = try await self.accept(client, task)
        try await self.dispense(client, task, prepared, secret: secret)
        try await self.close(client, task, secret: secret)
    }

    func create(_ client: RouterClient, _ prepared: Prepared?) async throws -> CreatedTask {
        let body =
            #"{"resourceType":"Parameters","parameter":[{"name":"workflowType","valueCoding":{"system":""#
            + Flowtype.system + #"","code":"160"}}]}"#
        let response = try await client.execute(
            uri: "/Task/$create",
            method: .post,
            headers: self.headers(self.practiceToken, contentType: true),
            body: ByteBuffer(string: body)
        )
        try Self.expect(response, "$create")
        let bytes = Array(buffer: response.body)
        guard let id = JSONScan.value(after: "\"id\":\"", in: bytes), let code = JSONScan.identifier(AccessCode.system, in: bytes) else {
            throw BenchmarkFailure("$create without id or AccessCode")
        }
        let created = try PrescriptionID(id)
        self.lastID.withLock { $0 = created }
        if let prepared, prepared.id != id { throw BenchmarkFailure("$create answered \(id), the QES was made for \(prepared.id)") }
        return CreatedTask(id: id, accessCode: code)
    }

    func activate(_ client: RouterClient, _ task: CreatedTask, _ prepared: Prepared) async throws {
        let body =
            #"{"resourceType":"Parameters","parameter":[{"name":"ePrescription","resource":{"resourceType":"Binary","contentType":"application/pkcs7-mime","data":""#
            + Data(prepared.qes).base64EncodedString() + #""}}]}"#
        var headers = self.headers(self.practiceToken, contentType: true)
        if let name = HTTPFields.Element.Name("X-AccessCode") { headers[name] = task.accessCode }
        let response = try await client.execute(
            uri: "/Task/\(task.id)/$activate",
            method: .post,
            headers: headers,
            body: ByteBuffer(string: body)
        )
        try Self.expect(response, "$activate")
    }

    /// `$accept`; the Secret.
    func accept(_ client: RouterClient, _ task: CreatedTask) async throws -> String {
        let response = try await client.execute(
            uri: "/Task/\(task.id)/$accept?ac=\(task.accessCode)",
            method: .post,
            headers: self.headers(self.pharmacyToken, contentType: false)
        )
        try Self.expect(response, "$accept")
        guard let secret = JSONScan.identifier(Secret.system, in: Array(buffer: response.body)) else {
            throw BenchmarkFailure("$accept without Secret")
        }
        return secret
    }

    func dispense(_ client: RouterClient, _ task: CreatedTask, _ prepared: Prepared, secret: String) async throws {
        let response = try await client.execute(
            uri: "/Task/\(task.id)/$dispense?secret=\(secret)",
            method: .post,
            headers: self.headers(self.pharmacyToken, contentType: true),
            body: prepared.dispense
        )
        try Self.expect(response, "$dispense")
    }

    func close(_ client: RouterClient, _ task: CreatedTask, secret: String) async throws {
        let response = try await client.execute(
            uri: "/Task/\(task.id)/$close?secret=\(secret)",
            method: .post,
            headers: self.headers(self.pharmacyToken, contentType: false)
        )
        try Self.expect(response, "$close")
    }

    /// The canonical JSON that `$activate` signs for the patient copy of the benchmark's bundle.
    func samplePatientCopyContent() throws -> [UInt8] {
        let bundle = try FHIRDecoder().decode(FHIR.Bundle.self, from: Array(self.bundleText.utf8))
        return PatientCopy.signedContent(of: bundle)
    }

    /// A receipt of one real lifecycle, as XML, for the cryptographic floor; made on first use.
    func sampleReceipt() async throws -> [UInt8] {
        if let receipt = self.receipt.withLock({ $0 }) { return receipt }
        let receipt = try await { (client: RouterClient) async throws -> [UInt8] in
            let next = try await self.prepare(client)
            let task = try await self.create(client, next)
            try await self.activate(client, task, next)
            let secret = try await self.accept(client, task)
            try await self.dispense(client, task, next, secret: secret)
            let response = try await client.execute(
                uri: "/Task/\(task.id)/$close?secret=\(secret)",
                method: .post,
                headers: self.headers(self.pharmacyToken, contentType: false)
            )
            try Self.expect(response, "$close")
            let bundle = try FHIRDecoder().decode(FHIR.Bundle.self, from: Array(buffer: response.body), format: .json)
            return FHIREncoder(format: .xml).encode(bundle)
        }(self.client)
        self.receipt.withLock { $0 = receipt }
        return receipt
    }

    func headers(_ token: String, contentType: Bool) -> HTTPFields {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer \(token)"
        fields[.accept] = "application/fhir+json"
        if contentType { fields[.contentType] = "application/fhir+json" }
        return fields
    }

    static func expect(_ response: RouterClient.Response, _ operation: String) throws {
        guard response.status.code / 100 == 2 else {
            throw BenchmarkFailure("\(operation) answered \(response.status.code): \(String(buffer: response.body).prefix(400))")
        }
    }
}
