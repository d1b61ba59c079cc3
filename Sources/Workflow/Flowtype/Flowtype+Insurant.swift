// SPDX-License-Identifier: Apache-2.0

extension Flowtype {
    /// The role that accepts and closes tasks of this flowtype: the payer for DiGA (162), a pharmacy otherwise.
    public var redeemingRole: Role {
        // A_19166-02: pharmacies accept 160/166/169/200/209; payers accept 162 (AE erp_diga).
        // Not specified in spec/fd-api.md §2.4 for 165; chosen: pharmacy.
        self == .diga ? .payer : .pharmacy
    }

    /// Whether the insurant's app may be shown the AccessCode (and so the E-Rezept-Token).
    public var insurantMaySeeAccessCode: Bool {
        // A_21360-01: never for 169/209; the prescriber routes these tokens.
        self != .directAssignmentGKV && self != .directAssignmentPKV
    }

    /// Whether the insurant (with their own KVNR or an AccessCode) may abort a task of this flowtype in the given
    /// state, as the operation table ``TaskAccess/rules`` says (A_19145-01, A_22102-01).
    public func insurantMayAbort(in status: TaskStatus) -> Bool {
        let outcome = TaskAccess.authorize(.abort, role: .insurant, status: status, flowtype: self, credentials: .all)
        return (try? outcome.get()) != nil
    }

    /// Whether an insurant may send a dispense request for a task of this flowtype to `recipient`.
    public func insurantMayAssign(to recipient: TelematikID) -> Bool {
        switch self {
        // A_27767-01: pharmacies (3-, 9-) only for 160, 166, 200.
        case .pharmacyGKV, .tPrescription, .pharmacyPKV: recipient.isPharmacy
        // A_27767-01: payers (8-) only for 162.
        case .diga: recipient.isPayer
        // A_27767-01: 169/209 cannot be assigned by the insurant. 165 is not listed; chosen: not assignable.
        case .directAssignmentGKV, .directAssignmentPKV, .narcotic: false
        }
    }

    /// Checks a dispense request recipient.
    /// - Throws: ``WorkflowError/Code/recipientNotAllowed`` (403, A_27767-01).
    public func checkInsurantMayAssign(to recipient: TelematikID) throws(WorkflowError) {
        guard self.insurantMayAssign(to: recipient) else {
            throw WorkflowError(.recipientNotAllowed, reason: "flowtype \(self.code) cannot be assigned to \(recipient)")
        }
    }

    /// Whether a prescription of this flowtype may be a Mehrfachverordnung.
    public var allowsMultiplePrescription: Bool {
        // A_22627-01: MVO only for 160/169/200/209.
        switch self {
        case .pharmacyGKV, .directAssignmentGKV, .pharmacyPKV, .directAssignmentPKV: true
        case .diga, .narcotic, .tPrescription: false
        }
    }
}
