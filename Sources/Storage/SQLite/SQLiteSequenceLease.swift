// SPDX-License-Identifier: Apache-2.0

import GRDB
import Synchronization

/// Hands out PrescriptionID sequence numbers from blocks reserved in `prescription_sequence`.
///
/// A_19019-01 and ``Workflow/WorkflowTransaction/nextPrescriptionSequenceNumber()`` require that no number is handed
/// out twice, not even after a rolled-back transaction or a restart. A counter incremented inside the caller's
/// transaction cannot give that: SQLite rolls the counter back with the transaction (an `AUTOINCREMENT` insert too,
/// as `sqlite_sequence` is an ordinary table), and the next transaction would reuse the number. So numbers come from a
/// block that is reserved and committed in a transaction of its own *before* the caller's transaction starts, on the
/// same writer connection. A rolled-back caller burns its number; the block stays reserved.
///
/// Blocks are ``blockSize`` numbers; a restart abandons what is left of the current block, which costs nothing in a
/// twelve-digit space and keeps the extra commit to one per block. Processes sharing a database file reserve disjoint
/// blocks, so numbers stay unique (but are only increasing per process).
///
/// If a single transaction needs more numbers than its block has left, the lease reserves the next block inside that
/// transaction. Should that transaction roll back, the reservation is undone with it: ``transactionEnded(committed:)``
/// then drops the rest of the block, and the next reservation, committed on its own before any further number is handed
/// out, is written as `MAX(reserved_through, last handed out) + blockSize`, so the stored counter covers every number
/// handed out before a restart can happen.
final class SQLiteSequenceLease: Sendable {
    private struct State {
        /// The next number to hand out.
        var next: UInt64 = 1
        /// The last number of the reserved block; the lease is empty when `next > last`.
        var last: UInt64 = 0
        /// Whether the current block was reserved inside the caller's transaction, so that it is not yet committed.
        var reservedInsideTransaction = false
    }

    /// How many numbers one reservation takes.
    let blockSize: UInt64
    private let state = Mutex(State())

    init(blockSize: UInt64 = 100) {
        precondition(blockSize > 0)
        self.blockSize = blockSize
    }

    /// Reserves a new block in a transaction of its own when the current one is used up.
    /// - Precondition: `db` is not inside a transaction.
    func refillIfEmpty(_ db: Database) throws {
        guard self.state.withLock({ $0.next > $0.last }) else {
            return
        }
        try db.inTransaction(.immediate) {
            try self.reserve(db)
            return .commit
        }
    }

    /// The next number; reserves a block inside the current transaction only when the pre-reserved one is used up.
    func next(_ db: Database) throws -> UInt64 {
        if let number = self.take() {
            return number
        }
        try self.reserve(db)
        self.state.withLock { $0.reservedInsideTransaction = true }
        guard let number = self.take() else {
            throw StorageError(.databaseFailure, reason: "the prescription sequence reservation returned no numbers")
        }
        return number
    }

    /// Called after every caller's transaction: drops a block whose reservation was rolled back.
    func transactionEnded(committed: Bool) {
        self.state.withLock { state in
            if state.reservedInsideTransaction && !committed {
                state.last = state.next - 1
            }
            state.reservedInsideTransaction = false
        }
    }

    private func take() -> UInt64? {
        self.state.withLock { state in
            guard state.next <= state.last else {
                return nil
            }
            defer { state.next += 1 }
            return state.next
        }
    }

    private func reserve(_ db: Database) throws {
        let handedOut = self.state.withLock { $0.next - 1 }
        let reserved = try Int64.fetchOne(
            db,
            sql: """
                UPDATE prescription_sequence
                SET reserved_through = MAX(reserved_through, ?) + ?
                WHERE singleton = 1
                RETURNING reserved_through
                """,
            arguments: [Int64(handedOut), Int64(self.blockSize)]
        )
        guard let reserved, reserved > 0 else {
            throw StorageError(.corruptRecord, reason: "the prescription_sequence row is missing")
        }
        let last = UInt64(reserved)
        self.state.withLock { state in
            state.next = max(state.next, last - self.blockSize + 1)
            state.last = last
        }
    }
}
