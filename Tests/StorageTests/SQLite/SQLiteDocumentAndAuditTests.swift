// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing
import Workflow

@testable import Storage

struct SQLiteDocumentAndAuditTests {
    @Test func documentsArePutReplacedReadAndDeleted() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        let draft = SQLiteTestFixture.draft(1)
        let other = SQLiteTestFixture.draft(2)
        try await fixture.insert(draft)
        try await fixture.insert(other)
        let kvnr = SQLiteTestFixture.insurant
        let qes: [UInt8] = [0x30, 0x82, 0x01, 0x00] + Array(repeating: 0xAB, count: 300)
        try await fixture.store.transaction { transaction in
            try transaction.putDocument(qes, kind: .qes, task: draft.id, insurant: kvnr)
            try transaction.putDocument([], kind: .dispenses, task: draft.id, insurant: kvnr)
            try transaction.putDocument([9], kind: .qes, task: other.id, insurant: nil)
        }
        #expect(try await fixture.store.transaction { try $0.document(.qes, task: draft.id, insurant: kvnr) } == qes)
        #expect(try await fixture.store.transaction { try $0.document(.dispenses, task: draft.id, insurant: kvnr) } == [])
        #expect(try await fixture.store.transaction { try $0.document(.receipt, task: draft.id, insurant: kvnr) } == nil)

        try await fixture.store.transaction { try $0.putDocument([1, 2], kind: .dispenses, task: draft.id, insurant: kvnr) }
        #expect(try await fixture.store.transaction { try $0.document(.dispenses, task: draft.id, insurant: kvnr) } == [1, 2])

        await #expect(throws: StorageError(.decryptionFailed)) {
            try await fixture.store.transaction { try $0.document(.qes, task: draft.id, insurant: SQLiteTestFixture.otherInsurant) }
        }

        try await fixture.store.transaction { try $0.deleteDocuments(task: draft.id) }
        #expect(try await fixture.store.transaction { try $0.document(.qes, task: draft.id, insurant: kvnr) } == nil)
        #expect(try await fixture.store.transaction { try $0.document(.dispenses, task: draft.id, insurant: kvnr) } == nil)
        #expect(try await fixture.store.transaction { try $0.document(.qes, task: other.id, insurant: nil) } == [9])
    }

    @Test func aDocumentOfAMissingTaskIsRefused() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        await #expect(throws: StorageError(.missingTask)) {
            try await fixture.store.transaction { try $0.putDocument([1], kind: .qes, task: SQLiteTestFixture.draft(5).id, insurant: nil) }
        }
    }

    @Test func settingTheBeneficiaryResealsEarlierDocuments() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        let draft = SQLiteTestFixture.draft(3)
        try await fixture.store.transaction { transaction in
            try transaction.insert(draft)
            try transaction.putDocument([7, 7, 7], kind: .qes, task: draft.id, insurant: nil)
            _ = try transaction.update(SQLiteTestFixture.activated(draft))
        }
        let kvnr = SQLiteTestFixture.insurant
        #expect(try await fixture.store.transaction { try $0.document(.qes, task: draft.id, insurant: kvnr) } == [7, 7, 7])
    }

    @Test func auditRecordsAreAppendedAndListedNewestFirstPerInsurant() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        let base = Date(timeIntervalSinceReferenceDate: 800_000_000.5)
        var records: [AuditRecord] = []
        for index in 0..<5 {
            let insurant: KVNR = index == 2 ? SQLiteTestFixture.otherInsurant : SQLiteTestFixture.insurant
            let prescriptionID: PrescriptionID? = index == 0 ? nil : SQLiteTestFixture.draft(UInt64(index)).id
            let record = AuditRecord(
                insurant: insurant,
                prescriptionID: prescriptionID,
                action: AuditRecord.Action.allCases[index % 4],
                agentName: "Apotheke am Markt \(index)",
                agentID: "3-SMC-B-Testkarte-88311000011687\(index)",
                recorded: base.addingTimeInterval(Double(index) * 10.25),
                text: "Apotheke am Markt hat Ihr E-Rezept abgerufen. (\(index))"
            )
            records.append(record)
        }
        try await fixture.store.transaction { [records] transaction in
            for record in records {
                try transaction.append(record)
            }
        }
        let mine = try await fixture.store.transaction { try $0.auditRecords(of: SQLiteTestFixture.insurant, limit: 10, offset: 0) }
        #expect(mine == [records[4], records[3], records[1], records[0]])
        let page = try await fixture.store.transaction { try $0.auditRecords(of: SQLiteTestFixture.insurant, limit: 2, offset: 1) }
        #expect(page == [records[3], records[1]])
        let theirs = try await fixture.store.transaction { try $0.auditRecords(of: SQLiteTestFixture.otherInsurant, limit: 10, offset: 0) }
        #expect(theirs == [records[2]])
        let nobody = try await fixture.store.transaction { try $0.auditRecords(of: SQLiteTestFixture.kvnr("A", "00000001"), limit: 10, offset: 0) }
        #expect(nobody.isEmpty)
    }
}
