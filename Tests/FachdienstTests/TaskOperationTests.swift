// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing
import Workflow

@Suite("Task operations $create, $activate, $accept over HTTP (spec/fd-api.md §2.2–2.4, §3, §6, §9)")
struct TaskOperationTests {
    private typealias Fixture = TaskFixture

    @Test("practice creates, doctor's QES activates, pharmacy A accepts; a second $accept answers 409", arguments: [FHIRFormat.json, .xml])
    func happyPath(format: FHIRFormat) async throws {
        try await Fixture.withApp { client in
            // $create: 201, Location, a draft task with PrescriptionID and AccessCode.
            let created = try await client.execute(
                uri: "/Task/$create",
                method: .post,
                headers: Fixture.headers(try Fixture.token(.practiceA), format: format),
                body: Fixture.body(Fixture.createParameters(), format: format)
            )
            #expect(created.status == .created)
            #expect(created.headers[.contentType] == FHIRMediaType.contentType(of: format))
            let draft = try Fixture.decode(FHIR.Task.self, created, format: format)
            let id = try #require(draft.id?.value)
            #expect(created.headers[.location] == "\(Fixture.baseURL)/Task/\(id)")
            #expect(id.hasPrefix("160."))
            #expect(draft.status.value == "draft")
            #expect(draft.intent.value == "order")
            #expect(draft.meta?.profile.first?.value == TaskResource.profile)
            #expect(Fixture.identifier(draft, PrescriptionID.system) == id)
            #expect(Fixture.identifier(draft, AccessCode.system)?.count == 64)
            #expect(Fixture.identifier(draft, Secret.system) == nil)
            #expect(draft.performerType.first?.coding.first?.code?.value == "urn:oid:1.2.276.0.76.4.54")
            #expect(
                draft.extension.first?.value
                    == .coding(
                        Coding(
                            system: Primitive(Flowtype.system),
                            code: "160",
                            display: "Flowtype für Apothekenpflichtige Arzneimittel"
                        )
                    )
            )

            // $activate: 200, ready, Task.for the bundle's KVNR, dates, input type 1.
            let activated = try await Fixture.activate(client, task: draft, format: format)
            #expect(activated.status == .ok)
            let ready = try Fixture.decode(FHIR.Task.self, activated, format: format)
            #expect(ready.status.value == "ready")
            #expect(ready.for?.identifier?.value?.value == Fixture.kvnr)
            #expect(ready.for?.identifier?.system?.value == KVNR.system)
            let dates = ready.extension.compactMap { ext -> String? in
                guard case .date(let date) = ext.value else { return nil }
                return "\(ext.url.split(separator: "_").last ?? ""):\(date.value.map { "\($0)" } ?? "")"
            }
            // 160 without MVO: accept = QES day + 28 days, expiry = QES day + 3 months (spec/fd-api.md §6 step 15).
            #expect(dates == ["AcceptDate:2026-12-19", "ExpiryDate:2027-02-21"])
            #expect(ready.lastModified?.value.map { "\($0)" } == "2026-11-21T08:30:00.000Z")
            #expect(ready.input.first?.type.coding.first?.code?.value == "1")

            // $accept by pharmacy A: 200, a collection Bundle with the Task (Secret, owner) and the QES Binary.
            let accepted = try await Fixture.accept(client, task: draft, format: format)
            #expect(accepted.status == .ok)
            let bundle = try Fixture.decode(FHIR.Bundle.self, accepted, format: format)
            #expect(bundle.type.value == "collection")
            #expect(bundle.entry.count == 2)
            guard case .task(let inProgress) = bundle.entry.first?.resource, case .binary(let binary) = bundle.entry.last?.resource else {
                Issue.record("expected Task and Binary entries")
                return
            }
            #expect(inProgress.status.value == "in-progress")
            #expect(Fixture.identifier(inProgress, Secret.system)?.count == 64)
            #expect(inProgress.owner?.identifier?.value?.value == TaskFixture.Party.pharmacyA.idNummer)
            #expect(inProgress.owner?.identifier?.system?.value == TelematikID.system)
            #expect(binary.contentType.value == "application/pkcs7-mime")
            let qes = try #require(binary.data?.value.flatMap { Data(base64Encoded: $0) })
            #expect(try CMSSignedData(derEncoded: Array(qes)).content == Fixture.prescription(id: id))
            #expect(inProgress.input.first?.value == .reference(Reference(reference: Primitive("Binary/\(binary.id?.value ?? "")"))))

            // A_19168-01: again by pharmacy A (with the hint), then by pharmacy B.
            let again = try await Fixture.accept(client, task: draft, format: format)
            #expect(again.status == .conflict)
            #expect(try Fixture.issue(again, format: format).details?.text?.value?.contains("processed by requesting institution") == true)
            let other = try await Fixture.accept(client, task: draft, party: .pharmacyB, format: format)
            #expect(other.status == .conflict)
            #expect(try Fixture.issue(other, format: format).details?.text?.value == "Task has invalid status in-progress")
        }
    }

    @Test("a wrong role answers 403 before the body is read: pharmacy $create, insurant $activate", arguments: [FHIRFormat.json, .xml])
    func wrongRole(format: FHIRFormat) async throws {
        try await Fixture.withApp { client in
            let create = try await client.execute(
                uri: "/Task/$create",
                method: .post,
                headers: Fixture.headers(try Fixture.token(.pharmacyA), format: format),
                body: ByteBuffer(string: "not FHIR")
            )
            #expect(create.status == .forbidden)
            #expect(try Fixture.issue(create, format: format).details?.coding.first?.code?.value == "TIFLOW_AUTH_ROLE_NOT_ALLOWED")

            let draft = try await Fixture.create(client, format: format)
            let activate = try await client.execute(
                uri: "/Task/\(draft.id?.value ?? "")/$activate",
                method: .post,
                headers: Fixture.headers(try Fixture.token(.insurant), format: format),
                body: ByteBuffer(string: "not FHIR")
            )
            #expect(activate.status == .forbidden)
            #expect(try Fixture.issue(activate, format: format).details?.coding.first?.code?.value == "TIFLOW_AUTH_ROLE_NOT_ALLOWED")
        }
    }

    @Test("AccessCode, state and existence: wrong AccessCode 403, $activate twice 403, unknown or malformed id 404")
    func accessAndState() async throws {
        try await Fixture.withApp { client in
            let draft = try await Fixture.create(client)
            let wrongCode = String(repeating: "ab", count: 32)
            let wrong = try await Fixture.activate(client, task: draft, accessCode: wrongCode)
            #expect(wrong.status == .forbidden)
            #expect(try Fixture.issue(wrong, format: .json).details?.coding.first?.code?.value == "TIFLOW_ACCESSCODE_MISMATCH")

            #expect(try await Fixture.activate(client, task: draft).status == .ok)
            let twice = try await Fixture.activate(client, task: draft)
            #expect(twice.status == .forbidden)
            #expect(try Fixture.issue(twice, format: .json).details?.text?.value == "Task not in status draft but in status ready")

            let wrongAccept = try await Fixture.accept(client, task: draft, accessCode: wrongCode)
            #expect(wrongAccept.status == .forbidden)

            var unknown = draft
            unknown.id = "160.000.000.000.999.45"
            let missing = try await Fixture.accept(client, task: unknown)
            #expect(missing.status == .notFound)
            #expect(try Fixture.issue(missing, format: .json).code.value == "not-found")
            unknown.id = "not-an-id"
            #expect(try await Fixture.activate(client, task: unknown).status == .notFound)
        }
    }

    @Test("$accept of a draft task answers 409; after the expiry date 403 'Verordnung bis … einlösbar.'")
    func acceptDraftAndExpired() async throws {
        let clock = TestClock(Fixture.now)
        try await Fixture.withApp(clock: clock) { client in
            let draft = try await Fixture.create(client)
            let early = try await Fixture.accept(client, task: draft)
            #expect(early.status == .conflict)
            #expect(try Fixture.issue(early, format: .json).details?.text?.value == "Task has invalid status draft")

            let activated = try Fixture.decode(FHIR.Task.self, try await Fixture.activate(client, task: draft), format: .json)
            let expiry = activated.extension.first { $0.url.hasSuffix("GEM_ERP_EX_ExpiryDate") }
            guard case .date(let date) = expiry?.value, let text = date.value.map({ "\($0)" }), let expiryDate = CalendarDate(iso: text) else {
                Issue.record("no expiry date")
                return
            }
            clock.advance(by: TimeInterval(expiryDate.dayNumber - CalendarDate(year: 2026, month: 11, day: 21)!.dayNumber + 1) * 86_400)
            let late = try await Fixture.accept(client, task: draft, at: clock.now)
            #expect(late.status == .forbidden)
            #expect(try Fixture.issue(late, format: .json).details?.text?.value == "Verordnung bis \(expiryDate.germanDescription) einlösbar.")
        }
    }

    @Test("bodies that are not what the operation needs answer 400 with an OperationOutcome", arguments: [FHIRFormat.json, .xml])
    func badBodies(format: FHIRFormat) async throws {
        try await Fixture.withApp { client in
            let practice = try Fixture.token(.practiceA)
            for body in [
                ByteBuffer(string: "{ garbage"),
                Fixture.body(Fixture.createParameters(code: "999"), format: format),
                Fixture.body(Fixture.createParameters(system: "http://example.org/flowtype"), format: format),
                Fixture.body(FHIR.Parameters(), format: format),
            ] {
                let response = try await client.execute(
                    uri: "/Task/$create",
                    method: .post,
                    headers: Fixture.headers(practice, format: format),
                    body: body
                )
                #expect(response.status == .badRequest)
                #expect(try Fixture.issue(response, format: format).severity.value == "error")
            }

            let draft = try await Fixture.create(client, format: format)
            let notCMS = try await Fixture.activate(client, task: draft, qes: Array("not a CMS".utf8), format: format)
            #expect(notCMS.status == .badRequest)
            #expect(try Fixture.issue(notCMS, format: format).details?.coding.first?.code?.value == "SVC_VALIDATION_FAILED")
        }
    }

    @Test("a QES by a pharmacist or from a foreign PKI answers 400 with its detail code")
    func wrongSigners() async throws {
        let foreign = try TestPKI.generate(seed: 43)
        try await Fixture.withApp { client in
            let draft = try await Fixture.create(client)
            let id = try #require(draft.id?.value)

            let pharmacist = try await Fixture.activate(client, task: draft, qes: try Fixture.qes(id: id, signer: "pharmacist"))
            #expect(pharmacist.status == .badRequest)
            let pharmacistIssue = try Fixture.issue(pharmacist, format: .json)
            #expect(pharmacistIssue.code.value == "invalid")
            #expect(pharmacistIssue.details?.text?.value?.contains("1.2.276.0.76.4.32") == true)

            let foreignQES = try await Fixture.activate(client, task: draft, qes: try Fixture.qes(id: id, pki: foreign))
            #expect(foreignQES.status == .badRequest)
            #expect(try Fixture.issue(foreignQES, format: .json).details?.coding.first?.code?.value == "TIFLOW_CERTIFICATE_INVALID")

            // Neither attempt changed the task: doctor A's QES still activates it.
            #expect(try await Fixture.activate(client, task: draft).status == .ok)
        }
    }
}
