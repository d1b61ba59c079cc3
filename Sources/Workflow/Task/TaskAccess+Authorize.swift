// SPDX-License-Identifier: Apache-2.0

extension TaskAccess {
    /// Decides whether a caller may perform an operation on a task, and which status the task has afterwards.
    ///
    /// The checks run in the order the TI-Flow guide prescribes (IG-TIFLOW-CORE-418): role, then existence and
    /// deletion (404, 410), then the credential (AccessCode, Secret, KVNR, owner), then the status.
    /// - Parameters:
    ///   - operation: the operation.
    ///   - role: the caller's role, `nil` when the professionOID has none (403).
    ///   - status: the task's status, `nil` when there is no such task (404; for `$create`, always `nil`).
    ///   - flowtype: the task's flowtype (for `$create`: the requested one).
    ///   - credentials: what the caller has proven about the task.
    /// - Returns: the status after the operation, or the error to answer with.
    public static func authorize(
        _ operation: TaskOperation,
        role: Role?,
        status: TaskStatus?,
        flowtype: Flowtype,
        credentials: TaskCredentials
    ) -> Result<TaskStatus, WorkflowError> {
        guard let role,
            let rule = self.rules.first(where: { $0.operation == operation && $0.roles[role]?.contains(flowtype) == true })
        else {
            let who = role.map { "role \($0)" } ?? "a caller without workflow role"
            return .failure(WorkflowError(.roleNotAllowed, reason: "\(operation) is not allowed for \(who) and flowtype \(flowtype)"))
        }
        if rule.from.contains(nil) {
            guard status == nil else {
                return .failure(WorkflowError(rule.wrongState.code, reason: "Task already exists"))
            }
            return rule.to.map { .success($0) } ?? .failure(WorkflowError(.taskNotFound, reason: "no task"))
        }
        guard let status else {
            return .failure(WorkflowError(.taskNotFound, reason: "Task not found"))
        }
        // A cancelled task keeps only Task.for; AccessCode and Secret are wiped (A_19027-06), so it is gone (410).
        guard status != .cancelled else {
            return .failure(WorkflowError(.taskGone, reason: "Task has already been deleted"))
        }
        if let failure = self.checkCredential(rule.credential, credentials) {
            return .failure(failure)
        }
        guard rule.allows(status, flowtype: flowtype) else {
            return .failure(self.wrongStateError(rule, status: status, credentials: credentials))
        }
        return .success(rule.to ?? status)
    }

    private static func checkCredential(_ requirement: CredentialRequirement, _ credentials: TaskCredentials) -> WorkflowError? {
        switch requirement {
        case .token:
            return nil
        case .accessCode:
            return credentials.contains(.accessCode) ? nil : WorkflowError(.accessCodeMismatch, reason: "AccessCode missing or wrong")
        case .secret:
            return credentials.contains(.secret) ? nil : WorkflowError(.secretMismatch, reason: "Secret missing or wrong")
        case .beneficiaryOrAccessCode:
            // A_20546-03: without an AccessCode the insurant's KVNR must equal Task.for.
            guard credentials.contains(.beneficiary) || credentials.contains(.accessCode) else {
                return WorkflowError(.beneficiaryMismatch, reason: "Task is not for this insurant and no AccessCode was given")
            }
            return nil
        case .ownerAndAccessCode:
            // A_24176 … A_24179: owner first (412), then the AccessCode (403).
            guard credentials.contains(.owner) else {
                return WorkflowError(.taskPreconditionFailed, reason: "Task is not owned by the requesting institution")
            }
            return credentials.contains(.accessCode) ? nil : WorkflowError(.accessCodeMismatch, reason: "AccessCode missing or wrong")
        }
    }

    private static func wrongStateError(_ rule: TaskAccessRule, status: TaskStatus, credentials: TaskCredentials) -> WorkflowError {
        switch rule.operation {
        case .activate:
            return WorkflowError(rule.wrongState.code, reason: "Task not in status draft but in status \(status)")
        case .accept where status == .inProgress && credentials.contains(.owner):
            // A_19168-01: a second $accept by the holder gets an extra hint.
            return WorkflowError(
                rule.wrongState.code,
                reason: "Task has invalid status in-progress. Task is processed by requesting institution"
            )
        default:
            return WorkflowError(rule.wrongState.code, reason: "Task has invalid status \(status)")
        }
    }
}
