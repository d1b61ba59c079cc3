// SPDX-License-Identifier: Apache-2.0

/// What the caller has proven about their relation to a task, established by the HTTP layer before it calls
/// ``TaskAccess/authorize(_:role:status:flowtype:credentials:)``.
public struct TaskCredentials: OptionSet, Sendable, Hashable {
    /// The bit set.
    public let rawValue: UInt8

    /// Creates the set from its bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The caller sent an AccessCode that equals the task's (`X-AccessCode` or `?ac=`).
    public static let accessCode = TaskCredentials(rawValue: 1 << 0)
    /// The caller sent a Secret that equals the task's (`?secret=`).
    public static let secret = TaskCredentials(rawValue: 1 << 1)
    /// The caller is the insurant the task is for: token KVNR equals `Task.for`.
    public static let beneficiary = TaskCredentials(rawValue: 1 << 2)
    /// The caller holds the task: token Telematik-ID equals `Task.owner`.
    public static let owner = TaskCredentials(rawValue: 1 << 3)

    /// Every credential.
    public static let all: TaskCredentials = [.accessCode, .secret, .beneficiary, .owner]
}

/// Which credential a row of the operation table demands (spec/fd-api.md §3, column "Required credential").
public enum CredentialRequirement: Sendable, Hashable {
    /// The access token alone.
    case token
    /// A matching AccessCode.
    case accessCode
    /// A matching Secret.
    case secret
    /// The insurant's own task (KVNR = `Task.for`), or a matching AccessCode for a representative.
    case beneficiaryOrAccessCode
    /// The caller owns the task and sent a matching AccessCode; a non-owner gets 412, a wrong AccessCode 403.
    case ownerAndAccessCode
}

/// What the Fachdienst answers when a row's role and credential fit but the task is in a state the row does not allow.
public enum WrongStateAnswer: Sendable, Hashable {
    /// 403 Forbidden ``WorkflowError/Code/taskStatusMismatch``.
    case forbidden
    /// 409 Conflict ``WorkflowError/Code/taskStatusConflict``.
    case conflict
    /// 412 Precondition Failed ``WorkflowError/Code/taskPreconditionFailed``.
    case preconditionFailed

    var code: WorkflowError.Code {
        switch self {
        case .forbidden: .taskStatusMismatch
        case .conflict: .taskStatusConflict
        case .preconditionFailed: .taskPreconditionFailed
        }
    }
}
