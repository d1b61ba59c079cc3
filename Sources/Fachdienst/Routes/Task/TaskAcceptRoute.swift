// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Foundation
internal import Hummingbird
internal import Workflow

/// `POST /Task/{id}/$accept?ac=` (spec/fd-api.md §2.4): a pharmacy (or, for DiGA, a payer) claims a ready task.
public struct TaskAcceptRoute: FachdienstRoute {
    /// The OperationDefinition of `$accept`.
    public static let definition = "https://gematik.de/fhir/erp/OperationDefinition/AcceptOperationDefinition"
    /// The profile of the response bundle.
    public static let bundleProfile = "https://gematik.de/fhir/erp/StructureDefinition/GEM_ERP_PR_Bundle_OP_Accept"
    /// The profile of the QES Binary in the response.
    public static let binaryProfile = "https://gematik.de/fhir/erp/StructureDefinition/GEM_ERP_PR_Binary|1.6"

    /// Creates the route.
    public init() {}

    /// The `accept` operation on Task.
    public var capabilities: [Capability] {
        [.resource("Task", operations: [Capability.Operation(name: "accept", definition: Self.definition)])]
    }

    /// `POST /Task/:id/$accept`: 200 with a collection Bundle of the Task (with Secret) and the QES Binary.
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        [
            FachdienstEndpoint(.post, "/Task/:id/$accept") { request, context in
                let workflow = try TaskRouteSupport.workflow(environment)
                // A_19166-02: the role first.
                let caller = try TaskRouteSupport.caller(allowedFor: .accept, context: context)
                let id = try TaskRouteSupport.prescriptionID(context)
                // A_19167-04: ?ac=, or the X-AccessCode header.
                let accepted = try await workflow.accept(id, accessCode: TaskRouteSupport.accessCode(request), caller: caller)
                return context.response(Self.bundle(accepted, environment: environment, now: environment.configuration.clock.now))
            }
        ]
    }

    /// The response: Task (AccessCode and Secret shown to the new holder) and the QES as `Binary`, which
    /// `Task.input` type 1 references.
    static func bundle(_ accepted: WorkflowService.Accepted, environment: RouteEnvironment, now: Date) -> FHIR.Bundle {
        let task = accepted.task
        let binaryID = TaskResource.binaryID(.qes, of: task.id)
        let binary = Binary(
            id: Primitive(binaryID),
            meta: Meta(profile: [Primitive(Self.binaryProfile)]),
            contentType: "application/pkcs7-mime",
            data: Primitive(Data(accepted.qes).base64EncodedString())
        )
        let base = environment.configuration.resourceBaseURL
        return FHIR.Bundle(
            id: Primitive(UUID().uuidString.lowercased()),
            meta: Meta(profile: [Primitive(Self.bundleProfile)]),
            type: "collection",
            timestamp: Primitive(TaskResource.dateTime(now)),
            entry: [
                FHIR.Bundle.Entry(
                    fullUrl: Primitive(TaskRouteSupport.url(of: task.id, environment: environment)),
                    resource: .task(TaskResource.task(task, showing: [.accessCode, .secret]))
                ),
                FHIR.Bundle.Entry(fullUrl: Primitive("\(base)/Binary/\(binaryID)"), resource: .binary(binary)),
            ]
        )
    }
}
