// SPDX-License-Identifier: Apache-2.0

internal import Hummingbird
internal import Workflow

/// `POST /Task/{id}/$reject?secret=` (spec/fd-api.md §2.5): the redeeming institution hands the task back.
public struct TaskRejectRoute: FachdienstRoute {
    /// The OperationDefinition of `$reject`.
    public static let definition = "https://gematik.de/fhir/erp/OperationDefinition/RejectOperationDefinition"

    /// Creates the route.
    public init() {}

    /// The `reject` operation on Task.
    public var capabilities: [Capability] {
        [.resource("Task", operations: [Capability.Operation(name: "reject", definition: Self.definition)])]
    }

    /// `POST /Task/:id/$reject`: 204, the task is `ready` again.
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        [
            FachdienstEndpoint(.post, "/Task/:id/$reject") { request, context in
                let workflow = try TaskRouteSupport.workflow(environment)
                // The role first (IG-TIFLOW-CORE-418).
                let caller = try TaskRouteSupport.caller(allowedFor: .reject, context: context)
                let id = try TaskRouteSupport.prescriptionID(context)
                try await workflow.reject(id, secret: TaskRouteSupport.secret(request), caller: caller)
                return TaskRouteSupport.noContent()
            }
        ]
    }
}
