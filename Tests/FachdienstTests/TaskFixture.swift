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

/// The Task operation tests' world: the test PKI of ``Fixture`` (with an extra pharmacist HBA), a clock at
/// 2026-11-21T08:30:00Z, an in-memory SQLite store, and helpers per endpoint.
enum TaskFixture {
    /// 2026-11-21T08:30:00Z, 09:30 in Berlin.
    static let now = Date(timeIntervalSince1970: 1_795_249_800)
    static let baseURL = "https://erp.example"
    static let prescriptionID = "160.000.764.737.300.50"
    static let kvnr = "X234567891"

    /// ``Fixture/pki`` plus a pharmacist HBA, whose QES must not be accepted for flowtype 160.
    static let pki: Result<TestPKI, any Error> = Result {
        var pki = try Fixture.pki.get()
        let profile = TestPKI.Profile.hba(
            name: "pharmacist",
            displayName: "Apothekerin Pia Pille",
            title: nil,
            givenName: "Pia",
            surname: "Pille",
            professionItem: "Apothekerin/Apotheker",
            professionOID: TelematikOID.apotheker,
            telematikID: "3-HBA-Testkarte-883110000900100"
        )
        try pki.add(try pki.issue(profile, by: "hba-ca", seed: 11))
        return pki
    }

    /// A caller of the tests.
    enum Party {
        case practiceA
        case pharmacyA
        case pharmacyB
        case insurant
        /// A payer (Kostenträger), who redeems DiGA prescriptions.
        case payerA

        var professionOID: OID {
            switch self {
            case .practiceA: TelematikOID.praxisArzt
            case .pharmacyA, .pharmacyB: TelematikOID.oeffentlicheApotheke
            case .insurant: TelematikOID.versicherter
            case .payerA: TelematikOID.kostentraeger
            }
        }

        var idNummer: String {
            switch self {
            case .practiceA: "1-SMC-B-Testkarte-883110000095957"
            case .pharmacyA: "3-SMC-B-Testkarte-883110000116873"
            case .pharmacyB: "3-SMC-B-Testkarte-883110000116874"
            case .insurant: "X110580065"
            case .payerA: "8-SMC-B-Testkarte-883110000095957"
            }
        }
    }

    static func token(_ party: Party, at instant: Date = TaskFixture.now) throws -> String {
        var claims = Fixture.claims(for: .doctorPractice, issuedAt: instant)
        claims["professionOID"] = .string(party.professionOID.dotted)
        claims["idNummer"] = .string(party.idNummer)
        return try Fixture.token(claims)
    }

    /// Runs `test` against an in-process router with Task operations over a fresh in-memory store.
    static func withApp(
        clock: TestClock = TestClock(TaskFixture.now),
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
        let store = try SQLiteWorkflowStore.inMemory(masterKey: SymmetricKey(size: .bits256))
        let workflow = WorkflowService(store: store, clock: clock, prescriptionSignature: signature)
        let router = try buildRouter(configuration: configuration, workflow: workflow)
        try await Application(router: router).test(.router, test)
    }

    /// Authorization, `Accept` and, with a body, `Content-Type` in `format`, plus an optional `X-AccessCode`.
    static func headers(_ token: String, format: FHIRFormat, accessCode: String? = nil) -> HTTPFields {
        var fields = Fixture.headers(token: token)
        fields[.accept] = FHIRMediaType.contentType(of: format)
        fields[.contentType] = FHIRMediaType.contentType(of: format)
        if let accessCode, let name = HTTPFields.Element.Name("X-AccessCode") { fields[name] = accessCode }
        return fields
    }

    static func body(_ resource: some FHIRResource, format: FHIRFormat) -> ByteBuffer {
        ByteBuffer(bytes: FHIREncoder(format: format).encode(resource))
    }

    /// The `$create` body for `code`.
    static func createParameters(code: String = "160", system: String = Flowtype.system) -> FHIR.Parameters {
        FHIR.Parameters(parameter: [
            .init(name: "workflowType", value: .coding(Coding(system: Primitive(system), code: Primitive(code))))
        ])
    }

