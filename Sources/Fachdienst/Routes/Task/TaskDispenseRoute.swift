// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Hummingbird
internal import Workflow

/// `POST /Task/{id}/$dispense?secret=` (spec/fd-api.md §2.6): the pharmacy stores dispense information before
/// `$close`.
public struct TaskDispenseRoute: FachdienstRoute {
    /// The OperationDefinition of `$dispense`.
    public static let definition = "https://gematik.de/fhir/erp/OperationDefinition/DispenseOperationDefinition"

    /// Creates the route.
    public init() {}

    /// The `dispense` operation on Task.
    public var capabilities: [Capability] {
        [.resource("Task", operations: [Capability.Operation(name: "dispense", definition: Self.definition)])]
    }

    /// `POST /Task/:id/$dispense`: 204 without body (workflow 1.6; the live Fachdienst per gematik/api-erp, not the
    /// older drafts that answered 200 with the MedicationDispenses).
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        [
            FachdienstEndpoint(.post, "/Task/:id/$dispense") { request, context in
                let workflow = try TaskRouteSupport.workflow(environment)
                // A_24279: the role before the path id and the body.
                let caller = try TaskRouteSupport.caller(allowedFor: .dispense, context: context)
                let id = try TaskRouteSupport.prescriptionID(context)
                let parameters = try await context.decode(FHIR.Parameters.self, from: request)
                try await workflow.dispense(id, secret: TaskRouteSupport.secret(request), parameters: parameters, caller: caller)
                return TaskRouteSupport.noContent()
            }
        ]
    }
}
