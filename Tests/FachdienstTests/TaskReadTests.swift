// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing
import Workflow

/// Helpers of the read tests: tokens for any insurant, and ready tasks for any KVNR.
extension TaskFixture {
    /// The insurant of the fixture prescription.
    static let insurantA = TaskFixture.kvnr
    /// A second insurant (the KVNR of ``Party/insurant``).
    static let insurantB = TaskFixture.Party.insurant.idNummer

    /// An insurant's access token, issued at `instant`.
    static func insurantToken(_ kvnr: String, at instant: Date = TaskFixture.now) throws -> String {
        var claims = Fixture.claims(for: .insurant, issuedAt: instant)
        claims["idNummer"] = .string(kvnr)
        claims["display_name"] = .string("Versicherte \(kvnr.prefix(1))")
        return try Fixture.token(claims)
    }

    /// `GET uri` with `token`, asking for `format`, with an optional `X-AccessCode`.
    static func get(
        _ client: some TestClientProtocol,
        _ uri: String,
        token: String,
        format: FHIRFormat = .json,
        accessCode: String? = nil
    ) async throws -> TestResponse {
        var headers = Fixture.headers(token: token)
        headers[.accept] = FHIRMediaType.contentType(of: format)
        if let accessCode, let name = HTTPFields.Element.Name("X-AccessCode") { headers[name] = accessCode }
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    /// A task created and activated by practice A for `kvnr`; the draft as `$create` returned it (with AccessCode).
    static func readyTask(_ client: some TestClientProtocol, for kvnr: String = TaskFixture.insurantA) async throws -> FHIR.Task {
        let draft = try await self.create(client)
        let id = draft.id?.value ?? ""
        var text = String(decoding: try self.prescription(id: id), as: UTF8.self)
        text = text.replacingOccurrences(of: self.kvnr, with: kvnr)
        let pki = try self.pki.get()
        let identity = try pki.identity(named: "doctor-a")
        let chain = [try pki.identity(named: "hba-ca").certificate.derEncoded]
        let signer = try CMSSigner(key: identity.privateKey, certificateDER: identity.certificate.derEncoded, chainDER: chain)
        let qes = try signer.sign(Array(text.utf8), signingTime: self.now)
        let response = try await self.activate(client, task: draft, qes: qes)
        guard response.status == .ok else { throw ReadTestError.unexpectedStatus(response.status.code) }
        return draft
    }

    /// The Tasks of a Bundle, in entry order.
    static func tasks(_ bundle: FHIR.Bundle) -> [FHIR.Task] {
        bundle.entry.compactMap { entry in
            guard case .task(let task) = entry.resource else { return nil }
            return task
        }
    }

    /// The URL of the link `relation`, if present.
    static func link(_ bundle: FHIR.Bundle, _ relation: String) -> String? {
        bundle.link.first { $0.relation.value == relation }?.url.value
    }

    enum ReadTestError: Error {
        case unexpectedStatus(Int)
    }
}

@Suite("GET /Task and GET /Task/{id} (spec/fd-api.md §2.9, §2.10, §8)")
struct TaskReadTests {
    private typealias Fixture = TaskFixture

    @Test("an insurant lists only their own tasks, with AccessCode and without Secret", arguments: [FHIRFormat.json, .xml])
    func ownTasksOnly(format: FHIRFormat) async throws {
        let clock = TestClock(Fixture.now)
        try await Fixture.withApp(clock: clock) { client in
            var idsA: [String] = []
            for _ in 0..<3 {
                idsA.append(try await Fixture.readyTask(client).id?.value ?? "")
                clock.advance(by: 10)
            }
            for _ in 0..<2 { _ = try await Fixture.readyTask(client, for: Fixture.insurantB) }

            let responseA = try await Fixture.get(client, "/Task", token: try Fixture.insurantToken(Fixture.insurantA, at: clock.now), format: format)
            #expect(responseA.status == .ok)
            let bundleA = try Fixture.decode(FHIR.Bundle.self, responseA, format: format)
            #expect(bundleA.type.value == "searchset")
            #expect(bundleA.total?.value == 3)
            let tasksA = Fixture.tasks(bundleA)
            // Default sort: authored-on ascending (§8).
            #expect(tasksA.map { $0.id?.value ?? "" } == idsA)
            #expect(tasksA.allSatisfy { $0.for?.identifier?.value?.value == Fixture.insurantA })
            #expect(tasksA.allSatisfy { Fixture.identifier($0, AccessCode.system)?.count == 64 })
            #expect(tasksA.allSatisfy { Fixture.identifier($0, Secret.system) == nil })
            #expect(bundleA.entry.first?.fullUrl?.value == "\(Fixture.baseURL)/Task/\(idsA[0])")

            let responseB = try await Fixture.get(client, "/Task", token: try Fixture.insurantToken(Fixture.insurantB, at: clock.now), format: format)
            let bundleB = try Fixture.decode(FHIR.Bundle.self, responseB, format: format)
            #expect(bundleB.total?.value == 2)
            #expect(Fixture.tasks(bundleB).allSatisfy { $0.for?.identifier?.value?.value == Fixture.insurantB })
            let idsB = Set(Fixture.tasks(bundleB).compactMap { $0.id?.value })
            #expect(idsB.count == 2 && idsB.isDisjoint(with: idsA))

            // _sort=-authored-on reverses the order.
            let sorted = try await Fixture.get(client, "/Task?_sort=-authored-on", token: try Fixture.insurantToken(Fixture.insurantA, at: clock.now))
            #expect(Fixture.tasks(try Fixture.decode(FHIR.Bundle.self, sorted, format: .json)).map { $0.id?.value ?? "" } == idsA.reversed())
        }
    }

