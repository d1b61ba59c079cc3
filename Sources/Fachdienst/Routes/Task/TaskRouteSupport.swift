// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Foundation
internal import Hummingbird
internal import Workflow

/// What the Task operation routes share: the service, the role check before the body, the id and the AccessCode of
/// the request.
enum TaskRouteSupport {
    /// The service of `environment`.
    /// - Throws: 503 when the instance runs without a store.
    static func workflow(_ environment: RouteEnvironment) throws(OperationOutcomeError) -> WorkflowService {
        guard let workflow = environment.workflow else {
            throw OperationOutcomeError(status: .serviceUnavailable, issueCode: "transient", text: "Task operations are not available")
        }
        return workflow
    }

    /// The caller, if their role may perform `operation` on some flowtype at all.
    ///
    /// IG-TIFLOW-CORE-418: the role comes first, before the path id and before the body is decoded, so that a
    /// caller with a wrong role always gets 403.
    /// - Throws: 401 without a caller, 403 ``Workflow/WorkflowError/Code/roleNotAllowed`` for a wrong role.
    static func caller(allowedFor operation: TaskOperation, context: FachdienstRequestContext) throws -> OperationCaller {
        let caller = try context.requireCaller().operationCaller
        let allowed = caller.role.map { role in TaskAccess.rules.contains { $0.operation == operation && $0.roles[role] != nil } } ?? false
        guard allowed else {
            throw WorkflowError(.roleNotAllowed, reason: "\(operation) is not allowed for this role")
        }
        return caller
    }

    /// The PrescriptionID of the `:id` path segment.
    ///
    /// A malformed id answers 404, not 400: the path names a resource, and no task can exist under an id that is not a
    /// PrescriptionID (spec/fd-api.md §9: 404 = never existed).
    static func prescriptionID(_ context: FachdienstRequestContext) throws(WorkflowError) -> PrescriptionID {
        guard let text = context.parameters.get("id"), let id = try? PrescriptionID(text) else {
            throw WorkflowError(.taskNotFound, reason: "Task not found")
        }
        return id
    }

    /// The AccessCode of the request: the `X-AccessCode` header, else `?ac=` (A_19024-03, A_19167-04).
    ///
    /// A malformed value counts as absent, so that the service answers 404/410 for a missing task before 403 for the
    /// AccessCode (IG-TIFLOW-CORE-418).
    static func accessCode(_ request: Request) -> AccessCode? {
        let header = HTTPFields.Element.Name("X-AccessCode").flatMap { request.headers[$0] }
        let text = header ?? request.uri.queryParameters.get("ac")
        return text.flatMap { try? AccessCode($0) }
    }

    /// The URL of `task` for `Location` and `fullUrl`.
    static func url(of id: PrescriptionID, environment: RouteEnvironment) -> String {
        "\(environment.configuration.resourceBaseURL)/Task/\(id)"
    }
}
