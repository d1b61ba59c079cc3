// SPDX-License-Identifier: Apache-2.0

import Testing
import Workflow

struct PrescriptionValidityTests {
    private static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test(
        "§6 step 15: expiry and accept date per flowtype without MVO",
        arguments: [
            // 160/169: expiry + 3 months, accept + 28 days.
            (Flowtype.pharmacyGKV, "2026-03-15", "2026-06-15", "2026-04-12"),
            (.directAssignmentGKV, "2026-01-31", "2026-04-30", "2026-02-28"),
            // 200/209: both + 3 months.
            (.pharmacyPKV, "2026-03-15", "2026-06-15", "2026-06-15"),
            (.directAssignmentPKV, "2026-11-30", "2027-02-28", "2027-02-28"),
            // 166: both + 6 days.
            (.tPrescription, "2026-03-15", "2026-03-21", "2026-03-21"),
            // 162: expiry 90 days; accept equal (chosen).
            (.diga, "2026-03-15", "2026-06-13", "2026-06-13"),
        ]
    )
    func perFlowtype(flowtype: Flowtype, signed: String, expiry: String, accept: String) throws {
        let validity = try PrescriptionValidity.compute(flowtype: flowtype, signingDate: Self.day(signed))
        #expect(validity.expiryDate.description == expiry)
        #expect(validity.acceptDate.description == accept)
    }

    @Test(
        "§6 step 15: an MVO part is valid until Zeitraum.end, else 365 days",
        arguments: [Flowtype.pharmacyGKV, .directAssignmentGKV, .pharmacyPKV, .directAssignmentPKV]
    )
    func multiplePrescription(flowtype: Flowtype) throws {
        let withEnd = try PrescriptionValidity.compute(
            flowtype: flowtype,
            signingDate: Self.day("2026-03-15"),
            isMultiplePrescription: true,
            multiplePrescriptionEnd: Self.day("2026-09-30")
        )
        #expect(withEnd == PrescriptionValidity(expiryDate: Self.day("2026-09-30"), acceptDate: Self.day("2026-09-30")))
        let withoutEnd = try PrescriptionValidity.compute(flowtype: flowtype, signingDate: Self.day("2026-03-15"), isMultiplePrescription: true)
        #expect(withoutEnd == PrescriptionValidity(expiryDate: Self.day("2027-03-15"), acceptDate: Self.day("2027-03-15")))
    }

    @Test("an MVO of 162/165/166 is refused", arguments: [Flowtype.diga, .narcotic, .tPrescription])
    func multiplePrescriptionRefused(flowtype: Flowtype) {
        #expect(throws: WorkflowError(.invalidMultiplePrescription)) {
            try PrescriptionValidity.compute(flowtype: flowtype, signingDate: Self.day("2026-03-15"), isMultiplePrescription: true)
        }
    }

    @Test("A_22231-01: 165 gets no dates")
    func narcotic() {
        #expect(throws: WorkflowError(.flowtypeNotActivatable)) {
            try PrescriptionValidity.compute(flowtype: .narcotic, signingDate: Self.day("2026-03-15"))
        }
    }

    @Test("A_19517-04: a discharge prescription's accept date is two working days later", arguments: ["04", "14"])
    func dischargePrescription(code: String) throws {
        let validity = try PrescriptionValidity.compute(
            flowtype: .pharmacyGKV,
            signingDate: Self.day("2026-04-02"),
            legalBasis: LegalBasis(code: code)
        )
        #expect(validity.acceptDate.description == "2026-04-07")
        #expect(validity.expiryDate.description == "2026-07-02")
        let ordinary = try PrescriptionValidity.compute(
            flowtype: .pharmacyGKV,
            signingDate: Self.day("2026-04-02"),
            legalBasis: LegalBasis(code: "00")
        )
        #expect(ordinary.acceptDate.description == "2026-04-30")
    }

    @Test("A_23539-01: $accept after the expiry date is refused with the date in the message")
    func expiry() throws {
        let validity = PrescriptionValidity(expiryDate: Self.day("2026-04-30"), acceptDate: Self.day("2026-04-02"))
        try validity.checkNotExpired(today: Self.day("2026-04-30"))
        #expect(throws: WorkflowError(.prescriptionExpired)) { try validity.checkNotExpired(today: Self.day("2026-05-01")) }
        do {
            try validity.checkNotExpired(today: Self.day("2026-05-01"))
        } catch {
            #expect(error.reason == "Verordnung bis 30.04.2026 einlösbar.")
            #expect(error.httpStatus == 403)
        }
    }
}
