// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Foundation
internal import Hummingbird
internal import Workflow

/// `POST /Task/{id}/$activate` (spec/fd-api.md §2.3, §6): the prescriber hands in the QES-signed prescription.
public struct TaskActivateRoute: FachdienstRoute {
    /// The OperationDefinition of `$activate`.
    public static let definition = "https://gematik.de/fhir/erp/OperationDefinition/ActivateOperationDefinition"

    /// Creates the route.
    public init() {}

    /// The `activate` operation on Task.
    public var capabilities: [Capability] {
        [.resource("Task", operations: [Capability.Operation(name: "activate", definition: Self.definition)])]
    }

    /// `POST /Task/:id/$activate`: 200 with the ready Task, whose inputs reference the QES and the patient copy.
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        [
            FachdienstEndpoint(.post, "/Task/:id/$activate") { request, context in
                let workflow = try TaskRouteSupport.workflow(environment)
                // A_19022-01: the role before the path id and the body.
                let caller = try TaskRouteSupport.caller(allowedFor: .activate, context: context)
                let id = try TaskRouteSupport.prescriptionID(context)
                // A_19024-03: X-AccessCode, or ?ac= as the IG allows.
                let accessCode = TaskRouteSupport.accessCode(request)
                let parameters = try await context.decode(FHIR.Parameters.self, from: request)
                let qes = try Self.ePrescription(parameters)
                let activated = try await workflow.activate(id, accessCode: accessCode, qes: qes, caller: caller)
                return context.response(TaskResource.task(activated.task, showing: .accessCode, patientCopy: activated.patientCopy?.id))
            }
        ]
    }

    /// The PKCS#7 bytes of the `ePrescription` parameter.
    /// - Throws: 400 `SVC_VALIDATION_FAILED` when the parameter, its Binary or its base64 data is missing or wrong
    ///   (spec/fd-api.md §6 step 2).
    static func ePrescription(_ parameters: FHIR.Parameters) throws(WorkflowError) -> [UInt8] {
        guard let parameter = parameters.parameter.first(where: { $0.name.value == "ePrescription" }),
            case .binary(let binary) = parameter.resource
        else {
            throw WorkflowError(.validationFailed, reason: "Parameter ePrescription with a Binary resource is required")
        }
        guard binary.contentType.value == "application/pkcs7-mime" else {
            throw WorkflowError(.validationFailed, reason: "ePrescription must have contentType application/pkcs7-mime")
        }
        guard let text = binary.data?.value, let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters), !data.isEmpty else {
            throw WorkflowError(.validationFailed, reason: "ePrescription carries no base64 data")
        }
        return Array(data)
    }
}
