// SPDX-License-Identifier: Apache-2.0

/// The status of an E-Rezept task (FHIR `Task.status` codes; spec/fd-api.md §3).
public enum TaskStatus: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Created by `$create`, waiting for `$activate`.
    case draft
    /// Activated with a signed prescription; redeemable.
    case ready
    /// Accepted by a pharmacy or payer, which now holds the Secret.
    case inProgress = "in-progress"
    /// Closed with a receipt.
    case completed
    /// Aborted; everything but `Task.for` is wiped.
    case cancelled

    /// The FHIR code, e.g. `in-progress`.
    public var description: String { self.rawValue }
}
