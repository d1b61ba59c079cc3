// SPDX-License-Identifier: Apache-2.0

/// The documents stored with a task, keyed by kind (`GEM_ERP_CS_DocumentType`, spec/fd-api.md §4.2, §5).
public enum TaskDocumentKind: String, Hashable, Sendable, CaseIterable {
    /// DocumentType 1: the prescription as the prescriber signed it (the QES CMS, DER).
    case qes = "1"
    /// DocumentType 2: the patient copy, the KBV bundle in JSON signed by the Fachdienst.
    case patientCopy = "2"
    /// DocumentType 3: the receipt bundle, signed with C.FD.SIG.
    case receipt = "3"
    /// The dispense information of `$dispense`/`$close` (the `Parameters` body as stored), replaced on each call
    /// (A_26482, A_26481).
    case dispenses = "dispenses"
    /// When the task went from `ready` to `in-progress` (`$accept`), an ISO 8601 instant in UTF-8: the receipt's
    /// `Composition.event.period.start` (spec/fd-api.md §5.2). ``PrescriptionTask`` has no field for it, and
    /// `lastModified` moves on with `$dispense`.
    case acceptance = "acceptance"
}
