// SPDX-License-Identifier: Apache-2.0

/// The persistence that Workflow operations run on; Storage implements it for SQLite and PostgreSQL.
///
/// Each operation of the Fachdienst runs as exactly one ``transaction(_:)``: the state change, its documents and the
/// insurant's audit event commit together or not at all.
public protocol WorkflowStore: Sendable {
    /// Runs `body` in one transaction: commits when it returns, rolls everything back when it throws, and rethrows.
    func transaction<Result: Sendable>(
        _ body: @escaping @Sendable (any WorkflowTransaction) throws -> Result
    ) async throws -> Result
}

/// The reads and writes available inside one ``WorkflowStore`` transaction.
///
/// Personal data (documents, the KVNR) is encrypted at rest by the implementation; callers see plaintext.
public protocol WorkflowTransaction {
    /// The next number of the PrescriptionID sequence (1, 2, …); never returns a number twice, even across
    /// restarts and rolled-back transactions (A_19019-01: an ID is burnt once handed out).
    func nextPrescriptionSequenceNumber() throws -> UInt64

    /// Stores a new task.
    /// - Throws: ``StoreConflict`` when a task with its id exists.
    func insert(_ task: PrescriptionTask) throws

    /// The task with `id`, or nil.
    func task(_ id: PrescriptionID) throws -> PrescriptionTask?

    /// Replaces the stored task with `task` and increments its version, if the stored version is still
    /// `task.version` (optimistic concurrency).
    /// - Returns: the task as stored, with the new version.
    /// - Throws: ``StoreConflict`` when the stored version differs or the task does not exist.
    func update(_ task: PrescriptionTask) throws -> PrescriptionTask

    /// The tasks whose beneficiary is `kvnr`, newest `authoredOn` first, at most `limit` from `offset`.
    func tasks(of kvnr: KVNR, limit: Int, offset: Int) throws -> [PrescriptionTask]

    /// Stores (or replaces) the document of `kind` for task `id`; `insurant` selects the at-rest key.
    func putDocument(_ bytes: [UInt8], kind: TaskDocumentKind, task id: PrescriptionID, insurant: KVNR?) throws

    /// The document of `kind` for task `id`, or nil.
    func document(_ kind: TaskDocumentKind, task id: PrescriptionID, insurant: KVNR?) throws -> [UInt8]?

    /// Deletes every document of task `id` (`$abort`, A_19027-06).
    func deleteDocuments(task id: PrescriptionID) throws

    /// Appends an entry to the insurant's access protocol (spec/fd-api.md §10).
    func append(_ record: AuditRecord) throws

    /// The access protocol of `kvnr`, newest `recorded` first, at most `limit` from `offset`.
    func auditRecords(of kvnr: KVNR, limit: Int, offset: Int) throws -> [AuditRecord]
}

/// An optimistic-concurrency conflict: the task changed (or appeared) since it was read.
public struct StoreConflict: Error, Hashable, Sendable {
    /// The task concerned.
    public let taskID: PrescriptionID

    /// Creates the error.
    public init(taskID: PrescriptionID) {
        self.taskID = taskID
    }
}
