// SPDX-License-Identifier: Apache-2.0

/// The one error type of `Workflow`.
///
/// Shaped like `TICryptoError`: a stable, extensible ``Code`` that callers match on, a human ``reason`` for logs and
/// for `OperationOutcome.issue.details.text`, and the source location that raised it. The code carries what the HTTP
/// layer needs to render the error (spec/fd-api.md §9): the HTTP status, the FHIR issue type and, where the TI-Flow
/// guide names one, the `TIFLOW_*` detail code. Two errors are equal when their codes are equal, so tests can write
/// `#expect(throws: WorkflowError(.invalidKVNR))`.
public struct WorkflowError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in machine-readable form.
    public var code: Code
    /// What went wrong, in words; the specified message text where the specification gives one.
    public var reason: String
    /// The source file that raised the error.
    public var file: String
    /// The source line that raised the error.
    public var line: UInt

    /// Creates an error.
    /// - Parameters:
    ///   - code: The stable code.
    ///   - reason: A human explanation.
    public init(_ code: Code, reason: String = "", file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// The HTTP status the Fachdienst answers with.
    public var httpStatus: Int { self.code.httpStatus }

    /// The FHIR `OperationOutcome.issue.code`.
    public var issueType: IssueType { self.code.issueType }

    /// Equality on ``code`` only.
    public static func == (lhs: WorkflowError, rhs: WorkflowError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes ``code`` only, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.code)
    }

    /// `WorkflowError.<code>: <reason> (<file>:<line>)`.
    public var description: String {
        "WorkflowError.\(self.code): \(self.reason) (\(self.file):\(self.line))"
    }
}
