// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing
import Workflow

@testable import Storage

struct SQLiteTaskTests {
    @Test func aDraftRoundTripsWithEveryOptionalFieldNil() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        var draft = SQLiteTestFixture.draft(1)
        draft.accessCode = nil
        try await fixture.insert(draft)
        let read = try #require(try await fixture.read(draft.id))
        #expect(read == draft)
        #expect(read.accessCode == nil && read.secret == nil && read.owner == nil && read.beneficiary == nil)
        #expect(read.expiryDate == nil && read.acceptDate == nil && read.lastMedicationDispense == nil)
    }

    @Test func everyFieldRoundTripsThroughUpdates() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        let draft = SQLiteTestFixture.draft(2)
        try await fixture.insert(draft)
        #expect(try await fixture.read(draft.id) == draft)

        let ready = SQLiteTestFixture.activated(draft)
        let storedReady = try await fixture.store.transaction { try $0.update(ready) }
        #expect(storedReady.version == 2)
        #expect(try await fixture.read(draft.id) == storedReady)

        var completed = storedReady
        completed.status = .completed
        completed.secret = .random()
        completed.owner = SQLiteTestFixture.pharmacy
        completed.lastMedicationDispense = Date(timeIntervalSinceReferenceDate: 800_000_123.987_654_3)
        completed.multiplePrescription = MultiplePrescription(
            numerator: 2,
            denominator: 4,
            start: CalendarDate(year: 2026, month: 12, day: 1),
            end: CalendarDate(year: 2027, month: 3, day: 1),
            id: "urn:uuid:24e2e10d-e962-4d1c-be4f-8760e690a5f0"
        )
        completed.lastModified = Date(timeIntervalSinceReferenceDate: 800_000_200.000_001)
        let storedCompleted = try await fixture.store.transaction { [completed] in try $0.update(completed) }
        let read = try #require(try await fixture.read(draft.id))
        #expect(read == storedCompleted)
        #expect(read.version == 3)
        #expect(read.secret == completed.secret && read.owner == SQLiteTestFixture.pharmacy)
        #expect(read.beneficiary == SQLiteTestFixture.insurant)
        #expect(read.lastMedicationDispense == completed.lastMedicationDispense)
        #expect(read.multiplePrescription == completed.multiplePrescription)
        #expect(read.authoredOn == draft.authoredOn)

        var cancelled = read
        cancelled.status = .cancelled
        cancelled.accessCode = nil
        cancelled.secret = nil
        cancelled.owner = nil
        cancelled.lastMedicationDispense = nil
        let storedCancelled = try await fixture.store.transaction { [cancelled] in try $0.update(cancelled) }
        #expect(try await fixture.read(draft.id) == storedCancelled)
    }

    @Test func anUnknownTaskIsNil() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        #expect(try await fixture.read(SQLiteTestFixture.draft(99).id) == nil)
    }

    @Test func insertingAnExistingIDIsAConflict() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        let task = SQLiteTestFixture.draft(3)
        try await fixture.insert(task)
        var duplicate = SQLiteTestFixture.draft(3)
        duplicate.status = .ready
        await #expect(throws: StoreConflict(taskID: task.id)) {
            try await fixture.insert(duplicate)
        }
        #expect(try await fixture.read(task.id) == task)
    }

    @Test func aRollbackLeavesNothingBehind() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        let task = SQLiteTestFixture.draft(4)
        await #expect(throws: IntendedFailure()) {
            try await fixture.store.transaction { transaction in
                try transaction.insert(task)
                try transaction.putDocument([1, 2, 3], kind: .qes, task: task.id, insurant: nil)
                throw IntendedFailure()
            }
        }
        #expect(try await fixture.read(task.id) == nil)
        let document = try await fixture.store.transaction { try $0.document(.qes, task: task.id, insurant: nil) }
        #expect(document == nil)
    }

    @Test func aStaleVersionIsAConflictAndChangesNothing() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        let draft = SQLiteTestFixture.draft(5)
        try await fixture.insert(draft)
        let current = try await fixture.store.transaction { try $0.update(SQLiteTestFixture.activated(draft)) }
        var stale = SQLiteTestFixture.activated(draft, for: SQLiteTestFixture.otherInsurant)
        stale.status = .cancelled
        await #expect(throws: StoreConflict(taskID: draft.id)) {
            try await fixture.store.transaction { [stale] in try $0.update(stale) }
        }
        #expect(try await fixture.read(draft.id) == current)
    }

    @Test func updatingAMissingTaskIsAConflict() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        let missing = SQLiteTestFixture.draft(6)
        await #expect(throws: StoreConflict(taskID: missing.id)) {
            try await fixture.store.transaction { try $0.update(missing) }
        }
    }

    @Test func concurrentAcceptsInOneTransactionEachLetExactlyOneWin() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        let draft = SQLiteTestFixture.draft(7)
        try await fixture.insert(draft)
        _ = try await fixture.store.transaction { try $0.update(SQLiteTestFixture.activated(draft)) }
        let store = fixture.store
        let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    do {
                        return try await store.transaction { transaction in
                            guard var task = try transaction.task(draft.id) else {
                                throw IntendedFailure()
                            }
                            guard task.status == .ready else {
                                return task.status.rawValue
                            }
                            task.status = .inProgress
                            task.secret = .random()
                            task.owner = SQLiteTestFixture.pharmacy
                            _ = try transaction.update(task)
                            return "accepted"
                        }
                    } catch is StoreConflict {
                        return "conflict"
                    }
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.count == 32)
        #expect(outcomes.filter { $0 == "accepted" }.count == 1)
        #expect(outcomes.allSatisfy { ["accepted", "in-progress", "conflict"].contains($0) })
        let final = try #require(try await fixture.read(draft.id))
        #expect(final.status == .inProgress && final.version == 3)
    }

    @Test func concurrentUpdatesOfOneReadVersionLetExactlyOneWin() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        let draft = SQLiteTestFixture.draft(8)
        try await fixture.insert(draft)
        let ready = try await fixture.store.transaction { try $0.update(SQLiteTestFixture.activated(draft)) }
        let store = fixture.store
        let successes = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    var task = ready
                    task.status = .inProgress
                    task.secret = .random()
                    do {
                        _ = try await store.transaction { [task] in try $0.update(task) }
                        return 1
                    } catch is StoreConflict {
                        return 0
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(successes == 1)
        #expect(try await fixture.read(draft.id)?.version == 3)
    }

    @Test func tasksOfAnInsurantArePagedNewestFirstAndIsolated() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        var expected: [PrescriptionTask] = []
        for number in UInt64(10)..<UInt64(17) {
            let draft = SQLiteTestFixture.draft(number, minutes: Double(number))
            try await fixture.insert(draft)
            let insurant = number.isMultiple(of: 3) ? SQLiteTestFixture.otherInsurant : SQLiteTestFixture.insurant
            let stored = try await fixture.store.transaction { try $0.update(SQLiteTestFixture.activated(draft, for: insurant)) }
            if insurant == SQLiteTestFixture.insurant {
                expected.insert(stored, at: 0)
            }
        }
        try await fixture.insert(SQLiteTestFixture.draft(30, minutes: 100))
        let all = try await fixture.store.transaction { try $0.tasks(of: SQLiteTestFixture.insurant, limit: 50, offset: 0) }
        #expect(all == expected)
        let firstPage = try await fixture.store.transaction { try $0.tasks(of: SQLiteTestFixture.insurant, limit: 2, offset: 0) }
        let secondPage = try await fixture.store.transaction { try $0.tasks(of: SQLiteTestFixture.insurant, limit: 2, offset: 2) }
        let beyond = try await fixture.store.transaction { try $0.tasks(of: SQLiteTestFixture.insurant, limit: 2, offset: 10) }
        #expect(firstPage == Array(expected[0..<2]))
        #expect(secondPage == Array(expected[2..<4]))
        #expect(beyond.isEmpty)
        let other = try await fixture.store.transaction { try $0.tasks(of: SQLiteTestFixture.otherInsurant, limit: 50, offset: 0) }
        #expect(other.map(\.id.sequenceNumber) == [15, 12])
        #expect(other.allSatisfy { $0.beneficiary == SQLiteTestFixture.otherInsurant })
    }
}
