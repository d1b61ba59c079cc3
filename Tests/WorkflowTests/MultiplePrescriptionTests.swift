// SPDX-License-Identifier: Apache-2.0

import Testing
import Workflow

struct MultiplePrescriptionTests {
    private static let authoredOn = CalendarDate(iso: "2026-03-15")!

    private static func mvo(
        _ numerator: Int = 1,
        of denominator: Int = 4,
        start: String? = "2026-03-15",
        end: String? = nil,
        id: String = "urn:uuid:24e2e10d-e962-4d1c-be4f-8760e690a5f0"
    ) -> MultiplePrescription {
        MultiplePrescription(
            numerator: numerator,
            denominator: denominator,
            start: start.flatMap { CalendarDate(iso: $0) },
            end: end.flatMap { CalendarDate(iso: $0) },
            id: id
        )
    }

    @Test("valid MVO parts pass", arguments: [(1, 2), (2, 2), (1, 4), (4, 4), (3, 4)])
    func valid(numerator: Int, denominator: Int) throws {
        try Self.mvo(numerator, of: denominator, end: "2026-06-30").validate(flowtype: .pharmacyGKV, authoredOn: Self.authoredOn, legalBasis: nil)
    }

    @Test("§6 step 14: numbering out of range is refused", arguments: [(0, 2), (5, 5), (1, 1), (1, 5), (3, 2), (-1, 4)])
    func numbering(numerator: Int, denominator: Int) {
        #expect(throws: WorkflowError(.invalidMultiplePrescription)) {
            try Self.mvo(numerator, of: denominator).validate(flowtype: .pharmacyGKV, authoredOn: Self.authoredOn, legalBasis: nil)
        }
    }

    @Test("A_22627-01: only 160/169/200/209", arguments: Flowtype.allCases)
    func flowtypes(flowtype: Flowtype) {
        let result = Result { () throws(WorkflowError) in
            try Self.mvo().validate(flowtype: flowtype, authoredOn: Self.authoredOn, legalBasis: nil)
        }
        let allowed: Set<Flowtype> = [.pharmacyGKV, .directAssignmentGKV, .pharmacyPKV, .directAssignmentPKV]
        #expect(((try? result.get()) != nil) == allowed.contains(flowtype))
    }

    @Test("§6 step 14: no MVO for discharge (04/14) or replacement (10/11/17) prescriptions", arguments: ["04", "14", "10", "11", "17"])
    func legalBasis(code: String) {
        #expect(throws: WorkflowError(.invalidMultiplePrescription)) {
            try Self.mvo().validate(flowtype: .pharmacyGKV, authoredOn: Self.authoredOn, legalBasis: LegalBasis(code: code))
        }
    }

    @Test("an ordinary legal basis is fine")
    func ordinaryLegalBasis() throws {
        try Self.mvo().validate(flowtype: .pharmacyGKV, authoredOn: Self.authoredOn, legalBasis: LegalBasis(code: "00"))
    }

    @Test("§6 step 14: the period needs a start not before authoredOn and an end not before the start")
    func period() {
        for broken in [Self.mvo(start: nil), Self.mvo(start: "2026-03-14"), Self.mvo(start: "2026-04-01", end: "2026-03-31"), Self.mvo(id: "")] {
            #expect(throws: WorkflowError(.invalidMultiplePrescription)) {
                try broken.validate(flowtype: .pharmacyGKV, authoredOn: Self.authoredOn, legalBasis: nil)
            }
        }
    }

    @Test("§6 step 14: a prescription that is no MVO carries no MVO extensions")
    func absent() throws {
        try MultiplePrescription.checkAbsent(hasNumbering: false, hasPeriod: false)
        #expect(throws: WorkflowError(.invalidMultiplePrescription)) { try MultiplePrescription.checkAbsent(hasNumbering: true, hasPeriod: false) }
        #expect(throws: WorkflowError(.invalidMultiplePrescription)) { try MultiplePrescription.checkAbsent(hasNumbering: false, hasPeriod: true) }
    }

    @Test("A_22635-02: a part whose period has not started is not redeemable yet")
    func redeemable() throws {
        let part = Self.mvo(2, of: 4, start: "2026-04-15", id: "MVO-1")
        try part.checkRedeemable(today: CalendarDate(iso: "2026-04-15")!)
        do {
            try part.checkRedeemable(today: CalendarDate(iso: "2026-04-14")!)
            Issue.record("expected an error")
        } catch {
            #expect(error == WorkflowError(.prescriptionNotYetRedeemable))
            #expect(error.httpStatus == 403)
            #expect(error.reason == "Teilverordnung zur Mehrfachverordnung MVO-1 ist ab 15.04.2026 einlösbar.")
        }
    }
}
