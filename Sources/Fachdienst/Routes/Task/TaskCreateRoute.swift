// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Hummingbird
internal import Workflow

/// `POST /Task/$create` (spec/fd-api.md §2.2): a prescribing institution opens a draft task for a flowtype.
public struct TaskCreateRoute: FachdienstRoute {
    /// The OperationDefinition of `$create`.
    public static let definition = "https://gematik.de/fhir/erp/OperationDefinition/CreateOperationDefinition"

    /// Creates the route.
    public init() {}

    /// The `create` operation on Task.
    public var capabilities: [Capability] {
        [.resource("Task", operations: [Capability.Operation(name: "create", definition: Self.definition)])]
    }

    /// `POST /Task/$create`: 201 with `Location` and the Task, including its AccessCode.
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        [
            FachdienstEndpoint(.post, "/Task/$create") { request, context in
                let workflow = try TaskRouteSupport.workflow(environment)
                // A_19018-01: the role before the body.
                let caller = try TaskRouteSupport.caller(allowedFor: .create, context: context)
                let parameters = try await context.decode(FHIR.Parameters.self, from: request)
                let flowtype = try Self.flowtype(parameters)
                let task = try await workflow.create(flowtype: flowtype, caller: caller)
                var response = context.response(TaskResource.task(task, showing: .accessCode), status: .created)
                response.headers[.location] = TaskRouteSupport.url(of: task.id, environment: environment)
                return response
            }
        ]
    }

    /// The `workflowType` parameter (A_19257-01).
    /// - Throws: 400 when it is missing, not a Coding of `GEM_ERP_CS_FlowType` or an unknown code.
    static func flowtype(_ parameters: FHIR.Parameters) throws(WorkflowError) -> Flowtype {
        guard let parameter = parameters.parameter.first(where: { $0.name.value == "workflowType" }),
            case .coding(let coding) = parameter.value,
            coding.system?.value == Flowtype.system,
            let code = coding.code?.value
        else {
            throw WorkflowError(.unknownFlowtype, reason: "Parameter workflowType with a Coding of \(Flowtype.system) is required")
        }
        return try Flowtype(code: code)
    }
}
