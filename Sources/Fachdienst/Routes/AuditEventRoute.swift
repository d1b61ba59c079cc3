// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Foundation
internal import Hummingbird
internal import Workflow

/// `GET /AuditEvent` (spec/fd-api.md §2.13, §8, §10): the insurant's access protocol as a `searchset` Bundle,
/// newest first, paged with `_count` and `__offset`.
///
/// Not implemented: `GET /AuditEvent/{id}` (the store looks records up by insurant only), the filters `date`,
/// `entity` and `subtype` (400), and `_sort` other than `-date` (400; the store returns the newest first only).
public struct AuditEventRoute: FachdienstRoute {
    /// The largest and default page size (§2.13, §8).
    static let maximumCount = 50

    /// Creates the route.
    public init() {}

    /// `search-type` on AuditEvent.
    public var capabilities: [Capability] {
        [.resource("AuditEvent", interactions: ["search-type"])]
    }

    /// `GET /AuditEvent`: 200 with a `searchset` Bundle; 403 for every role but the insurant.
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        [
            FachdienstEndpoint(.get, "/AuditEvent") { request, context in
                let workflow = try TaskRouteSupport.workflow(environment)
                // §2.13, A_19296-04: the protocol is the insurant's own; every other role is refused.
                let caller = try context.requireCaller().operationCaller
                guard caller.role == .insurant else {
                    throw WorkflowError(.roleNotAllowed, reason: "GET /AuditEvent is only allowed for insurants")
                }
                let parameters = request.uri.queryParameters
                let count = try Self.integer(parameters.get("_count"), name: "_count").map { min($0, Self.maximumCount) } ?? Self.maximumCount
                let offset = try Self.integer(parameters.get("__offset"), name: "__offset") ?? 0
                let repeated = try Self.checkUnsupported(parameters.map { (String($0.key), String($0.value)) })
                let page = try await workflow.auditRecords(caller: caller, count: count, offset: offset)
                let base = environment.configuration.resourceBaseURL
                let paging = SearchBundle.Paging(
                    base: "\(base)/AuditEvent",
                    parameters: repeated,
                    count: count,
                    offset: offset,
                    hasNext: page.hasMore,
                    total: nil
                )
                let entries = page.records.map { record in
                    SearchBundle.entry(
                        fullUrl: "\(base)/AuditEvent/\(record.id.uuidString.lowercased())",
                        resource: .auditEvent(AuditEventResource.auditEvent(record, baseURL: base))
                    )
                }
                // §8: `total` is not supported for AuditEvent and always 0; links self, next, first.
                let bundle = SearchBundle.bundle(
                    entries: entries,
                    total: 0,
                    links: paging.links([.self, .next, .first]),
                    now: environment.configuration.clock.now
                )
                return context.response(bundle)
            }
        ]
    }

    /// Answers 400 for the §2.13 parameters that are not evaluated, so that a client never takes an unfiltered
    /// protocol for a filtered one; `_sort=-date` is the store's order and is accepted. Other parameters are ignored.
    /// - Returns: the parameters paging links repeat.
    private static func checkUnsupported(
        _ parameters: [(name: String, value: String)]
    ) throws(OperationOutcomeError) -> [(name: String, value: String)] {
        var repeated: [(name: String, value: String)] = []
        for (name, value) in parameters {
            switch name {
            case "_sort" where value == "-date":
                repeated.append((name, value))
            case "_sort":
                throw TaskReadQuery.invalid("AuditEvents are sorted by -date only")
            case "date", "entity", "subtype", "_id":
                throw TaskReadQuery.invalid("search parameter \(name) is not supported")
            default:
                continue
            }
        }
        return repeated
    }

    private static func integer(_ text: String?, name: String) throws(OperationOutcomeError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), value >= 0 else { throw TaskReadQuery.invalid("\(name) must be a non-negative integer") }
        return value
    }
}
