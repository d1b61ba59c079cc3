// SPDX-License-Identifier: Apache-2.0

import Crypto
import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import TICrypto
import Testing
import Workflow

@Suite("Task operations $dispense and $close with the receipt (spec/fd-api.md §2.6, §2.7, §5.2)")
struct TaskCloseTests {
    private typealias Fixture = TaskFixture

    @Test("accept → dispense (204) → dispense again (replaces) → close without body: 200 with a signed receipt", arguments: [FHIRFormat.json, .xml])
    func lifecycle(format: FHIRFormat) async throws {
        let clock = TestClock(Fixture.now)
        let store = try SQLiteWorkflowStore.inMemory(masterKey: SymmetricKey(size: .bits256))
        try await Fixture.withClosingApp(clock: clock, store: store) { client in
            let task = try await Fixture.acceptedTask(client)
            let id = try #require(task.id?.value)
            let prescriptionID = try PrescriptionID(id)
            let secret = Fixture.secretQuery(task)
            clock.advance(by: 60)

            let first = try await Fixture.post(
                client,
                "dispense",
                task: id,
                query: secret,
                body: try Fixture.dispenseParameters(id: id),
                format: format
            )
            #expect(first.status == .noContent)
            #expect(first.body.readableBytes == 0)
            let second = try await Fixture.post(
                client,
                "dispense",
                task: id,
                query: secret,
                body: try Fixture.dispenseParameters(id: id, copies: 2),
                format: format
            )
            #expect(second.status == .noContent)
            // A_26482: the second call replaced the first; A_24285-01: lastMedicationDispense set; A_24284: status kept.
            let (stored, dispenses) = try await store.transaction { transaction in
                let task = try transaction.task(prescriptionID)
                return (task, try transaction.document(.dispenses, task: prescriptionID, insurant: task?.beneficiary))
            }
            #expect(stored?.status == .inProgress)
            #expect(stored?.lastMedicationDispense == Fixture.now.addingTimeInterval(60))
            let storedParameters = try FHIRDecoder().decode(FHIR.Parameters.self, from: try #require(dispenses), format: .json)
            #expect(storedParameters.parameter.count == 2)

            clock.advance(by: 60)
            let closed = try await Fixture.post(client, "close", task: id, query: secret, format: format)
            #expect(closed.status == .ok)
            let receipt = try Fixture.decode(FHIR.Bundle.self, closed, format: format)
            try Self.checkReceipt(receipt, id: id, accepted: "2026-11-21T08:30:00Z", closed: "2026-11-21T08:32:00Z")
            let digest = try Self.prescriptionDigest(of: receipt)
            let qesDocument = try await store.transaction { try $0.document(.qes, task: prescriptionID, insurant: try KVNR(Fixture.kvnr)) }
            let qes = try CMSSignedData(derEncoded: try #require(qesDocument))
            #expect(digest == qes.signedAttributesDigest)

            let completed = try await store.transaction { try $0.task(prescriptionID) }
            #expect(completed?.status == .completed)
            #expect(try await store.transaction { try $0.document(.receipt, task: prescriptionID, insurant: completed?.beneficiary) } != nil)

            // A second $close: the task is completed (403).
            let again = try await Fixture.post(client, "close", task: id, query: secret, format: format)
            #expect(again.status == .forbidden)
        }
    }

    @Test("$close with a body stores the dispenses and signs a receipt that openssl cms -verify accepts")
    func closeWithBody() async throws {
        try await Fixture.withClosingApp { client in
            let task = try await Fixture.acceptedTask(client)
            let id = try #require(task.id?.value)
            let closed = try await Fixture.post(
                client,
                "close",
                task: id,
                query: Fixture.secretQuery(task),
                body: try Fixture.dispenseParameters(id: id),
                format: .xml
            )
            #expect(closed.status == .ok)
            let receipt = try Fixture.decode(FHIR.Bundle.self, closed, format: .xml)
            try Self.checkReceipt(receipt, id: id, accepted: "2026-11-21T08:30:00Z", closed: "2026-11-21T08:30:00Z")
            let cms = try Self.signatureCMS(of: receipt)

            // The independent check: openssl verifies chain (to the test root) and signature.
            let pki = try Fixture.pki.get()
            let root = try #require(pki.root)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("receipt-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let rootFile = directory.appendingPathComponent("root.pem")
            let cmsFile = directory.appendingPathComponent("receipt.p7s")
            try Data(root.certificate.pemEncoded.utf8).write(to: rootFile)
            try Data(cms).write(to: cmsFile)
            let result = try OpenSSLTool.run([
                "cms", "-verify", "-inform", "DER", "-in", cmsFile.path, "-CAfile", rootFile.path, "-purpose", "any",
                "-attime", "\(Int(Fixture.now.timeIntervalSince1970))", "-out", "/dev/null",
            ])
            #expect(result.status == 0, "openssl: \(result.standardError)")
        }
    }

    @Test("$close without any dispense information: 403 with the A_24287-01 text")
    func closeWithoutDispense() async throws {
        try await Fixture.withClosingApp { client in
            let task = try await Fixture.acceptedTask(client)
            let id = try #require(task.id?.value)
            let response = try await Fixture.post(client, "close", task: id, query: Fixture.secretQuery(task))
            #expect(response.status == .forbidden)
            let issue = try Fixture.issue(response, format: .json)
            #expect(
                issue.details?.text?.value
                    == "Abschluss des Workflows konnte nicht durchgeführt werden. Dispensierinformationen wurden nicht bereitgestellt."
            )
        }
    }

    @Test("$close without a receipt signer: 503 with an OperationOutcome (A_22919)")
    func closeWithoutSigner() async throws {
        try await Fixture.withClosingApp(receiptSigner: .some(nil)) { client in
            let task = try await Fixture.acceptedTask(client)
            let id = try #require(task.id?.value)
            let response = try await Fixture.post(
                client,
                "close",
                task: id,
                query: Fixture.secretQuery(task),
                body: try Fixture.dispenseParameters(id: id)
            )
            #expect(response.status == .serviceUnavailable)
            _ = try Fixture.issue(response, format: .json)
        }
    }

    @Test("$close with an OCSP response older than 24 hours or none: 503 (A_22919)", arguments: [-25.0 * 3_600, .nan])
    func closeWithStaleOCSP(age: Double) async throws {
        let pki = try Fixture.pki.get()
        let identity = try pki.identity(named: "fd-sig")
        let cms = try CMSSigner(key: identity.privateKey, certificateDER: identity.certificate.derEncoded)
        let signer = try ReceiptSigner(signer: cms) { certificate, now in
            age.isNaN ? nil : pki.ocspResponse(for: certificate, now: now.addingTimeInterval(age))
        }
        try await Fixture.withClosingApp(receiptSigner: .some(signer)) { client in
            let task = try await Fixture.acceptedTask(client)
            let id = try #require(task.id?.value)
            let body = try Fixture.dispenseParameters(id: id)
            let response = try await Fixture.post(client, "close", task: id, query: Fixture.secretQuery(task), body: body)
            #expect(response.status == .serviceUnavailable)
            // The task stays in progress: the pharmacy may retry.
            let retry = try await Fixture.post(client, "dispense", task: id, query: Fixture.secretQuery(task), body: body)
            #expect(retry.status == .noContent)
        }
    }

    @Test("wrong Secret: 403 for $dispense and $close; wrong KVNR, PrescriptionID or performer: 400")
    func refusals() async throws {
        try await Fixture.withClosingApp { client in
            let task = try await Fixture.acceptedTask(client)
            let id = try #require(task.id?.value)
            let wrongSecret = "?secret=\(String(repeating: "ab", count: 32))"
            let body = try Fixture.dispenseParameters(id: id)
            #expect(try await Fixture.post(client, "dispense", task: id, query: wrongSecret, body: body).status == .forbidden)
            #expect(try await Fixture.post(client, "close", task: id, query: wrongSecret, body: body).status == .forbidden)
            #expect(try await Fixture.post(client, "dispense", task: id, body: body).status == .forbidden)
            let secret = Fixture.secretQuery(task)
            let wrongBodies = [
                try Fixture.dispenseParameters(id: id, kvnr: "X110580065"),
                try Fixture.dispenseParameters(id: id, performer: TaskFixture.Party.pharmacyB.idNummer),
                try Self.replacingPrescriptionID(Fixture.dispenseParameters(id: id), with: "160.000.000.000.001.36"),
            ]
            for wrong in wrongBodies {
                let dispensed = try await Fixture.post(client, "dispense", task: id, query: secret, body: wrong)
                #expect(dispensed.status == .badRequest)
                #expect(try Fixture.issue(dispensed, format: .json).code.value == "invalid")
                #expect(try await Fixture.post(client, "close", task: id, query: secret, body: wrong).status == .badRequest)
            }
            // A prescriber may not dispense: 403 before the body is read.
            let prescriber = try await Fixture.post(client, "dispense", task: id, query: secret, party: .practiceA, body: body)
            #expect(prescriber.status == .forbidden)
        }
    }

    @Test("32 concurrent $close on one task: exactly one 200 receipt, the others 403 or 409")
    func concurrentClose() async throws {
        try await Fixture.withClosingApp { client in
            let task = try await Fixture.acceptedTask(client)
            let id = try #require(task.id?.value)
            let secret = Fixture.secretQuery(task)
            let body = try Fixture.dispenseParameters(id: id)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<32 {
                    group.addTask { try await Fixture.post(client, "close", task: id, query: secret, body: body).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.allSatisfy { [.ok, .forbidden, .conflict].contains($0) })
        }
    }

    // MARK: Receipt checks

    /// The shape of spec/fd-api.md §5.2 and a valid CAdES-BES signature by fd-sig over the Bundle's XML.
    static func checkReceipt(_ receipt: FHIR.Bundle, id: String, accepted: String, closed: String) throws {
        #expect(receipt.type.value == "document")
        #expect(receipt.meta?.profile.first?.value == ReceiptDocument.bundleProfile)
        #expect(receipt.identifier?.value?.value == id)
        #expect(receipt.identifier?.system?.value == PrescriptionID.system)
        #expect(receipt.entry.count == 3)
        #expect(receipt.entry.allSatisfy { $0.fullUrl?.value?.hasPrefix("urn:uuid:") == true })
        guard case .composition(let composition) = receipt.entry.first?.resource,
            case .device(let device) = receipt.entry.dropFirst().first?.resource
        else {
            Issue.record("expected Composition and Device")
            return
        }
        #expect(composition.title.value == "Quittung")
        #expect(composition.type.coding.first?.code?.value == "3")
        #expect(
            composition.extension.first?.value
                == .identifier(Identifier(system: Primitive(TelematikID.system), value: Primitive(TaskFixture.Party.pharmacyA.idNummer)))
        )
        #expect(composition.event.first?.period?.start?.value?.lexical == accepted)
        #expect(composition.event.first?.period?.end?.value?.lexical == closed)
        #expect(composition.author.first?.reference?.value == receipt.entry[1].fullUrl?.value)
        #expect(device.id?.value == "1")
        #expect(device.deviceName.first?.name.value == "E-Rezept-Fachdienst")
        let signature = try #require(receipt.signature)
        #expect(signature.sigFormat?.value == "application/pkcs7-mime")
        #expect(signature.who.reference?.value == receipt.entry[1].fullUrl?.value)

        let cms = try CMSSignedData(derEncoded: try Self.signatureCMS(of: receipt))
        #expect(cms.verifySignature().isValid)
        #expect(cms.signerCertificateDER == (try TaskFixture.pki.get().identity(named: "fd-sig").certificate.derEncoded))
        #expect(cms.embeddedOCSPResponseDER != nil)
        // The signed content is the receipt without its signature, as XML.
        var unsigned = receipt
        unsigned.signature = nil
        let signedBundle = try FHIRDecoder().decode(FHIR.Bundle.self, from: cms.content, format: .xml)
        #expect(signedBundle == unsigned)
    }

    static func signatureCMS(of receipt: FHIR.Bundle) throws -> [UInt8] {
        let text = try #require(receipt.signature?.data?.value)
        return Array(try #require(Data(base64Encoded: text)))
    }

    static func prescriptionDigest(of receipt: FHIR.Bundle) throws -> [UInt8] {
        guard case .binary(let binary) = receipt.entry.last?.resource else { throw OpenSSLTool.Failure(description: "no Binary") }
        let text = try #require(binary.data?.value)
        return Array(try #require(Data(base64Encoded: text)))
    }

    static func replacingPrescriptionID(_ parameters: FHIR.Parameters, with id: String) -> FHIR.Parameters {
        let bytes = FHIREncoder(format: .json).encode(parameters)
        let text = String(decoding: bytes, as: UTF8.self)
        let current = text.firstMatch(of: /"16[0-9]\.[0-9.]{18}"/).map { String($0.output) } ?? ""
        let replaced = text.replacingOccurrences(of: current, with: "\"\(id)\"")
        return (try? FHIRDecoder().decode(FHIR.Parameters.self, from: Array(replaced.utf8), format: .json)) ?? parameters
    }
}
