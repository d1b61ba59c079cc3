// SPDX-License-Identifier: Apache-2.0

/// The Mehrfachverordnung (MVO) facts of a prescription, as values read from the KBV bundle: the numbering
/// "numerator of denominator", the redemption period (`Zeitraum`) and the MVO-ID (spec/fd-api.md §6 step 14).
///
/// The rules are pure functions of these values; the FHIR mapping is done elsewhere. The specification names the
/// rule family A_22627-01 … A_24901 without saying which number is which rule, so the lines below cite §6 step 14.
public struct MultiplePrescription: Hashable, Sendable {
    /// Which part this is, 1 … 4.
    public let numerator: Int
    /// How many parts there are, 2 … 4.
    public let denominator: Int
    /// `Zeitraum.start`: the first day the part may be redeemed. Mandatory.
    public let start: CalendarDate?
    /// `Zeitraum.end`: the last day the part may be redeemed, if given.
    public let end: CalendarDate?
    /// The MVO-ID that ties the parts together.
    public let id: String

    /// Collects the values.
    public init(numerator: Int, denominator: Int, start: CalendarDate?, end: CalendarDate?, id: String) {
        self.numerator = numerator
        self.denominator = denominator
        self.start = start
        self.end = end
        self.id = id
    }

    /// Checks the MVO rules of `$activate`.
    /// - Parameters:
    ///   - flowtype: the task's flowtype.
    ///   - authoredOn: the prescription's `authoredOn`.
    ///   - legalBasis: the KBV legal-basis code, if any.
    /// - Throws: ``WorkflowError/Code/invalidMultiplePrescription`` (400) for the first rule broken.
    public func validate(flowtype: Flowtype, authoredOn: CalendarDate, legalBasis: LegalBasis?) throws(WorkflowError) {
        // §6 step 14 (A_22627-01): MVO only for flowtypes 160/169/200/209.
        guard flowtype.allowsMultiplePrescription else {
            throw Self.invalid("Mehrfachverordnung is not allowed for flowtype \(flowtype.code)")
        }
        // §6 step 14: numerator 1..4, denominator 2..4, numerator ≤ denominator.
        guard (1...4).contains(self.numerator), (2...4).contains(self.denominator), self.numerator <= self.denominator else {
            throw Self.invalid("MVO numbering \(self.numerator)/\(self.denominator) is out of range")
        }
        // §6 step 14: MVO not combined with a discharge prescription (04/14) nor a replacement prescription (10/11/17).
        if let legalBasis, legalBasis.isDischargePrescription || legalBasis.isReplacementPrescription {
            throw Self.invalid("Mehrfachverordnung cannot have legal basis \(legalBasis)")
        }
        // §6 step 14: Zeitraum.start is mandatory and not before authoredOn.
        guard let start = self.start else {
            throw Self.invalid("Mehrfachverordnung needs a start of its redemption period")
        }
        guard start >= authoredOn else {
            throw Self.invalid("MVO period start \(start) is before authoredOn \(authoredOn)")
        }
        // §6 step 14: end not before start.
        if let end = self.end, end < start {
            throw Self.invalid("MVO period end \(end) is before its start \(start)")
        }
        // §6 step 14 also demands that the MVO-ID matches the KBV scheme. Not specified in spec/fd-api.md what the
        // scheme is; chosen: only non-empty is checked here.
        guard !self.id.isEmpty else {
            throw Self.invalid("Mehrfachverordnung without MVO-ID")
        }
    }

    /// Checks that a prescription which is no MVO carries no MVO extensions (§6 step 14).
    /// - Parameters:
    ///   - hasNumbering: whether the bundle has the `Nummerierung` extension.
    ///   - hasPeriod: whether the bundle has the `Zeitraum` extension.
    /// - Throws: ``WorkflowError/Code/invalidMultiplePrescription`` (400).
    public static func checkAbsent(hasNumbering: Bool, hasPeriod: Bool) throws(WorkflowError) {
        guard !hasNumbering, !hasPeriod else {
            throw invalid("Nummerierung and Zeitraum are only allowed for a Mehrfachverordnung")
        }
    }

    /// Checks at `$accept` that the redemption period of this part has started.
    /// - Parameter today: today's German calendar day.
    /// - Throws: ``WorkflowError/Code/prescriptionNotYetRedeemable`` (403, A_22635-02).
    public func checkRedeemable(today: CalendarDate) throws(WorkflowError) {
        // A_22635-02: a part whose period starts in the future cannot be accepted yet.
        if let start = self.start, start > today {
            throw WorkflowError(
                .prescriptionNotYetRedeemable,
                reason: "Teilverordnung zur Mehrfachverordnung \(self.id) ist ab \(start.germanDescription) einlösbar."
            )
        }
    }

    private static func invalid(_ reason: String) -> WorkflowError {
        WorkflowError(.invalidMultiplePrescription, reason: reason)
    }
}
