// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// The stored state of one E-Rezept task: what the Fachdienst keeps about a prescription besides its documents
/// (spec/fd-api.md §2.2–2.8, §3). The FHIR `Task` resource is rendered from it.
public struct PrescriptionTask: Equatable, Sendable {
    /// `Task.id`, the PrescriptionID (A_23227).
    public let id: PrescriptionID
    /// The flowtype, fixed at `$create` (A_19019-01).
    public let flowtype: Flowtype
    /// `Task.status`.
    public var status: TaskStatus
    /// The AccessCode (A_19021-02); nil once wiped by `$abort`.
    public var accessCode: AccessCode?
    /// The Secret of the redeeming institution (A_19169-01); nil outside `in-progress`/`completed`.
    public var secret: Secret?
    /// `Task.owner`: the Telematik-ID of the redeeming institution (A_24174).
    public var owner: TelematikID?
    /// `Task.for`: the insurant's KVNR, set at `$activate` and kept after `$abort` (A_19027-06).
    public var beneficiary: KVNR?
    /// `Task.authoredOn`: when the task was created.
    public let authoredOn: Date
    /// `Task.lastModified`.
    public var lastModified: Date
    /// `Task.extension:ExpiryDate`, a German calendar date (set at `$activate`).
    public var expiryDate: CalendarDate?
    /// `Task.extension:AcceptDate`, a German calendar date (set at `$activate`).
    public var acceptDate: CalendarDate?
    /// `Task.extension:lastMedicationDispense` (A_24285-01).
    public var lastMedicationDispense: Date?
    /// The optimistic-concurrency version: a store refuses an update whose expected version is not the stored one.
    public var version: Int
    /// For a part of a Mehrfachverordnung: its numbering, redemption period and MVO-ID (set at `$activate`, so that
    /// `$accept` can refuse a part whose period has not started, A_22635-02).
    public var multiplePrescription: MultiplePrescription?

    /// A new draft task as `$create` makes it.
    public init(
        id: PrescriptionID,
        flowtype: Flowtype,
        accessCode: AccessCode,
        authoredOn: Date
    ) {
        self.id = id
        self.flowtype = flowtype
        self.status = .draft
        self.accessCode = accessCode
        self.secret = nil
        self.owner = nil
        self.beneficiary = nil
        self.authoredOn = authoredOn
        self.lastModified = authoredOn
        self.expiryDate = nil
        self.acceptDate = nil
        self.lastMedicationDispense = nil
        self.version = 1
        self.multiplePrescription = nil
    }

    /// A task with every field given, as a store reads it back.
    public init(
        id: PrescriptionID,
        flowtype: Flowtype,
        status: TaskStatus,
        accessCode: AccessCode?,
        secret: Secret?,
        owner: TelematikID?,
        beneficiary: KVNR?,
        authoredOn: Date,
        lastModified: Date,
        expiryDate: CalendarDate?,
        acceptDate: CalendarDate?,
        lastMedicationDispense: Date?,
        version: Int,
        multiplePrescription: MultiplePrescription? = nil
    ) {
        self.id = id
        self.flowtype = flowtype
        self.status = status
        self.accessCode = accessCode
        self.secret = secret
        self.owner = owner
        self.beneficiary = beneficiary
        self.authoredOn = authoredOn
        self.lastModified = lastModified
        self.expiryDate = expiryDate
        self.acceptDate = acceptDate
        self.lastMedicationDispense = lastMedicationDispense
        self.version = version
        self.multiplePrescription = multiplePrescription
    }
}
