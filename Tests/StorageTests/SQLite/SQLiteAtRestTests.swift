// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import Testing
import Workflow

@testable import Storage

struct SQLiteAtRestTests {
    @Test func theFileHoldsNoPlaintextAndReopensWithItsKey() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        let kvnr = SQLiteTestFixture.insurant
        let draft = SQLiteTestFixture.draft(1)
        let accessCode = try #require(draft.accessCode)
        let document = Array(#"{"resourceType":"Bundle","id":"plaintext-marker-5d1c0e"}"#.utf8)
        let record = AuditRecord(
            insurant: kvnr,
            prescriptionID: draft.id,
            action: .read,
            agentName: "Apotheke am Markt",
            agentID: "3-SMC-B-Testkarte-883110000116873",
            recorded: Date(timeIntervalSinceReferenceDate: 800_000_000),
            text: "Apotheke am Markt hat Ihr E-Rezept abgerufen."
        )
        let stored = try await fixture.store.transaction { transaction in
            try transaction.insert(draft)
            var ready = try transaction.update(SQLiteTestFixture.activated(draft, for: kvnr))
            ready.status = .inProgress
            ready.secret = .random()
            ready.owner = SQLiteTestFixture.pharmacy
            let accepted = try transaction.update(ready)
            try transaction.putDocument(document, kind: .patientCopy, task: draft.id, insurant: kvnr)
            try transaction.append(record)
            return accepted
        }
        try await fixture.store.checkpoint()

        var bytes = try fixture.directory.contents(of: SQLiteWorkflowStore.databaseFileName)
        if FileManager.default.fileExists(atPath: fixture.databasePath + "-wal") {
            bytes += try fixture.directory.contents(of: SQLiteWorkflowStore.databaseFileName + "-wal")
        }
        #expect(bytes.count > 4096)
        #expect(Self.contains(bytes, Array("SQLite format 3".utf8)))
        #expect(Self.contains(bytes, Array(draft.id.description.utf8)), "the ids are stored in clear, as a control")
        #expect(!Self.contains(bytes, Array(kvnr.value.utf8)))
        #expect(!Self.contains(bytes, Array(accessCode.hexadecimal.utf8)))
        #expect(!Self.contains(bytes, Array(try #require(stored.secret).hexadecimal.utf8)))
        #expect(!Self.contains(bytes, Array(SQLiteTestFixture.pharmacy.value.utf8)))
        #expect(!Self.contains(bytes, document))
        #expect(!Self.contains(bytes, Array(record.text.utf8)))

        let reopened = try SQLiteTestFixture.open(fixture.directory)
        #expect(try await reopened.transaction { try $0.task(draft.id) } == stored)
        #expect(try await reopened.transaction { try $0.document(.patientCopy, task: draft.id, insurant: kvnr) } == document)
        #expect(try await reopened.transaction { try $0.auditRecords(of: kvnr, limit: 10, offset: 0) } == [record])
        #expect(try await reopened.transaction { try $0.tasks(of: kvnr, limit: 10, offset: 0) } == [stored])
    }

    @Test func anotherKeyFileIsRefusedWithACode() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        try await fixture.insert(SQLiteTestFixture.activated(SQLiteTestFixture.draft(1)))
        let otherDirectory = try TemporaryDirectory()
        defer { otherDirectory.remove() }
        let otherKey = try StorageKeyFile(directory: otherDirectory.path).loadOrCreate()
        #expect(throws: StorageError(.decryptionFailed)) {
            try SQLiteWorkflowStore(path: fixture.databasePath, masterKey: otherKey)
        }
    }

    @Test func aDataDirectoryGetsItsKeyFileAndDatabase() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let draft = SQLiteTestFixture.draft(1)
        do {
            let store = try SQLiteWorkflowStore(directory: directory.path)
            try await store.transaction { try $0.insert(draft) }
        }
        #expect(try directory.entries().contains(StorageKeyFile.defaultFileName))
        #expect(try directory.mode(of: StorageKeyFile.defaultFileName) == 0o600)
        let reopened = try SQLiteWorkflowStore(directory: directory.path)
        #expect(try await reopened.transaction { try $0.task(draft.id) } == draft)
    }

    @Test func anInMemoryStoreWorks() async throws {
        let store = try SQLiteWorkflowStore.inMemory(masterKey: SymmetricKey(size: .bits256))
        let draft = SQLiteTestFixture.draft(1)
        try await store.transaction { try $0.insert(draft) }
        #expect(try await store.transaction { try $0.task(draft.id) } == draft)
        #expect(try await store.transaction { try $0.nextPrescriptionSequenceNumber() } == 1)
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else {
            return needle.isEmpty
        }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) {
                return true
            }
            index += 1
        }
        return false
    }
}
