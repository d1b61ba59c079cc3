// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import Storage

struct SQLiteConnectionSettingsTests {
    @Test func theWriterUsesWALWithFullSyncAndForeignKeys() async throws {
        let fixture = try SQLiteTestFixture()
        defer { fixture.directory.remove() }
        #expect(try await fixture.store.writerPragma("journal_mode") == "wal")
        #expect(try await fixture.store.writerPragma("synchronous") == "2")
        #expect(try await fixture.store.writerPragma("foreign_keys") == "1")
        #expect(try await fixture.store.writerPragma("busy_timeout") == "5000")
    }
}
