// SPDX-License-Identifier: Apache-2.0

/// The two dates `$activate` sets on a task (spec/fd-api.md §6 step 15, A_19445 family, TAB_eRpDM_004/006–009):
/// until when the prescription may be redeemed at all (`expiryDate`) and until when at the payer's cost
/// (`acceptDate`). Both are German calendar days.
public struct PrescriptionValidity: Hashable, Sendable {
    /// The last day on which the prescription may be redeemed.
    public let expiryDate: CalendarDate
    /// The last day on which the prescription may be redeemed at the payer's cost.
    public let acceptDate: CalendarDate

    /// Creates the pair.
    public init(expiryDate: CalendarDate, acceptDate: CalendarDate) {
        self.expiryDate = expiryDate
        self.acceptDate = acceptDate
    }

    /// Computes the dates for a prescription.
    /// - Parameters:
    ///   - flowtype: the task's flowtype.
    ///   - signingDate: the German calendar day of the QES signing time ("QES date").
    ///   - multiplePrescriptionEnd: for a part of a Mehrfachverordnung, `Zeitraum.end` if given; pass
    ///     `isMultiplePrescription` to say that it is one.
    ///   - isMultiplePrescription: whether the prescription is a part of a Mehrfachverordnung.
    ///   - legalBasis: the KBV legal-basis code, if any (discharge prescriptions have their own accept date).
    /// - Throws: ``WorkflowError/Code/flowtypeNotActivatable`` for 165, which is never activated;
    ///   ``WorkflowError/Code/invalidMultiplePrescription`` for a Mehrfachverordnung of a flowtype that allows none.
    public static func compute(
        flowtype: Flowtype,
        signingDate: CalendarDate,
        isMultiplePrescription: Bool = false,
        multiplePrescriptionEnd: CalendarDate? = nil,
        legalBasis: LegalBasis? = nil
    ) throws(WorkflowError) -> PrescriptionValidity {
        if isMultiplePrescription {
            // A_22627-01: MVO only for 160/169/200/209.
            guard flowtype.allowsMultiplePrescription else {
                throw WorkflowError(.invalidMultiplePrescription, reason: "Mehrfachverordnung not allowed for flowtype \(flowtype.code)")
            }
            // §6 step 15: MVO: expiry = accept = Zeitraum.end if given, else QES date + 365 days.
            let end = multiplePrescriptionEnd ?? signingDate.adding(days: 365)
            return PrescriptionValidity(expiryDate: end, acceptDate: end)
        }
        var validity: PrescriptionValidity
        switch flowtype {
        case .pharmacyGKV, .directAssignmentGKV:
            // §6 step 15: 160/169 non-MVO: expiry = QES date + 3 months, accept = QES date + 28 days.
            validity = PrescriptionValidity(expiryDate: signingDate.adding(months: 3), acceptDate: signingDate.adding(days: 28))
        case .pharmacyPKV, .directAssignmentPKV:
            // §6 step 15: 200/209 non-MVO: expiry = accept = QES date + 3 months.
            let end = signingDate.adding(months: 3)
            validity = PrescriptionValidity(expiryDate: end, acceptDate: end)
        case .tPrescription:
            // §6 step 15: 166: expiry = accept = QES date + 6 days.
            let end = signingDate.adding(days: 6)
            validity = PrescriptionValidity(expiryDate: end, acceptDate: end)
        case .diga:
            // §6 step 15 / AE erp_diga: 162: expiry 90 days after issue.
            // Not specified in spec/fd-api.md for the acceptDate of 162; chosen: equal to the expiryDate.
            let end = signingDate.adding(days: 90)
            validity = PrescriptionValidity(expiryDate: end, acceptDate: end)
        case .narcotic:
            // A_22231-01: 165 is never activated, so it gets no dates.
            throw WorkflowError(.flowtypeNotActivatable, reason: "BTM nicht zulässig")
        }
        if let legalBasis, legalBasis.isDischargePrescription {
            // A_19517-04: discharge prescription: accept = QES date + 2 working days (Mon–Sat without nation-wide
            // holidays). Not specified in spec/fd-api.md whether this also changes the expiryDate; chosen: it does not.
            validity = PrescriptionValidity(
                expiryDate: validity.expiryDate,
                acceptDate: GermanHolidays.adding(workingDays: 2, to: signingDate)
            )
        }
        return validity
    }

    /// Checks at `$accept` that the prescription has not expired.
    /// - Parameter today: today's German calendar day.
    /// - Throws: ``WorkflowError/Code/prescriptionExpired`` (403) when `expiryDate` is before today.
    public func checkNotExpired(today: CalendarDate) throws(WorkflowError) {
        // A_23539-01: expiryDate < today → 403 "Verordnung bis dd.mm.yyyy einlösbar."
        guard self.expiryDate >= today else {
            throw WorkflowError(.prescriptionExpired, reason: "Verordnung bis \(self.expiryDate.germanDescription) einlösbar.")
        }
    }
}