    @Test("_count and __offset page the result; links keep filters and sort; total counts all matches")
    func paging() async throws {
        let clock = TestClock(Fixture.now)
        try await Fixture.withApp(clock: clock) { client in
            var ids: [String] = []
            for _ in 0..<3 {
                ids.append(try await Fixture.readyTask(client).id?.value ?? "")
                clock.advance(by: 10)
            }
            let token = try Fixture.insurantToken(Fixture.insurantA, at: clock.now)
            let first = try Fixture.decode(
                FHIR.Bundle.self,
                try await Fixture.get(client, "/Task?status=ready&_count=2", token: token),
                format: .json
            )
            #expect(first.total?.value == 3)
            #expect(Fixture.tasks(first).map { $0.id?.value ?? "" } == Array(ids.prefix(2)))
            #expect(Fixture.link(first, "self") == "\(Fixture.baseURL)/Task?status=ready&_count=2&__offset=0")
            #expect(Fixture.link(first, "next") == "\(Fixture.baseURL)/Task?status=ready&_count=2&__offset=2")
            #expect(Fixture.link(first, "last") == "\(Fixture.baseURL)/Task?status=ready&_count=2&__offset=2")
            #expect(Fixture.link(first, "prev") == nil)

            let second = try Fixture.decode(
                FHIR.Bundle.self,
                try await Fixture.get(client, "/Task?status=ready&_count=2&__offset=2", token: token),
                format: .json
            )
            #expect(Fixture.tasks(second).map { $0.id?.value ?? "" } == [ids[2]])
            #expect(Fixture.link(second, "prev") == "\(Fixture.baseURL)/Task?status=ready&_count=2&__offset=0")
            #expect(Fixture.link(second, "next") == nil)

            // §8: _count above 50 is capped; malformed values answer 400.
            let capped = try Fixture.decode(FHIR.Bundle.self, try await Fixture.get(client, "/Task?_count=500", token: token), format: .json)
            #expect(Fixture.link(capped, "self")?.hasSuffix("_count=50&__offset=0") == true)
            #expect(try await Fixture.get(client, "/Task?_count=abc", token: token).status == .badRequest)
            #expect(try await Fixture.get(client, "/Task?_sort=priority", token: token).status == .badRequest)
            #expect(try await Fixture.get(client, "/Task?status=open", token: token).status == .badRequest)
            // Unknown parameters are ignored.
            #expect(try await Fixture.get(client, "/Task?foo=bar", token: token).status == .ok)
        }
    }

