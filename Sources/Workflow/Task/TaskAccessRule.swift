// SPDX-License-Identifier: Apache-2.0

/// One line of the operation × role × state table of spec/fd-api.md §3: who may perform an operation, with which
/// credential, from which states, into which state, and what a wrong state gets.
public struct TaskAccessRule: Sendable {
    /// The operation.
    public let operation: TaskOperation
    /// The roles allowed on this line, each with the flowtypes for which it is allowed.
    public let roles: [Role: Set<Flowtype>]
    /// The credential the caller must have proven.
    public let credential: CredentialRequirement
    /// The states from which the operation is allowed; `nil` stands for "no task yet" (`$create`).
    public let from: Set<TaskStatus?>
    /// Narrower state sets for some flowtypes (the insurant's `$abort` of 169/209).
    public let fromOverrides: [Flowtype: Set<TaskStatus>]
    /// The state after the operation; `nil` means unchanged.
    public let to: TaskStatus?
    /// The answer for a task in a state not in ``from`` (other than cancelled, which is always 410).
    public let wrongState: WrongStateAnswer
    /// The requirements this line implements.
    public let requirements: String

    /// Creates a line of the table.
    public init(
        _ operation: TaskOperation,
        roles: [Role: Set<Flowtype>],
        credential: CredentialRequirement,
        from: Set<TaskStatus?>,
        fromOverrides: [Flowtype: Set<TaskStatus>] = [:],
        to: TaskStatus?,
        wrongState: WrongStateAnswer,
        requirements: String
    ) {
        self.operation = operation
        self.roles = roles
        self.credential = credential
        self.from = from
        self.fromOverrides = fromOverrides
        self.to = to
        self.wrongState = wrongState
        self.requirements = requirements
    }

    /// Whether the line allows `status` for `flowtype`.
    func allows(_ status: TaskStatus?, flowtype: Flowtype) -> Bool {
        if let narrowed = self.fromOverrides[flowtype] {
            return status.map(narrowed.contains) ?? false
        }
        return self.from.contains(status)
    }
}