    /// The `$activate` body carrying `qes`.
    static func activateParameters(_ qes: [UInt8]) -> FHIR.Parameters {
        let binary = Binary(contentType: "application/pkcs7-mime", data: Primitive(Data(qes).base64EncodedString()))
        return FHIR.Parameters(parameter: [.init(name: "ePrescription", resource: .binary(binary))])
    }

    /// `shared/fhir-examples/e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_1/PZN_Nr1_VerordnungArzt.xml` with its
    /// PrescriptionID replaced by `id` and `authoredOn` set to 2026-11-21, the signing day.
    static func prescription(id: String) throws -> [UInt8] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/fhir-examples/e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_1/PZN_Nr1_VerordnungArzt.xml")
            .standardizedFileURL
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacing(/<authoredOn value="[0-9-]+"\/>/) { _ in "<authoredOn value=\"2026-11-21\"/>" }
        text = text.replacingOccurrences(of: self.prescriptionID, with: id)
        return Array(text.utf8)
    }

    /// The QES over the prescription for `id`, signed now by `identity` of `pki` (the test PKI by default).
    static func qes(id: String, signer: String = "doctor-a", pki: TestPKI? = nil) throws -> [UInt8] {
        let pki = try pki ?? self.pki.get()
        let identity = try pki.identity(named: signer)
        let chain = [try pki.identity(named: "hba-ca").certificate.derEncoded]
        let signer = try CMSSigner(key: identity.privateKey, certificateDER: identity.certificate.derEncoded, chainDER: chain)
        return try signer.sign(try self.prescription(id: id), signingTime: self.now)
    }

    static func decode<R: FHIRResource>(_ type: R.Type, _ response: TestResponse, format: FHIRFormat) throws -> R {
        try FHIRDecoder().decode(type, from: Array(buffer: response.body), format: format)
    }

    /// The single issue of an OperationOutcome body.
    static func issue(_ response: TestResponse, format: FHIRFormat) throws -> OperationOutcome.Issue {
        try Fixture.issue(response, format: format)
    }

    static func identifier(_ task: FHIR.Task, _ system: String) -> String? {
        task.identifier.first { $0.system?.value == system }?.value?.value
    }

    /// `$create` by practice A; the created Task.
    static func create(_ client: some TestClientProtocol, format: FHIRFormat = .json) async throws -> FHIR.Task {
        let response = try await client.execute(
            uri: "/Task/$create",
            method: .post,
            headers: self.headers(try self.token(.practiceA), format: format),
            body: self.body(self.createParameters(), format: format)
        )
        return try self.decode(FHIR.Task.self, response, format: format)
    }

    /// `$activate` of `task` by practice A with the QES `qes` (doctor A's by default).
    static func activate(
        _ client: some TestClientProtocol,
        task: FHIR.Task,
        qes: [UInt8]? = nil,
        accessCode: String? = nil,
        party: Party = .practiceA,
        format: FHIRFormat = .json
    ) async throws -> TestResponse {
        let id = task.id?.value ?? ""
        return try await client.execute(
            uri: "/Task/\(id)/$activate",
            method: .post,
            headers: self.headers(
                try self.token(party),
                format: format,
                accessCode: accessCode ?? self.identifier(task, AccessCode.system)
            ),
            body: self.body(self.activateParameters(try qes ?? self.qes(id: id)), format: format)
        )
    }

    /// `$accept` of `task` by `party` with the task's AccessCode (or `accessCode`) as `?ac=`.
    static func accept(
        _ client: some TestClientProtocol,
        task: FHIR.Task,
        party: Party = .pharmacyA,
        accessCode: String? = nil,
        format: FHIRFormat = .json,
        at instant: Date = TaskFixture.now
    ) async throws -> TestResponse {
        let id = task.id?.value ?? ""
        let code = accessCode ?? self.identifier(task, AccessCode.system) ?? ""
        var headers = Fixture.headers(token: try self.token(party, at: instant))
        headers[.accept] = FHIRMediaType.contentType(of: format)
        return try await client.execute(uri: "/Task/\(id)/$accept?ac=\(code)", method: .post, headers: headers)
    }
}