    @Test("status and authored-on filter; modified sorts")
    func filters() async throws {
        let clock = TestClock(Fixture.now)
        try await Fixture.withApp(clock: clock) { client in
            var drafts: [FHIR.Task] = []
            for _ in 0..<3 {
                drafts.append(try await Fixture.readyTask(client))
                clock.advance(by: 10)
            }
            // The oldest task is accepted last, so it was modified last.
            #expect(try await Fixture.accept(client, task: drafts[0], at: clock.now).status == .ok)
            let token = try Fixture.insurantToken(Fixture.insurantA, at: clock.now)
            func ids(_ query: String) async throws -> [String] {
                let response = try await Fixture.get(client, "/Task?\(query)", token: token)
                #expect(response.status == .ok)
                return Fixture.tasks(try Fixture.decode(FHIR.Bundle.self, response, format: .json)).map { $0.id?.value ?? "" }
            }
            let all = drafts.map { $0.id?.value ?? "" }
            #expect(try await ids("status=in-progress") == [all[0]])
            #expect(try await ids("status=ready") == [all[1], all[2]])
            #expect(try await ids("status=completed").isEmpty)
            #expect(try await ids("status=ready,in-progress").count == 3)
            // 08:30:10Z is the second task's authoredOn.
            #expect(try await ids("authored-on=ge2026-11-21T08:30:10Z") == [all[1], all[2]])
            #expect(try await ids("authored-on=lt2026-11-21T08:30:10Z") == [all[0]])
            #expect(try await ids("authored-on=2026-11-21").count == 3)
            #expect(try await ids("authored-on=gt2026-11-21").isEmpty)
            #expect(try await ids("_sort=-modified") == [all[0], all[2], all[1]])
            #expect(try await Fixture.get(client, "/Task?authored-on=yesterday", token: token).status == .badRequest)
        }
    }

    @Test("GET /Task is for insurants only: pharmacy and practice get 403")
    func searchRoles() async throws {
        try await Fixture.withApp { client in
            for party in [TaskFixture.Party.pharmacyA, .practiceA] {
                let response = try await Fixture.get(client, "/Task", token: try Fixture.token(party))
                #expect(response.status == .forbidden)
                #expect(try Fixture.issue(response, format: .json).details?.coding.first?.code?.value == "TIFLOW_AUTH_ROLE_NOT_ALLOWED")
            }
        }
    }

    @Test("insurant GET /Task/{id}: own 200, foreign 403, foreign with AccessCode 200, unknown 404", arguments: [FHIRFormat.json, .xml])
    func insurantRead(format: FHIRFormat) async throws {
        try await Fixture.withApp { client in
            let draft = try await Fixture.readyTask(client)
            let id = draft.id?.value ?? ""
            let own = try await Fixture.get(client, "/Task/\(id)", token: try Fixture.insurantToken(Fixture.insurantA), format: format)
            #expect(own.status == .ok)
            let bundle = try Fixture.decode(FHIR.Bundle.self, own, format: format)
            #expect(bundle.type.value == "collection")
            let task = try #require(Fixture.tasks(bundle).first)
            #expect(task.status.value == "ready")
            #expect(Fixture.identifier(task, AccessCode.system) == Fixture.identifier(draft, AccessCode.system))
            #expect(Fixture.identifier(task, Secret.system) == nil)

            let tokenB = try Fixture.insurantToken(Fixture.insurantB)
            let foreign = try await Fixture.get(client, "/Task/\(id)", token: tokenB, format: format)
            #expect(foreign.status == .forbidden)
            let wrongCode = try await Fixture.get(
                client,
                "/Task/\(id)",
                token: tokenB,
                format: format,
                accessCode: String(repeating: "ab", count: 32)
            )
            #expect(wrongCode.status == .forbidden)
            let representative = try await Fixture.get(
                client,
                "/Task/\(id)",
                token: tokenB,
                format: format,
                accessCode: Fixture.identifier(draft, AccessCode.system)
            )
            #expect(representative.status == .ok)

            let unknown = try await Fixture.get(client, "/Task/160.000.000.000.999.45", token: tokenB, format: format)
            #expect(unknown.status == .notFound)
            let practice = try await Fixture.get(client, "/Task/\(id)", token: try Fixture.token(.practiceA), format: format)
            #expect(practice.status == .forbidden)
        }
    }

