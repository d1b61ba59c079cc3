// SPDX-License-Identifier: Apache-2.0

import Crypto
import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import TICrypto
import Workflow

/// The fixture of the `$reject`, `$dispense`, `$close` and `$abort` tests: ``TaskFixture`` with a receipt signer
/// (the PKI's `fd-sig`) and helpers for the operations after `$accept`.
extension TaskFixture {
    /// Runs `test` against an in-process router whose service signs receipts with `fd-sig` (or `receiptSigner`), over
    /// `store` or a fresh in-memory store.
    static func withClosingApp(
        clock: TestClock = TestClock(TaskFixture.now),
        receiptSigner: ReceiptSigner?? = .none,
        store: SQLiteWorkflowStore? = nil,
        _ test: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let pki = try self.pki.get()
        let configuration = FachdienstConfiguration(
            idpSignerCertificate: try Fixture.idpSigner().certificate,
            audience: Fixture.audience,
            clock: clock,
            publicBaseURL: self.baseURL
        )
        let signature = PrescriptionSignature(trustStore: pki.trustStore) { certificate, now in pki.ocspResponse(for: certificate, now: now) }
        let store = try store ?? SQLiteWorkflowStore.inMemory(masterKey: SymmetricKey(size: .bits256))
        let signer = try receiptSigner ?? ReceiptSigner(testPKI: pki)
        let workflow = WorkflowService(store: store, clock: clock, prescriptionSignature: signature, receiptSigner: signer)
        let router = try buildRouter(configuration: configuration, workflow: workflow)
        try await Application(router: router).test(.router, test)
    }

    /// A token for an arbitrary caller.
    static func token(professionOID: OID, idNummer: String) throws -> String {
        var claims = Fixture.claims(for: .doctorPractice, issuedAt: self.now)
        claims["professionOID"] = .string(professionOID.dotted)
        claims["idNummer"] = .string(idNummer)
        return try Fixture.token(claims)
    }

    /// The task after `$create`, `$activate` and `$accept` by `party`: the accepted Task with AccessCode and Secret.
    static func acceptedTask(_ client: some TestClientProtocol, party: Party = .pharmacyA) async throws -> FHIR.Task {
        let draft = try await self.create(client)
        let activated = try await self.activate(client, task: draft)
        guard activated.status == .ok else { throw OpenSSLTool.Failure(description: "$activate answered \(activated.status)") }
        return try await self.accept(client, readyTask: draft, party: party)
    }

    /// `$accept` of a ready task; the in-progress Task with Secret.
    static func accept(_ client: some TestClientProtocol, readyTask: FHIR.Task, party: Party = .pharmacyA) async throws -> FHIR.Task {
        let response = try await self.accept(client, task: readyTask, party: party)
        let bundle = try self.decode(FHIR.Bundle.self, response, format: .json)
        guard case .task(let task) = bundle.entry.first?.resource else { throw OpenSSLTool.Failure(description: "$accept without Task") }
        return task
    }

    /// The `$dispense`/`$close` body of `shared/fhir-examples/parameters/wf1.6_Parameters-ExampleDispenseInputParameters.json`
    /// with PrescriptionID, KVNR and Telematik-ID replaced.
    static func dispenseParameters(
        id: String,
        kvnr: String = TaskFixture.kvnr,
        performer: String = Party.pharmacyA.idNummer,
        copies: Int = 1
    ) throws -> FHIR.Parameters {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/fhir-examples/parameters/wf1.6_Parameters-ExampleDispenseInputParameters.json")
            .standardizedFileURL
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "160.000.033.491.280.78", with: id)
        text = text.replacingOccurrences(of: "X123456789", with: kvnr)
        text = text.replacingOccurrences(of: "3-SMC-B-Testkarte-883110000095957", with: performer)
        var parameters = try FHIRDecoder().decode(FHIR.Parameters.self, from: Array(text.utf8), format: .json)
        parameters.parameter = Array(repeating: parameters.parameter, count: copies).flatMap { $0 }
        return parameters
    }

    /// POST `/Task/{id}/$operation` with `query`, `party`'s token (or `token`), an optional `X-AccessCode` and body.
    static func post(
        _ client: some TestClientProtocol,
        _ operation: String,
        task id: String,
        query: String = "",
        party: Party = .pharmacyA,
        token: String? = nil,
        accessCode: String? = nil,
        body: FHIR.Parameters? = nil,
        format: FHIRFormat = .json
    ) async throws -> TestResponse {
        var headers = self.headers(try token ?? self.token(party), format: format, accessCode: accessCode)
        if body == nil { headers[.contentType] = nil }
        return try await client.execute(
            uri: "/Task/\(id)/$\(operation)\(query)",
            method: .post,
            headers: headers,
            body: body.map { self.body($0, format: format) }
        )
    }

    /// `?secret=` of `task`.
    static func secretQuery(_ task: FHIR.Task) -> String {
        "?secret=\(self.identifier(task, Secret.system) ?? "")"
    }
}

/// Runs the `openssl` CLI as an independent verifier; a missing `openssl` fails the test (CI installs it).
enum OpenSSLTool {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `openssl arguments…` and returns its status and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32, standardError: String) {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        guard let executable = path.split(separator: ":").map({ "\($0)/openssl" }).first(where: FileManager.default.isExecutableFile(atPath:))
        else {
            throw Failure(description: "`openssl` not found in PATH; install it (apt-get install openssl)")
        }
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("openssl-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }
}
