// SPDX-License-Identifier: Apache-2.0

public import FHIR
public import Workflow

/// The answer of `$accept` (spec/fd-api.md §2.4): the Task with the Secret the pharmacy holds from now on, and the
/// signed prescription (the QES, PKCS#7) the Task references.
public struct AcceptedTask: Sendable {
    /// The Task, status `in-progress`.
    public let task: FHIR.Task
    /// The Secret for `$dispense`, `$close`, `$reject` and `$abort`.
    public let secret: Secret
    /// The QES-signed KBV bundle as sent at `$activate` (CMS, DER).
    public let signedPrescription: [UInt8]
}
