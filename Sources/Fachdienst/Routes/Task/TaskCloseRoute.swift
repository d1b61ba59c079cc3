// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Hummingbird
internal import Workflow

/// `POST /Task/{id}/$close?secret=` (spec/fd-api.md §2.7, §5.2): the redeeming institution completes the task and
/// receives the signed receipt.
public struct TaskCloseRoute: FachdienstRoute {
    /// The OperationDefinition of `$close`.
    public static let definition = "https://gematik.de/fhir/erp/OperationDefinition/CloseOperationDefinition"

    /// Creates the route.
    public init() {}

    /// The `close` operation on Task.
    public var capabilities: [Capability] {
        [.resource("Task", operations: [Capability.Operation(name: "close", definition: Self.definition)])]
    }

    /// `POST /Task/:id/$close`: 200 with the receipt Bundle.
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        [
            FachdienstEndpoint(.post, "/Task/:id/$close") { request, context in
                let workflow = try TaskRouteSupport.workflow(environment)
                // A_19230-01: the role before the path id and the body.
                let caller = try TaskRouteSupport.caller(allowedFor: .close, context: context)
                let id = try TaskRouteSupport.prescriptionID(context)
                // Optional since workflow 1.3: without a body the dispenses of $dispense are used (A_24287-01).
                let parameters = try await TaskRouteSupport.optionalParameters(request, context: context)
                let receipt = try await workflow.close(id, secret: TaskRouteSupport.secret(request), parameters: parameters, caller: caller)
                return context.response(receipt)
            }
        ]
    }
}
