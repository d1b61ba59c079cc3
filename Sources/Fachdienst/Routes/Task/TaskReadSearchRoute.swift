// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Foundation
internal import Hummingbird
internal import Workflow

/// `GET /Task` (spec/fd-api.md §2.9, §8): an insurant's tasks as a `searchset` Bundle with paging links and `total`.
public struct TaskReadSearchRoute: FachdienstRoute {
    /// Creates the route.
    public init() {}

    /// `search-type` on Task with the search parameters of §8 that are evaluated.
    public var capabilities: [Capability] {
        [
            .resource(
                "Task",
                interactions: ["search-type"],
                searchParameters: [
                    Capability.SearchParameter(name: "status", type: "token"),
                    Capability.SearchParameter(name: "authored-on", type: "date"),
                    Capability.SearchParameter(name: "modified", type: "date"),
                ]
            )
        ]
    }

    /// `GET /Task`: 200 with a `searchset` Bundle; 403 for every role but the insurant.
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        [
            FachdienstEndpoint(.get, "/Task") { request, context in
                let workflow = try TaskRouteSupport.workflow(environment)
                // A_21558-02: the role before the query. The pharmacy search via eGK or PoPP is not implemented.
                let caller = try context.requireCaller().operationCaller
                guard caller.role == .insurant else {
                    throw WorkflowError(.roleNotAllowed, reason: "GET /Task is only allowed for insurants")
                }
                let search = try TaskReadQuery(request)
                // A_19115-01, A_19129-01: the caller's tasks, without the signed prescription bundles.
                let page = try await workflow.searchTasks(search.query, caller: caller)
                let paging = SearchBundle.Paging(
                    base: "\(environment.configuration.resourceBaseURL)/Task",
                    parameters: search.repeated,
                    count: search.query.count,
                    offset: search.query.offset,
                    hasNext: search.query.offset + search.query.count < page.total,
                    total: page.total
                )
                let entries = page.tasks.map { task in
                    SearchBundle.entry(
                        fullUrl: TaskRouteSupport.url(of: task.id, environment: environment),
                        resource: .task(TaskResource.task(task, showing: TaskReadRoute.insurantVisibility(task)))
                    )
                }
                let bundle = SearchBundle.bundle(
                    entries: entries,
                    total: page.total,
                    links: paging.links([.self, .first, .prev, .next, .last]),
                    now: environment.configuration.clock.now
                )
                return context.response(bundle)
            }
        ]
    }
}
