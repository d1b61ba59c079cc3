// SPDX-License-Identifier: Apache-2.0

/// Which package versions the Fachdienst accepts on which day (spec/fd-api.md §1.4, from the live Fachdienst's
/// configuration). Kept as data so that an operator can replace it (it is `Codable`); ``live`` is the default.
public struct ProfileVersionTable: Codable, Hashable, Sendable {
    /// One period of the table: from `from` (inclusive) to `until` (inclusive, open when nil).
    public struct Period: Codable, Hashable, Sendable {
        /// First day (German calendar date, `YYYY-MM-DD`).
        public var from: String
        /// Last day, or nil for open-ended.
        public var until: String?
        /// Accepted `kbv.ita.erp` versions (full package versions, e.g. `1.3.3`).
        public var kbvERP: [String]
        /// Accepted `kbv.itv.evdga` versions (DiGA prescriptions, flowtype 162).
        public var kbvEVDGA: [String]
        /// Accepted `de.gematik.erezept-workflow.r4` versions.
        public var workflow: [String]

        /// Creates a period.
        public init(from: String, until: String?, kbvERP: [String], kbvEVDGA: [String], workflow: [String]) {
            self.from = from
            self.until = until
            self.kbvERP = kbvERP
            self.kbvEVDGA = kbvEVDGA
            self.workflow = workflow
        }
    }

    /// The periods, in any order.
    public var periods: [Period]

    /// Creates a table.
    public init(periods: [Period]) {
        self.periods = periods
    }

    /// The table of spec/fd-api.md §1.4. The `kbv.itv.evdga` column is not in that table; chosen: 1.1.x and 1.2.x,
    /// the versions of the DiGA examples and their successor.
    public static let live = ProfileVersionTable(periods: [
        Period(from: "2025-07-15", until: "2025-09-30", kbvERP: ["1.1.2"], kbvEVDGA: ["1.1.0"], workflow: ["1.4.3"]),
        Period(from: "2025-10-01", until: "2026-01-11", kbvERP: ["1.1.2", "1.3.2"], kbvEVDGA: ["1.1.0"], workflow: ["1.4.3", "1.5.2"]),
        Period(from: "2026-01-27", until: "2026-03-31", kbvERP: ["1.1.2", "1.3.3"], kbvEVDGA: ["1.1.0", "1.2.0"], workflow: ["1.5.2"]),
        Period(from: "2026-04-01", until: "2026-06-30", kbvERP: ["1.3.3"], kbvEVDGA: ["1.1.0", "1.2.0"], workflow: ["1.5.2"]),
        Period(from: "2026-07-01", until: "2026-09-30", kbvERP: ["1.3.3", "1.4.3"], kbvEVDGA: ["1.1.0", "1.2.0"], workflow: ["1.5.2", "1.6.4"]),
        Period(from: "2026-10-01", until: "2027-01-14", kbvERP: ["1.3.3", "1.4.3"], kbvEVDGA: ["1.1.0", "1.2.0"], workflow: ["1.6.4"]),
        Period(from: "2027-01-15", until: nil, kbvERP: ["1.4.3"], kbvEVDGA: ["1.2.0"], workflow: ["1.6.4"]),
    ])

    /// The period that contains `day`, if any (the table has gaps, e.g. 2026-01-12 … 2026-01-26).
    public func period(on day: CalendarDate) -> Period? {
        let text = day.description
        return periods.first { $0.from <= text && ($0.until.map { text <= $0 } ?? true) }
    }

    /// Checks that `profile` is the KBV bundle profile of a package version accepted on `day`.
    ///
    /// KBV profiles carry major.minor (`|1.3`), which matches every accepted package version `1.3.x`.
    /// - Throws: ``WorkflowError/Code/unknownProfile`` for another profile, a missing version, or a version not
    ///   accepted on that day.
    public func checkPrescriptionProfile(_ profile: CanonicalProfile?, on day: CalendarDate) throws(WorkflowError) {
        guard let profile, let version = profile.version else {
            throw WorkflowError(.unknownProfile, reason: "the bundle declares no versioned profile")
        }
        let period = self.period(on: day)
        let accepted: [String]
        switch profile.url {
        case "https://fhir.kbv.de/StructureDefinition/KBV_PR_ERP_Bundle": accepted = period?.kbvERP ?? []
        case "https://fhir.kbv.de/StructureDefinition/KBV_PR_EVDGA_Bundle": accepted = period?.kbvEVDGA ?? []
        default: throw WorkflowError(.unknownProfile, reason: "unknown profile \(profile.url)")
        }
        guard accepted.contains(where: { Self.matches(declared: version, package: $0) }) else {
            throw WorkflowError(.unknownProfile, reason: "\(profile) is not accepted on \(day) (accepted: \(accepted))")
        }
    }

    /// The prefix of the E-Rezept workflow's StructureDefinitions.
    static let workflowProfilePrefix = "https://gematik.de/fhir/erp/StructureDefinition/"

    /// Checks that `profile` is one of `names` from the E-Rezept workflow package (`GEM_ERP_PR_…`) in a version accepted
    /// on `day`, as the resources of a `$dispense` or `$close` body must be (spec/fd-api.md §1.4).
    /// - Throws: ``WorkflowError/Code/unknownProfile`` for a missing profile or version, another profile, or a version
    ///   not accepted on that day.
    public func checkWorkflowProfile(_ profile: CanonicalProfile?, oneOf names: Set<String>, on day: CalendarDate) throws(WorkflowError) {
        guard let profile, let version = profile.version else {
            throw WorkflowError(.unknownProfile, reason: "a resource declares no versioned profile (expected one of \(names.sorted()))")
        }
        guard profile.url.hasPrefix(Self.workflowProfilePrefix), names.contains(profile.name) else {
            throw WorkflowError(.unknownProfile, reason: "unexpected profile \(profile.url) (expected one of \(names.sorted()))")
        }
        let accepted = self.period(on: day)?.workflow ?? []
        guard accepted.contains(where: { Self.matches(declared: version, package: $0) }) else {
            throw WorkflowError(.unknownProfile, reason: "\(profile) is not accepted on \(day) (accepted: \(accepted))")
        }
    }

    /// Whether a declared profile version (`1.3` or `1.3.3`) belongs to the package version `1.3.3`.
    static func matches(declared: String, package: String) -> Bool {
        let declaredParts = declared.split(separator: ".")
        let packageParts = package.split(separator: ".")
        guard declaredParts.count >= 2, declaredParts.count <= packageParts.count else { return false }
        return zip(declaredParts, packageParts).allSatisfy { $0 == $1 }
    }
}
