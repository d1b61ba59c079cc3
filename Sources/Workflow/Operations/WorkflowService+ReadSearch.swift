// SPDX-License-Identifier: Apache-2.0

public import Foundation

extension WorkflowService {
    /// The search of `GET /Task` by an insurant (spec/fd-api.md §2.9, §8): filters, sort order and page.
    public struct TaskQuery: Sendable {
        /// A sort criterion of `_sort`.
        public enum SortKey: String, Sendable, Hashable {
            /// `authored-on`: `Task.authoredOn`.
            case authoredOn = "authored-on"
            /// `modified`: `Task.lastModified`.
            case modified
        }

        /// One criterion of `_sort`: `authored-on` ascending, `-authored-on` descending.
        public struct Sort: Sendable, Hashable {
            /// The field.
            public var key: SortKey
            /// Whether the order is descending (a leading `-`).
            public var descending: Bool

            /// Creates a criterion.
            public init(_ key: SortKey, descending: Bool = false) {
                self.key = key
                self.descending = descending
            }
        }

        /// `status`: the tasks with one of these states; nil means every state.
        public var statuses: Set<TaskStatus>?
        /// `authored-on`: every condition must hold.
        public var authoredOn: [DateCondition]
        /// `modified`: every condition must hold.
        public var modified: [DateCondition]
        /// `_sort`, applied in order; the task id breaks ties so that pages are stable.
        public var sort: [Sort]
        /// `_count`: the page size.
        public var count: Int
        /// `__offset`: the zero-based index of the first task of the page.
        public var offset: Int

        /// Creates a query; the defaults are every task, sorted by `authored-on`, the first page of 50 (§8).
        public init(
            statuses: Set<TaskStatus>? = nil,
            authoredOn: [DateCondition] = [],
            modified: [DateCondition] = [],
            sort: [Sort] = [Sort(.authoredOn)],
            count: Int = 50,
            offset: Int = 0
        ) {
            self.statuses = statuses
            self.authoredOn = authoredOn
            self.modified = modified
            self.sort = sort
            self.count = count
            self.offset = offset
        }

        /// Whether `task` passes every filter.
        public func matches(_ task: PrescriptionTask) -> Bool {
            (self.statuses?.contains(task.status) ?? true)
                && self.authoredOn.allSatisfy { $0.matches(task.authoredOn) }
                && self.modified.allSatisfy { $0.matches(task.lastModified) }
        }

        /// Whether `lhs` comes before `rhs` in the order of ``sort``.
        public func orders(_ lhs: PrescriptionTask, before rhs: PrescriptionTask) -> Bool {
            for criterion in self.sort {
                let (left, right) =
                    switch criterion.key {
                    case .authoredOn: (lhs.authoredOn, rhs.authoredOn)
                    case .modified: (lhs.lastModified, rhs.lastModified)
                    }
                if left != right { return criterion.descending ? left > right : left < right }
            }
            return lhs.id.description < rhs.id.description
        }
    }

    /// A date search condition (spec/fd-api.md §8: prefixes `eq ne gt lt ge le`) over the range a search value
    /// denotes: `2026-11-21` is the whole German calendar day, a dateTime with seconds is that second.
    public struct DateCondition: Sendable, Hashable {
        /// The FHIR search prefix.
        public enum Comparison: String, Sendable, Hashable, CaseIterable {
            /// Inside the range (the default without prefix).
            case eq
            /// Outside the range.
            case ne
            /// After the range.
            case gt
            /// Before the range.
            case lt
            /// From the start of the range on.
            case ge
            /// Up to the end of the range.
            case le
        }

        /// The prefix.
        public var comparison: Comparison
        /// The first instant of the range.
        public var start: Date
        /// The first instant after the range.
        public var end: Date

        /// Creates a condition.
        public init(_ comparison: Comparison, start: Date, end: Date) {
            self.comparison = comparison
            self.start = start
            self.end = end
        }

        /// Whether `date` satisfies the condition.
        public func matches(_ date: Date) -> Bool {
            switch self.comparison {
            case .eq: date >= self.start && date < self.end
            case .ne: date < self.start || date >= self.end
            case .gt: date >= self.end
            case .lt: date < self.start
            case .ge: date >= self.start
            case .le: date < self.end
            }
        }
    }

    /// One page of a search, with the number of all matches.
    public struct TaskPage: Sendable {
        /// The tasks of the page, in the order of the query.
        public let tasks: [PrescriptionTask]
        /// How many tasks match the filters over all pages (`Bundle.total`).
        public let total: Int

        /// Creates a page.
        public init(tasks: [PrescriptionTask], total: Int) {
            self.tasks = tasks
            self.total = total
        }
    }

    /// `GET /Task` by an insurant (spec/fd-api.md §2.9): the tasks whose `Task.for` is the caller's KVNR.
    /// - Throws: 403 ``WorkflowError/Code/roleNotAllowed`` for every caller who is not an insurant (A_21558-02; the
    ///   pharmacy search via eGK or PoPP is not implemented).
    public func searchTasks(_ query: TaskQuery, caller: OperationCaller) async throws(WorkflowError) -> TaskPage {
        // A_19115-01: only the caller's own tasks, selected by the KVNR of the token.
        let kvnr = try Self.insurantKVNR(of: caller, for: "GET /Task")
        return try await transaction { transaction in
            // The store pages only by authoredOn, newest first, and cannot filter. Until it can, every task of the
            // insurant is read (tasks are deleted at the latest 100 days after completion, so there are few), then
            // filtered, sorted and sliced here, which keeps `total` and the page boundaries exact.
            let batch = 500
            var all: [PrescriptionTask] = []
            while true {
                let page = try transaction.tasks(of: kvnr, limit: batch, offset: all.count)
                all += page
                if page.count < batch { break }
            }
            let matching = all.filter(query.matches).sorted(by: query.orders)
            return TaskPage(tasks: Array(matching.dropFirst(max(query.offset, 0)).prefix(max(query.count, 0))), total: matching.count)
        }
    }

    /// The KVNR of an insurant caller.
    /// - Throws: 403 ``WorkflowError/Code/roleNotAllowed`` when the caller is no insurant or has no valid KVNR.
    static func insurantKVNR(of caller: OperationCaller, for operation: String) throws(WorkflowError) -> KVNR {
        guard caller.role == .insurant, let kvnr = caller.kvnr else {
            throw WorkflowError(.roleNotAllowed, reason: "\(operation) is only allowed for insurants")
        }
        return kvnr
    }
}
