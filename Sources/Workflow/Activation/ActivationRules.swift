// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto

/// The business rules of `$activate` after the QES has been verified (spec/fd-api.md §6 steps 5–15), in the order
/// the specification gives, each failing with its own ``WorkflowError/Code``.
public struct ActivationRules: Sendable {
    /// The accepted package versions per day.
    public let profileVersions: ProfileVersionTable

    /// Creates the rules with a profile-version table (default: the live Fachdienst's, spec §1.4).
    public init(profileVersions: ProfileVersionTable = .live) {
        self.profileVersions = profileVersions
    }

    /// What a successful check establishes for the task.
    public struct Outcome: Hashable, Sendable {
        /// `Task.for` (A_19127-03).
        public let beneficiary: KVNR
        /// `expiryDate` and `acceptDate` (§6 step 15).
        public let validity: PrescriptionValidity
        /// Whether the Coverage type is PKV.
        public let isPKV: Bool
        /// The Mehrfachverordnung part, if the prescription is one.
        public let multiplePrescription: MultiplePrescription?
    }

    /// Checks `bundle` for the draft task `task`.
    /// - Parameters:
    ///   - bundle: the facts of the KBV bundle inside the QES.
    ///   - task: the task being activated.
    ///   - signingTime: the CMS signing time of the QES.
    ///   - signerProfessions: the profession OIDs of the QES certificate's Admission.
    ///   - today: the German calendar day of the request (selects the accepted profile versions).
    /// - Throws: the first rule broken.
    public func check(
        _ bundle: PrescriptionBundle,
        task: PrescriptionTask,
        signingTime: Date,
        signerProfessions: [OID],
        today: CalendarDate
    ) throws(WorkflowError) -> Outcome {
        let flowtype = task.flowtype
        try flowtype.checkActivatable()
        // §6 step 5 (A_19225-02, A_27812): the signer's profession must fit the flowtype.
        guard let profession = signerProfessions.first(where: flowtype.allowedSignerProfessions.contains) else {
            throw WorkflowError(
                .signerProfessionNotAllowed,
                reason: "signer professions \(signerProfessions.map(\.dotted)) may not sign flowtype \(flowtype.code)"
            )
        }
        try flowtype.checkSigner(professionOID: profession)
        // §6 step 6: only profiles and versions accepted today ("unknown or unexpected profile"), and only the
        // package of the flowtype: kbv.itv.evdga for 162, kbv.ita.erp for the others.
        try profileVersions.checkPrescriptionProfile(bundle.profile, on: today)
        if let profile = bundle.profile, profile.url != flowtype.prescriptionBundleProfile {
            throw WorkflowError(
                .unknownProfile,
                reason: "flowtype \(flowtype.code) expects \(flowtype.prescriptionBundleProfile), not \(profile.url)"
            )
        }
        // §6 step 7 (A_21370): the bundle's PrescriptionID is the task's.
        guard let text = bundle.prescriptionID else {
            throw WorkflowError(.prescriptionIDMismatch, reason: "the bundle carries no PrescriptionID")
        }
        guard let bundleID = try? PrescriptionID(text), bundleID == task.id else {
            throw WorkflowError(.prescriptionIDMismatch, reason: "the bundle's PrescriptionID \(text) is not the task's \(task.id)")
        }
        // §6 step 8 (A_23936-01, A_23890-01): kvid-10 identifier with a valid check digit.
        guard let identifier = bundle.patientIdentifier, identifier.system == KVNR.system, let value = identifier.value else {
            throw WorkflowError(.invalidKVNR, reason: "the Patient has no identifier of system \(KVNR.system)")
        }
        let kvnr = try KVNR(value)
        // §6 step 9: authoredOn is the German calendar day of the signing time.
        guard let authoredOnValue = bundle.authoredOn, let authoredOn = CalendarDate(fhirDate: authoredOnValue) else {
            throw WorkflowError(.authoredOnMismatch, reason: "the MedicationRequest has no authoredOn date")
        }
        try GermanCalendar.checkAuthoredOn(authoredOn, signingTime: signingTime)
        // §6 step 10 (A_23443-01, A_22347-01): Coverage type against the flowtype.
        let isPKV = bundle.coverageType == "PKV"
        try flowtype.checkCoverage(isPKV: isPKV)
        // §6 step 11: medication category against the flowtype; for 162 the DiGA request instead.
        if flowtype == .diga {
            try checkHealthAppRequest(bundle)
        } else {
            try checkMedicationCategory(bundle, flowtype: flowtype)
        }
        // §6 step 14: Mehrfachverordnung rules.
        let multiple = bundle.multiplePrescription
        var multiplePrescriptionEnd: CalendarDate?
        var part: MultiplePrescription?
        if let multiple, multiple.isMultiplePrescription {
            guard let numerator = multiple.numerator, let denominator = multiple.denominator else {
                throw WorkflowError(.invalidMultiplePrescription, reason: "Mehrfachverordnung without whole-number Nummerierung")
            }
            let prescription = MultiplePrescription(
                numerator: numerator,
                denominator: denominator,
                start: multiple.start,
                end: multiple.end,
                id: multiple.id ?? ""
            )
            try prescription.validate(flowtype: flowtype, authoredOn: authoredOn, legalBasis: bundle.legalBasis)
            multiplePrescriptionEnd = multiple.end
            part = prescription
        } else {
            try MultiplePrescription.checkAbsent(hasNumbering: multiple?.hasNumbering ?? false, hasPeriod: multiple?.hasPeriod ?? false)
        }
        // §6 step 15: expiry and accept dates from the QES date.
        let validity = try PrescriptionValidity.compute(
            flowtype: flowtype,
            signingDate: GermanCalendar.date(of: signingTime),
            isMultiplePrescription: multiple?.isMultiplePrescription ?? false,
            multiplePrescriptionEnd: multiplePrescriptionEnd,
            legalBasis: bundle.legalBasis
        )
        return Outcome(beneficiary: kvnr, validity: validity, isPKV: isPKV, multiplePrescription: part)
    }

