// SPDX-License-Identifier: Apache-2.0

public import FHIR

extension WorkflowService {
    /// One dispensed medication of an insurant's prescription, as `$dispense` or `$close` stored it.
    public struct Dispensation: Sendable {
        /// The prescription.
        public let prescriptionID: PrescriptionID
        /// The `MedicationDispense` as the pharmacy sent it.
        public let medicationDispense: FHIR.MedicationDispense
        /// The `Medication` it references.
        public let medication: FHIR.Medication?

        /// Creates a dispensation.
        public init(prescriptionID: PrescriptionID, medicationDispense: FHIR.MedicationDispense, medication: FHIR.Medication?) {
            self.prescriptionID = prescriptionID
            self.medicationDispense = medicationDispense
            self.medication = medication
        }
    }

    /// `GET /MedicationDispense` (spec/fd-api.md §2.12): the dispense information of the caller's prescriptions,
    /// optionally of one prescription; writes one audit entry per prescription read (§10).
    /// - Parameters:
    ///   - prescriptionID: the `identifier` search parameter, if given.
    ///   - caller: the insurant.
    /// - Throws: 403 ``WorkflowError/Code/roleNotAllowed`` for every caller who is not an insurant; 500 when a stored
    ///   dispense document cannot be read.
    public func medicationDispenses(of prescriptionID: PrescriptionID?, caller: OperationCaller) async throws(WorkflowError) -> [Dispensation] {
        let kvnr = try Self.insurantKVNR(of: caller, for: "GET /MedicationDispense")
        let now = clock.now
        return try await transaction { transaction in
            var result: [Dispensation] = []
            // Like GET /Task, every task of the insurant is read: the store has no index over dispense documents.
            let batch = 500
            var tasks: [PrescriptionTask] = []
            while true {
                let page = try transaction.tasks(of: kvnr, limit: batch, offset: tasks.count)
                tasks += page
                if page.count < batch { break }
            }
            // Dispenses exist only for tasks a pharmacy holds or closed; oldest prescription first.
            for task in tasks.reversed() where task.status == .inProgress || task.status == .completed {
                if let prescriptionID, task.id != prescriptionID { continue }
                guard let bytes = try transaction.document(.dispenses, task: task.id, insurant: kvnr) else { continue }
                let parameters = try FHIRDecoder().decode(FHIR.Parameters.self, from: bytes, format: .json)
                result += Self.dispensations(parameters, of: task.id)
                let text = "\(caller.displayName) hat Abgabeinformationen zu Ihrem E-Rezept \(task.id) abgerufen."
                try transaction.audit(task, .read, by: caller, at: now, text)
            }
            return result
        }
    }

    /// The `rxDispensation` parts of a stored `Parameters` (shape checked by ``DispenseInformation`` when stored).
    private static func dispensations(_ parameters: FHIR.Parameters, of id: PrescriptionID) -> [Dispensation] {
        parameters.parameter.filter { $0.name.value == "rxDispensation" }.compactMap { dispensation in
            guard case .medicationDispense(let dispense) = dispensation.part.first(where: { $0.name.value == "medicationDispense" })?.resource
            else { return nil }
            var medication: FHIR.Medication?
            if case .medication(let stored) = dispensation.part.first(where: { $0.name.value == "medication" })?.resource {
                medication = stored
            }
            return Dispensation(prescriptionID: id, medicationDispense: dispense, medication: medication)
        }
    }
}
