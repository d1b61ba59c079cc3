// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Foundation
internal import Hummingbird
internal import Workflow

/// The query string of `GET /Task` as a ``Workflow/WorkflowService/TaskQuery`` (spec/fd-api.md §2.9, §8).
///
/// Unknown parameters are ignored, as FHIR servers do without `Prefer: handling=strict`; §8 says nothing else. The
/// §8 parameters this server cannot evaluate yet (`expiry-date`, `accept-date`) answer 400 rather than being ignored,
/// so that a client never mistakes an unfiltered result for a filtered one.
struct TaskReadQuery {
    /// The largest and default page size (§8).
    static let maximumCount = 50

    /// The query for the service.
    var query: WorkflowService.TaskQuery
    /// The filters and sort order that paging links repeat, in request order.
    var repeated: [(name: String, value: String)]

    /// Parses the query string of `request`.
    /// - Throws: 400 for a malformed value, an unknown status or sort key, or an unsupported §8 parameter.
    init(_ request: Request) throws(OperationOutcomeError) {
        var query = WorkflowService.TaskQuery(count: Self.maximumCount)
        var repeated: [(name: String, value: String)] = []
        var sortGiven = false
        for (key, rawValue) in request.uri.queryParameters {
            let name = String(key)
            let value = String(rawValue)
            switch name {
            case "status":
                // A comma-separated list is an OR; repeating the parameter is an AND.
                var statuses: Set<TaskStatus> = []
                for code in value.split(separator: ",") {
                    guard let status = TaskStatus(rawValue: String(code)) else { throw Self.invalid("unknown status \(code)") }
                    statuses.insert(status)
                }
                query.statuses = query.statuses.map { $0.intersection(statuses) } ?? statuses
                repeated.append((name, value))
            case "authored-on":
                query.authoredOn.append(try Self.dateCondition(value, parameter: name))
                repeated.append((name, value))
            case "modified":
                query.modified.append(try Self.dateCondition(value, parameter: name))
                repeated.append((name, value))
            case "_sort":
                query.sort = try Self.sort(value)
                sortGiven = true
                repeated.append((name, value))
            case "_count":
                // §8: at most 50; a larger request gets pages of 50.
                guard let count = Int(value), count >= 0 else { throw Self.invalid("_count must be a non-negative integer") }
                query.count = min(count, Self.maximumCount)
            case "__offset":
                guard let offset = Int(value), offset >= 0 else { throw Self.invalid("__offset must be a non-negative integer") }
                query.offset = offset
            case "expiry-date", "accept-date":
                throw Self.invalid("search parameter \(name) is not supported")
            default:
                continue
            }
        }
        if !sortGiven { query.sort = [.init(.authoredOn)] }
        self.query = query
        self.repeated = repeated
    }

    /// `_sort`: comma-separated keys, each optionally prefixed with `-` for descending order (§8).
    static func sort(_ value: String) throws(OperationOutcomeError) -> [WorkflowService.TaskQuery.Sort] {
        var criteria: [WorkflowService.TaskQuery.Sort] = []
        for item in value.split(separator: ",") {
            let descending = item.hasPrefix("-")
            guard let key = WorkflowService.TaskQuery.SortKey(rawValue: String(descending ? item.dropFirst() : item)) else {
                throw Self.invalid("sorting by \(item) is not supported")
            }
            criteria.append(.init(key, descending: descending))
        }
        guard !criteria.isEmpty else { throw Self.invalid("_sort is empty") }
        return criteria
    }

    /// A date search value with optional prefix (§8: `eq ne gt lt ge le`). A date without time denotes the whole
    /// German calendar day, month or year (spec/fd-api.md §1.3: times without zone are German local time).
    static func dateCondition(_ value: String, parameter: String) throws(OperationOutcomeError) -> WorkflowService.DateCondition {
        let prefix = String(value.prefix(2))
        let comparison = WorkflowService.DateCondition.Comparison(rawValue: prefix)
        let lexical = comparison == nil ? value : String(value.dropFirst(2))
        guard let dateTime = DateTimeValue(lexical: lexical), let range = Self.range(of: dateTime) else {
            throw Self.invalid("\(parameter) must be a FHIR date or dateTime with optional prefix eq, ne, gt, lt, ge or le")
        }
        return WorkflowService.DateCondition(comparison ?? .eq, start: range.start, end: range.end)
    }

    private static func range(of value: DateTimeValue) -> (start: Date, end: Date)? {
        if value.precision == .second {
            guard let instant = value.date else { return nil }
            let start = Date(timeIntervalSince1970: instant.timeIntervalSince1970.rounded(.down))
            return (start, start.addingTimeInterval(1))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = GermanCalendar.timeZone
        let components = DateComponents(year: value.year, month: value.month ?? 1, day: value.day ?? 1)
        let step: DateComponents =
            switch value.precision {
            case .year: DateComponents(year: 1)
            case .month: DateComponents(month: 1)
            default: DateComponents(day: 1)
            }
        guard let start = calendar.date(from: components), let end = calendar.date(byAdding: step, to: start) else { return nil }
        return (start, end)
    }

    static func invalid(_ text: String) -> OperationOutcomeError {
        OperationOutcomeError(status: .badRequest, issueCode: "invalid", text: text)
    }
}