    /// The DiGA counterpart of §6 step 11 for flowtype 162.
    private func checkHealthAppRequest(_ bundle: PrescriptionBundle) throws(WorkflowError) {
        // A_25991: a DeviceRequest and Composition.type e16D.
        guard bundle.hasDeviceRequest, bundle.compositionType == "e16D" else {
            throw WorkflowError(
                .healthAppRequestRequired,
                reason: "Für diesen Workflowtypen sind nur Verordnungen für Digitale Gesundheitsanwendungen zulässig"
            )
        }
        // A_25992: the PZN of KBV_PR_EVDGA_HealthAppRequest.codeCodeableConcept passes its check digit.
        // Not specified in spec/fd-api.md or A_25992 what a DeviceRequest without PZN gets; chosen: the same 400.
        guard !bundle.healthAppPZNs.isEmpty else {
            throw WorkflowError(.invalidPZN, reason: PZN.refusal)
        }
        for code in bundle.healthAppPZNs { _ = try PZN(code) }
    }

    /// §6 step 11: 160/169/200/209 need category 00, 166 needs 02; BtM (01) is refused (A_22231-01). DiGA bundles
    /// (162) carry no Medication; ``checkHealthAppRequest(_:)`` checks them.
    private func checkMedicationCategory(_ bundle: PrescriptionBundle, flowtype: Flowtype) throws(WorkflowError) {
        let required: String
        switch flowtype {
        case .pharmacyGKV, .directAssignmentGKV, .pharmacyPKV, .directAssignmentPKV: required = "00"
        case .tPrescription: required = "02"
        case .diga, .narcotic: return
        }
        guard bundle.hasMedicationRequest else {
            throw WorkflowError(.medicationCategoryNotAllowed, reason: "Für diesen Workflowtypen sind nur Arzneimittelverordnungen zulässig")
        }
        if bundle.medicationCategory == "01" {
            throw WorkflowError(.medicationCategoryNotAllowed, reason: "BTM nicht zulässig")
        }
        guard bundle.medicationCategory == required else {
            let text =
                required == "02"
                ? "Für diesen Workflowtypen sind nur T-Rezept Verordnungen zulässig"
                : "Für diesen Workflowtypen sind nur Arzneimittelverordnungen zulässig"
            throw WorkflowError(.medicationCategoryNotAllowed, reason: text)
        }
    }
}
