// SPDX-License-Identifier: Apache-2.0

public import FHIR

extension WorkflowService {
    /// `$dispense` (spec/fd-api.md §2.6): the pharmacy stores the dispense information before `$close`, so that the
    /// insurant sees the medication as dispensed; the task stays `in-progress` (A_24284).
    ///
    /// The response of workflow 1.6 is 204 without a body; this follows the live Fachdienst as documented in
    /// gematik/api-erp (WF release notes 1.6.0), not older drafts that answered 200 with the MedicationDispenses.
    /// - Parameters:
    ///   - id: the task.
    ///   - secret: the `?secret=` the caller sent, if any.
    ///   - parameters: the `Parameters` body with one or more `rxDispensation`.
    ///   - caller: the pharmacy.
    /// - Throws: 403 for a wrong role, Secret or state, 404/410 for an unknown or deleted task, 400 for dispense
    ///   information that does not belong to the task or the caller, 409 for a concurrent change.
    public func dispense(
        _ id: PrescriptionID,
        secret: Secret?,
        parameters: FHIR.Parameters,
        caller: OperationCaller
    ) async throws(WorkflowError) {
        // A_24279 (role), A_24280 (Secret), A_24298 (state in-progress) on the task as stored now.
        let stored = try await transaction { transaction in try transaction.task(id) }
        try Self.authorizeDispense(.dispense, stored, id: id, secret: secret, caller: caller)
        guard let stored else { throw WorkflowError(.taskNotFound, reason: "Task not found") }
        // A_24281-02: the consistency checks, outside the transaction.
        let information = try dispenseInformation(parameters, task: stored, caller: caller)
        let document = information.document
        let now = clock.now
        try await transaction { transaction in
            let current = try transaction.task(id)
            try Self.authorizeDispense(.dispense, current, id: id, secret: secret, caller: caller)
            guard var task = current, task.version == stored.version else { throw StoreConflict(taskID: id) }
            // A_26482: earlier MedicationDispenses (and Medications) are replaced.
            try transaction.putDocument(document, kind: .dispenses, task: id, insurant: task.beneficiary)
            // A_24285-01: lastMedicationDispense = now; A_24284: the status stays in-progress.
            task.lastMedicationDispense = now
            task.lastModified = now
            _ = try transaction.update(task)
            try transaction.audit(
                task,
                .update,
                by: caller,
                at: now,
                "\(caller.displayName) hat Abgabeinformationen zu Ihrem E-Rezept \(id) bereitgestellt."
            )
        }
    }

    /// Authorizes `$dispense` or `$close` with the Secret on `task` (nil: no such task).
    static func authorizeDispense(
        _ operation: TaskOperation,
        _ task: PrescriptionTask?,
        id: PrescriptionID,
        secret: Secret?,
        caller: OperationCaller
    ) throws(WorkflowError) {
        _ = try Self.authorize(
            operation,
            task: task,
            flowtype: task?.flowtype ?? id.flowtype ?? .pharmacyGKV,
            caller: caller,
            credentials: Self.credentials(task, secret: secret)
        )
    }

    /// The checked dispense information of `parameters` for `task`, dispensed by `caller`: first the profile versions
    /// accepted today, then the content.
    func dispenseInformation(
        _ parameters: FHIR.Parameters,
        task: PrescriptionTask,
        caller: OperationCaller
    ) throws(WorkflowError) -> DispenseInformation {
        guard let performer = caller.telematikID else {
            throw WorkflowError(.roleNotAllowed, reason: "dispensing needs an institution with a Telematik-ID")
        }
        try Self.checkProfiles(parameters, table: activationRules.profileVersions, on: GermanCalendar.date(of: clock.now))
        return try DispenseInformation(parameters, task: task, performer: performer)
    }

    /// §1.4: the body and every MedicationDispense and Medication in it declare a workflow profile version accepted
    /// on `day`; anything else is refused with the "unknown or unexpected profile" outcome.
    static func checkProfiles(_ parameters: FHIR.Parameters, table: ProfileVersionTable, on day: CalendarDate) throws(WorkflowError) {
        // Not specified in spec/fd-api.md which input profile each operation requires; chosen: either one for both,
        // as the workflow's own examples send the dispense input to $close as well.
        try table.checkWorkflowProfile(
            Self.declaredProfile(parameters.meta),
            oneOf: ["GEM_ERP_PR_PAR_DispenseOperation_Input", "GEM_ERP_PR_PAR_CloseOperation_Input"],
            on: day
        )
        for parameter in parameters.parameter {
            for part in parameter.part {
                switch part.resource {
                case .medicationDispense(let dispense):
                    try table.checkWorkflowProfile(
                        Self.declaredProfile(dispense.meta),
                        oneOf: ["GEM_ERP_PR_MedicationDispense", "GEM_ERP_PR_MedicationDispense_DiGA"],
                        on: day
                    )
                case .medication(let medication):
                    try table.checkWorkflowProfile(Self.declaredProfile(medication.meta), oneOf: ["GEM_ERP_PR_Medication"], on: day)
                default:
                    continue
                }
            }
        }
    }

    /// The first `meta.profile` that is a workflow profile, else the first one.
    private static func declaredProfile(_ meta: FHIR.Meta?) -> CanonicalProfile? {
        let profiles = (meta?.profile ?? []).compactMap { $0.value.map(CanonicalProfile.init) }
        return profiles.first { $0.url.hasPrefix(ProfileVersionTable.workflowProfilePrefix) } ?? profiles.first
    }
}
