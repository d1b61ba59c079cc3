// SPDX-License-Identifier: Apache-2.0

public import FHIR

/// The dispense information of `$dispense` and `$close` (spec/fd-api.md §2.6, §2.7, §7): a `Parameters` resource with
/// one or more `rxDispensation` parameters, each with the parts `medicationDispense` and `medication`.
public struct DispenseInformation: Sendable {
    /// The `Parameters` body as received.
    public let parameters: FHIR.Parameters
    /// The MedicationDispenses, in order.
    public let medicationDispenses: [FHIR.MedicationDispense]

    /// The profile prefix of the DiGA MedicationDispense, allowed only for flowtype 162 (A_26002-02).
    static let digaProfile = "https://gematik.de/fhir/erp/StructureDefinition/GEM_ERP_PR_MedicationDispense_DiGA"

    /// Reads and checks `parameters` for `task`, dispensed by `performer`.
    ///
    /// A_24281-02: `identifier` = PrescriptionID, `subject.identifier` = `Task.for`, `performer.actor.identifier` =
    /// the caller's Telematik-ID, else 400 `SVC_VALIDATION_FAILED`.
    /// - Throws: 400 ``WorkflowError/Code/validationFailed`` for a wrong shape or a mismatch;
    ///   400 ``WorkflowError/Code/invalidMedicationDispense`` for a DiGA dispense outside flowtype 162.
    public init(_ parameters: FHIR.Parameters, task: PrescriptionTask, performer: TelematikID) throws(WorkflowError) {
        let dispensations = parameters.parameter.filter { $0.name.value == "rxDispensation" }
        guard !dispensations.isEmpty, dispensations.count == parameters.parameter.count else {
            throw WorkflowError(.validationFailed, reason: "Parameters must consist of one or more rxDispensation parameters")
        }
        var dispenses: [FHIR.MedicationDispense] = []
        for dispensation in dispensations {
            let dispenseParts = dispensation.part.filter { $0.name.value == "medicationDispense" }
            let medicationParts = dispensation.part.filter { $0.name.value == "medication" }
            guard dispenseParts.count == 1, medicationParts.count <= 1, dispensation.part.count == 1 + medicationParts.count,
                case .medicationDispense(let dispense) = dispenseParts[0].resource,
                medicationParts.allSatisfy({ if case .medication = $0.resource { true } else { false } })
            else {
                throw WorkflowError(
                    .validationFailed,
                    reason: "rxDispensation needs exactly the parts medicationDispense (MedicationDispense) and medication (Medication)"
                )
            }
            try Self.check(dispense, task: task, performer: performer)
            // GEM_ERP_PR_PAR_CloseOperation_Input: medication is 0..1 and required when the MedicationDispense refers to
            // a Medication; a medicinal MedicationDispense always does, a DiGA one names the app by PZN and display.
            if medicationParts.isEmpty && !Self.isDiGA(dispense) {
                throw WorkflowError(
                    .validationFailed,
                    reason: "rxDispensation needs exactly the parts medicationDispense (MedicationDispense) and medication (Medication)"
                )
            }
            dispenses.append(dispense)
        }
        self.parameters = parameters
        self.medicationDispenses = dispenses
    }

    private static func check(_ dispense: FHIR.MedicationDispense, task: PrescriptionTask, performer: TelematikID) throws(WorkflowError) {
        let isDiGA = Self.isDiGA(dispense)
        // A_26002-02: only medicinal dispenses for flowtypes other than DiGA.
        if isDiGA && task.flowtype != .diga {
            throw WorkflowError(
                .invalidMedicationDispense,
                reason: "Unzulässige Abgabeinformationen: Für diesen Workflow sind nur Abgabeinformationen für Arzneimittel zulässig"
            )
        }
        // A_26003-01 (IG diga/op-close-req-fd, IG-TIFLOW-DIGA-4): only DiGA dispenses for flowtype 162.
        if !isDiGA && task.flowtype == .diga {
            throw WorkflowError(
                .invalidMedicationDispense,
                reason: "Unzulässige Abgabeinformationen: "
                    + "Für diesen Workflow sind nur Abgabeinformationen für digitale Gesundheitsanwendungen zulässig."
            )
        }
        // A_24281-02: the dispense belongs to this prescription, this insurant and this pharmacy.
        let prescriptionIDs = dispense.identifier.filter { $0.system?.value == PrescriptionID.system }
        guard prescriptionIDs.count == 1, prescriptionIDs[0].value?.value == task.id.description else {
            throw WorkflowError(.validationFailed, reason: "MedicationDispense.identifier does not match the PrescriptionID of the Task")
        }
        guard let kvnr = task.beneficiary, dispense.subject?.identifier?.value?.value == kvnr.value else {
            throw WorkflowError(.validationFailed, reason: "MedicationDispense.subject.identifier does not match Task.for")
        }
        let performers = dispense.performer.compactMap { $0.actor.identifier }
        guard !performers.isEmpty,
            performers.allSatisfy({ $0.system?.value == TelematikID.system && $0.value?.value == performer.value })
        else {
            throw WorkflowError(
                .validationFailed,
                reason: "MedicationDispense.performer.actor.identifier does not match the Telematik-ID of the caller"
            )
        }
    }

    /// Whether `dispense` declares the DiGA profile `GEM_ERP_PR_MedicationDispense_DiGA` (any version).
    static func isDiGA(_ dispense: FHIR.MedicationDispense) -> Bool {
        dispense.meta?.profile.contains { $0.value.map { $0 == Self.digaProfile || $0.hasPrefix(Self.digaProfile + "|") } ?? false } ?? false
    }

    /// The stored form: the `Parameters` as FHIR JSON.
    public var document: [UInt8] { FHIREncoder(format: .json).encode(self.parameters) }
}
