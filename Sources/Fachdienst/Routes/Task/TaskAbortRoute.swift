// SPDX-License-Identifier: Apache-2.0

internal import Hummingbird
internal import Workflow

/// `POST /Task/{id}/$abort` (spec/fd-api.md §2.8): deletes a prescription. The prescriber sends `X-AccessCode`, the
/// pharmacy `?secret=`, the insurant is identified by the token's KVNR or sends `X-AccessCode` as a representative.
public struct TaskAbortRoute: FachdienstRoute {
    /// The OperationDefinition of `$abort`.
    public static let definition = "https://gematik.de/fhir/erp/OperationDefinition/AbortOperationDefinition"

    /// Creates the route.
    public init() {}

    /// The `abort` operation on Task.
    public var capabilities: [Capability] {
        [.resource("Task", operations: [Capability.Operation(name: "abort", definition: Self.definition)])]
    }

    /// `POST /Task/:id/$abort`: 204, the task is `cancelled`.
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        [
            FachdienstEndpoint(.post, "/Task/:id/$abort") { request, context in
                let workflow = try TaskRouteSupport.workflow(environment)
                // A_19026-01: the role first.
                let caller = try TaskRouteSupport.caller(allowedFor: .abort, context: context)
                let id = try TaskRouteSupport.prescriptionID(context)
                try await workflow.abort(
                    id,
                    accessCode: TaskRouteSupport.accessCode(request),
                    secret: TaskRouteSupport.secret(request),
                    caller: caller
                )
                return TaskRouteSupport.noContent()
            }
        ]
    }
}