    @Test("pharmacy ?ac= recovers the Secret (owner only, 412 otherwise); ?secret= reads the task", arguments: [FHIRFormat.json, .xml])
    func pharmacyReads(format: FHIRFormat) async throws {
        try await Fixture.withApp { client in
            let draft = try await Fixture.readyTask(client)
            let id = draft.id?.value ?? ""
            let accessCode = Fixture.identifier(draft, AccessCode.system) ?? ""

            // Before $accept: the task is not in progress and has no owner: 412.
            let early = try await Fixture.get(client, "/Task/\(id)?ac=\(accessCode)", token: try Fixture.token(.pharmacyA), format: format)
            #expect(early.status == .preconditionFailed)

            let accepted = try Fixture.decode(FHIR.Bundle.self, try await Fixture.accept(client, task: draft), format: .json)
            let secret = try #require(Fixture.tasks(accepted).first.flatMap { Fixture.identifier($0, Secret.system) })

            let recovered = try await Fixture.get(client, "/Task/\(id)?ac=\(accessCode)", token: try Fixture.token(.pharmacyA), format: format)
            #expect(recovered.status == .ok)
            let bundle = try Fixture.decode(FHIR.Bundle.self, recovered, format: format)
            #expect(Fixture.tasks(bundle).first.flatMap { Fixture.identifier($0, Secret.system) } == secret)
            guard case .binary(let binary) = bundle.entry.last?.resource else {
                Issue.record("expected the QES Binary")
                return
            }
            #expect(binary.contentType.value == "application/pkcs7-mime")

            let otherPharmacy = try await Fixture.get(client, "/Task/\(id)?ac=\(accessCode)", token: try Fixture.token(.pharmacyB), format: format)
            #expect(otherPharmacy.status == .preconditionFailed)
            let wrongCode = try await Fixture.get(
                client,
                "/Task/\(id)?ac=\(String(repeating: "ab", count: 32))",
                token: try Fixture.token(.pharmacyA),
                format: format
            )
            #expect(wrongCode.status == .forbidden)

            let read = try await Fixture.get(client, "/Task/\(id)?secret=\(secret)", token: try Fixture.token(.pharmacyA), format: format)
            #expect(read.status == .ok)
            let readBundle = try Fixture.decode(FHIR.Bundle.self, read, format: format)
            #expect(readBundle.entry.count == 1)
            #expect(Fixture.tasks(readBundle).first?.status.value == "in-progress")
            let wrongSecret = try await Fixture.get(
                client,
                "/Task/\(id)?secret=\(String(repeating: "cd", count: 32))",
                token: try Fixture.token(.pharmacyA),
                format: format
            )
            #expect(wrongSecret.status == .forbidden)
            let unknown = try await Fixture.get(client, "/Task/160.000.000.000.999.45?secret=\(secret)", token: try Fixture.token(.pharmacyA))
            #expect(unknown.status == .notFound)
        }
    }

    @Test("?secret= after $close returns Task and receipt; a cancelled task answers 410 to the insurant and is listed as cancelled")
    func completedAndCancelled() async throws {
        try await Fixture.withClosingApp { client in
            let accepted = try await Fixture.acceptedTask(client)
            let id = accepted.id?.value ?? ""
            let close = try await Fixture.post(
                client,
                "close",
                task: id,
                query: Fixture.secretQuery(accepted),
                body: try Fixture.dispenseParameters(id: id)
            )
            #expect(close.status == .ok)
            let read = try await Fixture.get(client, "/Task/\(id)\(Fixture.secretQuery(accepted))", token: try Fixture.token(.pharmacyA))
            #expect(read.status == .ok)
            let bundle = try Fixture.decode(FHIR.Bundle.self, read, format: .json)
            #expect(Fixture.tasks(bundle).first?.status.value == "completed")
            guard case .bundle(let receipt) = bundle.entry.last?.resource else {
                Issue.record("expected the receipt bundle")
                return
            }
            #expect(receipt.type.value == "document")

            let ready = try await Fixture.readyTask(client)
            let readyID = ready.id?.value ?? ""
            let token = try Fixture.insurantToken(Fixture.insurantA)
            let abort = try await Fixture.post(client, "abort", task: readyID, token: token)
            #expect(abort.status.code < 300)
            #expect(try await Fixture.get(client, "/Task/\(readyID)", token: token).status == .gone)
            let cancelled = try await Fixture.get(client, "/Task?status=cancelled", token: token)
            #expect(Fixture.tasks(try Fixture.decode(FHIR.Bundle.self, cancelled, format: .json)).map { $0.id?.value ?? "" } == [readyID])
        }
    }

    @Test("/metadata lists read and search-type on Task with the search parameters")
    func capabilities() async throws {
        try await Fixture.withApp { client in
            let response = try await Fixture.get(client, "/metadata", token: try Fixture.token(.pharmacyA))
            let statement = try Fixture.decode(CapabilityStatement.self, response, format: .json)
            let task = try #require(statement.rest.first?.resource.first { $0.type.value == "Task" })
            #expect(Set(task.interaction.compactMap { $0.code.value }).isSuperset(of: ["read", "search-type"]))
            #expect(Set(task.searchParam.compactMap { $0.name.value }) == ["status", "authored-on", "modified"])
            #expect(statement.rest.first?.resource.contains { $0.type.value == "AuditEvent" } == true)
        }
    }
}
