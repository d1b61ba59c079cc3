// SPDX-License-Identifier: Apache-2.0

public import TICrypto

extension Flowtype {
    /// Whether `$activate` accepts prescriptions of this flowtype.
    public var isActivatable: Bool {
        // A_22231-01: BtM prescriptions are rejected at $activate ("BTM nicht zulässig"); 165 is defined but planned.
        self != .narcotic
    }

    /// Checks that `$activate` accepts this flowtype.
    /// - Throws: ``WorkflowError/Code/flowtypeNotActivatable`` for 165.
    public func checkActivatable() throws(WorkflowError) {
        guard self.isActivatable else {
            throw WorkflowError(.flowtypeNotActivatable, reason: "BTM nicht zulässig")
        }
    }

    /// What the prescription's Coverage type must be for this flowtype.
    public var coverageRequirement: CoverageRequirement {
        switch self {
        // A_23443-01: 160/169 must not have Coverage type PKV.
        case .pharmacyGKV, .directAssignmentGKV: .mustNotBePKV
        // A_23443-01 (IG diga/op-activate-req-fd, IG-TIFlow-DiGA-27): 162 must not have Coverage type PKV either.
        case .diga: .mustNotBePKV
        // A_22347-01: 200/209 must have Coverage type PKV.
        case .pharmacyPKV, .directAssignmentPKV: .mustBePKV
        // Not specified in spec/fd-api.md §4.2/§6.10 for 165/166; chosen: no coverage rule.
        case .narcotic, .tPrescription: .unrestricted
        }
    }

    /// Checks the Coverage type of the prescription bundle against this flowtype.
    /// - Parameter isPKV: whether `Coverage.type` is `PKV`.
    /// - Throws: ``WorkflowError/Code/coverageMismatch``.
    public func checkCoverage(isPKV: Bool) throws(WorkflowError) {
        switch (self.coverageRequirement, isPKV) {
        case (.mustNotBePKV, true):
            throw WorkflowError(.coverageMismatch, reason: "Flowtype \(self.code) must not have Coverage type PKV")
        case (.mustBePKV, false):
            throw WorkflowError(.coverageMismatch, reason: "Flowtype \(self.code) requires Coverage type PKV")
        default:
            return
        }
    }

    /// The professionOIDs of the HBA whose QES may sign a prescription of this flowtype (`oid_arzt`, `oid_zahnarzt`).
    public var allowedSignerProfessions: Set<OID> {
        switch self {
        // A_19225-02: 160/169/200/209 need oid_arzt or oid_zahnarzt.
        case .pharmacyGKV, .directAssignmentGKV, .pharmacyPKV, .directAssignmentPKV: [TelematikOID.arzt, TelematikOID.zahnarzt]
        // A_27812: 166 (T-Rezept) only oid_arzt.
        case .tPrescription: [TelematikOID.arzt]
        // A_25990 (IG diga/op-activate-req-fd, IG-TIFlow-DiGA-24): 162 also psychotherapists.
        case .diga:
            [
                TelematikOID.arzt, TelematikOID.zahnarzt, TelematikOID.psychotherapeut, TelematikOID.psychologischerPsychotherapeut,
                TelematikOID.kinderUndJugendlichenPsychotherapeut,
            ]
        // Not specified in spec/fd-api.md §6.5 for 165; chosen: the set of 160.
        case .narcotic: [TelematikOID.arzt, TelematikOID.zahnarzt]
        }
    }

    /// Checks the professionOID of the QES signer certificate.
    /// - Throws: ``WorkflowError/Code/signerProfessionNotAllowed`` (400).
    public func checkSigner(professionOID: OID) throws(WorkflowError) {
        guard self.allowedSignerProfessions.contains(professionOID) else {
            throw WorkflowError(
                .signerProfessionNotAllowed,
                reason: "signer profession \(professionOID) may not sign flowtype \(self.code)"
            )
        }
    }

    /// The KBV bundle profile a prescription of this flowtype declares: `KBV_PR_EVDGA_Bundle` (package kbv.itv.evdga)
    /// for 162, `KBV_PR_ERP_Bundle` (kbv.ita.erp) for every other flowtype (spec/fd-api.md §6 step 6).
    public var prescriptionBundleProfile: String {
        self == .diga
            ? "https://fhir.kbv.de/StructureDefinition/KBV_PR_EVDGA_Bundle" : "https://fhir.kbv.de/StructureDefinition/KBV_PR_ERP_Bundle"
    }

    /// The organisation type that redeems the prescription (`Task.performerType`, spec/fd-api.md §2.2).
    public var performerType: OID {
        self == .diga ? TelematikOID.kostentraeger : TelematikOID.oeffentlicheApotheke
    }
}

/// What a flowtype demands of the prescription's Coverage type (spec/fd-api.md §4.2).
public enum CoverageRequirement: Sendable, Hashable {
    /// Coverage type `PKV` is forbidden (160, 162, 169).
    case mustNotBePKV
    /// Coverage type `PKV` is required (200, 209).
    case mustBePKV
    /// No rule.
    case unrestricted
}
