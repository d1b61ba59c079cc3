// SPDX-License-Identifier: Apache-2.0

import Foundation
import Workflow

@testable import Storage

/// Sample values and a store in a fresh temporary data directory.
struct SQLiteTestFixture {
    let directory: TemporaryDirectory
    let store: SQLiteWorkflowStore

    init(sequenceBlockSize: UInt64 = 100) throws {
        self.directory = try TemporaryDirectory()
        self.store = try Self.open(self.directory, sequenceBlockSize: sequenceBlockSize)
    }

    /// Opens (again) the store of `directory` with the key file in it.
    static func open(_ directory: TemporaryDirectory, sequenceBlockSize: UInt64 = 100) throws -> SQLiteWorkflowStore {
        try SQLiteWorkflowStore(
            path: directory.path + "/" + SQLiteWorkflowStore.databaseFileName,
            masterKey: StorageKeyFile(directory: directory.path).loadOrCreate(),
            sequenceBlockSize: sequenceBlockSize
        )
    }

    var databasePath: String { self.directory.path + "/" + SQLiteWorkflowStore.databaseFileName }

    /// A valid KVNR `<letter><eight digits><check digit>`.
    static func kvnr(_ letter: Character, _ digits: String) -> KVNR {
        for check in 0...9 {
            if let kvnr = try? KVNR("\(letter)\(digits)\(check)") {
                return kvnr
            }
        }
        fatalError("no check digit for \(letter)\(digits)")
    }

    static let insurant = kvnr("X", "11058006")
    static let otherInsurant = kvnr("K", "22033355")
    static let pharmacy = try! TelematikID("3-SMC-B-Testkarte-883110000116873")

    /// A draft task with sequence number `number`, authored `minutes` minutes after a fixed instant.
    static func draft(_ number: UInt64, minutes: Double = 0) -> PrescriptionTask {
        PrescriptionTask(
            id: try! PrescriptionID(flowtype: .pharmacyGKV, sequenceNumber: number),
            flowtype: .pharmacyGKV,
            accessCode: .random(),
            authoredOn: Date(timeIntervalSinceReferenceDate: 800_000_000.123_456_7 + minutes * 60)
        )
    }

    /// `task` as `$activate` leaves it: ready, with a beneficiary and dates.
    static func activated(_ task: PrescriptionTask, for kvnr: KVNR = insurant) -> PrescriptionTask {
        var task = task
        task.status = .ready
        task.beneficiary = kvnr
        task.lastModified = task.authoredOn.addingTimeInterval(1.5)
        task.expiryDate = CalendarDate(year: 2026, month: 3, day: 31)
        task.acceptDate = CalendarDate(year: 2026, month: 2, day: 28)
        return task
    }

    /// Inserts `task` in a transaction of its own.
    func insert(_ task: PrescriptionTask) async throws {
        try await self.store.transaction { try $0.insert(task) }
    }

    /// The stored task `id`.
    func read(_ id: PrescriptionID) async throws -> PrescriptionTask? {
        try await self.store.transaction { try $0.task(id) }
    }
}

/// An error thrown on purpose to roll a transaction back.
struct IntendedFailure: Error, Equatable {}
