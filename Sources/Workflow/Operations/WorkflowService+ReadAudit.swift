// SPDX-License-Identifier: Apache-2.0

extension WorkflowService {
    /// One page of an insurant's access protocol.
    public struct AuditPage: Sendable {
        /// The records, newest first.
        public let records: [AuditRecord]
        /// Whether records follow after this page.
        public let hasMore: Bool

        /// Creates a page.
        public init(records: [AuditRecord], hasMore: Bool) {
            self.records = records
            self.hasMore = hasMore
        }
    }

    /// `GET /AuditEvent` (spec/fd-api.md §2.13, §10): the caller's own access protocol, newest first. Reading the
    /// protocol is not logged itself (§10).
    /// - Parameters:
    ///   - caller: the insurant.
    ///   - count: the page size.
    ///   - offset: the zero-based index of the first record.
    /// - Throws: 403 ``WorkflowError/Code/roleNotAllowed`` for every caller who is not an insurant.
    public func auditRecords(caller: OperationCaller, count: Int, offset: Int) async throws(WorkflowError) -> AuditPage {
        let kvnr = try Self.insurantKVNR(of: caller, for: "GET /AuditEvent")
        let limit = max(count, 0)
        return try await transaction { transaction in
            // One record more than asked tells whether a next page exists without counting (§8: no total).
            let records = try transaction.auditRecords(of: kvnr, limit: limit + 1, offset: max(offset, 0))
            return AuditPage(records: Array(records.prefix(limit)), hasMore: records.count > limit)
        }
    }
}
