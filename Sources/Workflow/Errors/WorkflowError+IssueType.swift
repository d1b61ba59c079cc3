// SPDX-License-Identifier: Apache-2.0

extension WorkflowError {
    /// The FHIR R4 `IssueType` codes (`http://hl7.org/fhir/issue-type`) that workflow errors use in
    /// `OperationOutcome.issue.code` (spec/fd-api.md §9).
    public enum IssueType: String, Sendable, CaseIterable {
        /// Content invalid against the specification or a profile.
        case invalid
        /// The user does not have the rights to perform this action.
        case forbidden
        /// An edit-version or state conflict between different users.
        case conflict
        /// Processing issues: the request was understood but could not be carried out in the current situation.
        case processing
        /// The reference provided was not found.
        case notFound = "not-found"
        /// An unexpected internal error.
        case exception
    }
}
