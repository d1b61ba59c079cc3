// SPDX-License-Identifier: Apache-2.0

import Testing
import Workflow

@testable import Storage

struct SQLiteSequenceTests {
    /// A block size of 3 makes the tests cross block boundaries, inside a transaction and between transactions.
    @Test(arguments: [3, 100] as [UInt64])
    func numbersIncreaseAcrossTransactionsRollbacksAndReopening(blockSize: UInt64) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var seen: [UInt64] = []
        do {
            let store = try SQLiteTestFixture.open(directory, sequenceBlockSize: blockSize)
            for _ in 0..<4 {
                seen.append(try await store.transaction { try $0.nextPrescriptionSequenceNumber() })
            }
            let several = try await store.transaction { transaction in
                try (0..<5).map { _ in try transaction.nextPrescriptionSequenceNumber() }
            }
            seen += several
            for _ in 0..<4 {
                // Four numbers cross a block boundary inside the transaction that then rolls back.
                let burnt = SequenceBox()
                await #expect(throws: IntendedFailure()) {
                    try await store.transaction { transaction in
                        for _ in 0..<4 {
                            burnt.values.append(try transaction.nextPrescriptionSequenceNumber())
                        }
                        throw IntendedFailure()
                    }
                }
                #expect(burnt.values.count == 4)
                seen += burnt.values
                seen.append(try await store.transaction { try $0.nextPrescriptionSequenceNumber() })
            }
        }
        let reopened = try SQLiteTestFixture.open(directory, sequenceBlockSize: blockSize)
        for _ in 0..<3 {
            seen.append(try await reopened.transaction { try $0.nextPrescriptionSequenceNumber() })
        }
        #expect(seen.first == 1)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0 < $1 }, "\(seen)")
    }

    @Test func concurrentTransactionsNeverShareANumber() async throws {
        let fixture = try SQLiteTestFixture(sequenceBlockSize: 7)
        defer { fixture.directory.remove() }
        let store = fixture.store
        let numbers = try await withThrowingTaskGroup(of: UInt64.self) { group in
            for _ in 0..<40 {
                group.addTask { try await store.transaction { try $0.nextPrescriptionSequenceNumber() } }
            }
            return try await group.reduce(into: [UInt64]()) { $0.append($1) }
        }
        #expect(Set(numbers).count == 40)
    }
}

/// Carries a number out of a transaction that is rolled back.
final class SequenceBox: @unchecked Sendable {
    var values: [UInt64] = []
}
