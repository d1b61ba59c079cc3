// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing
import Workflow

@Suite("Concurrent $accept and $abort on one ready task: exactly one wins (spec/fd-api.md §2.4, §2.8, §3)")
struct TaskAcceptRaceTests {
    private typealias Fixture = TaskFixture

    static let attempts = 32

    /// The Telematik-ID of the `index`th pharmacy of the race.
    static func pharmacy(_ index: Int) -> String {
        "3-SMC-B-Testkarte-8831100002\(String(format: "%05d", index))"
    }

    /// One `$accept` attempt's answer.
    struct Attempt: Sendable {
        let pharmacy: String
        let status: Int
        let task: FHIR.Task?
    }

    /// 32 `$accept` calls at once on one ready task, by 32 pharmacies or all by the same one.
    private static func race(_ client: some TestClientProtocol, samePharmacy: Bool) async throws -> (FHIR.Task, [Attempt]) {
        let draft = try await Fixture.create(client)
        let id = try #require(draft.id?.value)
        #expect(try await Fixture.activate(client, task: draft).status == .ok)
        let accessCode = try #require(Fixture.identifier(draft, AccessCode.system))
        let attempts = try await withThrowingTaskGroup(of: Attempt.self) { group in
            for index in 0..<Self.attempts {
                let pharmacy = Self.pharmacy(samePharmacy ? 0 : index)
                let token = try Fixture.token(professionOID: TelematikOID.oeffentlicheApotheke, idNummer: pharmacy)
                group.addTask {
                    let response = try await Fixture.post(client, "accept", task: id, query: "?ac=\(accessCode)", token: token)
                    var task: FHIR.Task?
                    if response.status == .ok {
                        let bundle = try Fixture.decode(FHIR.Bundle.self, response, format: .json)
                        if case .task(let accepted) = bundle.entry.first?.resource { task = accepted }
                    }
                    return Attempt(pharmacy: pharmacy, status: response.status.code, task: task)
                }
            }
            return try await group.reduce(into: [Attempt]()) { $0.append($1) }
        }
        return (draft, attempts)
    }

    /// Exactly one 200; all others 409 (or 410); the stored task has the winner's Secret and owner.
    private static func checkOneWinner(_ client: some TestClientProtocol, draft: FHIR.Task, attempts: [Attempt]) async throws {
        #expect(attempts.count == Self.attempts)
        let winners = attempts.filter { $0.status == 200 }
        #expect(winners.count == 1, "statuses: \(attempts.map(\.status))")
        #expect(attempts.filter { $0.status != 200 }.allSatisfy { $0.status == 409 }, "statuses: \(attempts.map(\.status))")
        let winner = try #require(winners.first)
        let task = try #require(winner.task)
        let id = try #require(draft.id?.value)
        #expect(task.owner?.identifier?.value?.value == winner.pharmacy)
        let winnerToken = try Fixture.token(professionOID: TelematikOID.oeffentlicheApotheke, idNummer: winner.pharmacy)

        // The stored Secret is the winner's: it reads the task, with the winner as owner.
        let read = try await Fixture.get(client, "/Task/\(id)\(Fixture.secretQuery(task))", token: winnerToken)
        #expect(read.status == .ok)
        let stored = Fixture.tasks(try Fixture.decode(FHIR.Bundle.self, read, format: .json)).first
        #expect(stored?.status.value == "in-progress")
        #expect(stored.flatMap { Fixture.identifier($0, Secret.system) } == Fixture.identifier(task, Secret.system))
        #expect(stored?.owner?.identifier?.value?.value == winner.pharmacy)

        // A loser never got a Secret; its guess is refused.
        let guess = String(repeating: "0f", count: 32)
        let loser = try Fixture.token(professionOID: TelematikOID.oeffentlicheApotheke, idNummer: Self.pharmacy(Self.attempts + 1))
        for token in [winnerToken, loser] {
            let denied = try await Fixture.get(client, "/Task/\(id)?secret=\(guess)", token: token)
            #expect(denied.status == .forbidden)
        }
    }

    @Test("32 pharmacies accept at once: one 200, the others 409, the stored task is the winner's")
    func differentPharmacies() async throws {
        try await Fixture.withApp(pki: try Fixture.pki.get()) { client in
            let (draft, attempts) = try await Self.race(client, samePharmacy: false)
            try await Self.checkOneWinner(client, draft: draft, attempts: attempts)
        }
    }

    @Test("one pharmacy accepts 32 times at once: one 200, the others 409")
    func samePharmacy() async throws {
        try await Fixture.withApp(pki: try Fixture.pki.get()) { client in
            let (draft, attempts) = try await Self.race(client, samePharmacy: true)
            try await Self.checkOneWinner(client, draft: draft, attempts: attempts)
        }
    }

    @Test("the practice aborts a ready task 32 times at once: one 204, the others 410")
    func concurrentAbort() async throws {
        try await Fixture.withApp(pki: try Fixture.pki.get()) { client in
            let draft = try await Fixture.create(client)
            let id = try #require(draft.id?.value)
            #expect(try await Fixture.activate(client, task: draft).status == .ok)
            let accessCode = try #require(Fixture.identifier(draft, AccessCode.system))
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<Self.attempts {
                    group.addTask {
                        try await Fixture.post(client, "abort", task: id, party: .practiceA, accessCode: accessCode).status.code
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == Self.attempts)
            #expect(statuses.filter { $0 == 204 }.count == 1, "statuses: \(statuses)")
            #expect(statuses.filter { $0 != 204 }.allSatisfy { $0 == 410 }, "statuses: \(statuses)")
            // The task is cancelled: a pharmacy's $accept now answers 410.
            #expect(try await Fixture.accept(client, task: draft).status == .gone)
        }
    }
}
