// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing
import Workflow

struct GermanCalendarTests {
    private static func instant(_ text: String) throws -> Date {
        try Date(text, strategy: .iso8601)
    }

    @Test(
        "the German calendar day of an instant, across both DST switches of 2026",
        arguments: [
            // Spring: 2026-03-29 01:00Z, clocks go from 02:00 CET to 03:00 CEST.
            ("2026-03-28T22:59:59Z", "2026-03-28"),
            ("2026-03-28T23:00:00Z", "2026-03-29"),
            ("2026-03-29T00:30:00Z", "2026-03-29"),
            ("2026-03-29T21:59:59Z", "2026-03-29"),
            ("2026-03-29T22:00:00Z", "2026-03-30"),
            // Autumn: 2026-10-25 01:00Z, clocks go from 03:00 CEST back to 02:00 CET.
            ("2026-10-24T21:59:59Z", "2026-10-24"),
            ("2026-10-24T22:00:00Z", "2026-10-25"),
            ("2026-10-25T22:30:00Z", "2026-10-25"),
            ("2026-10-25T22:59:59Z", "2026-10-25"),
            ("2026-10-25T23:00:00Z", "2026-10-26"),
            // New Year's Eve in winter time.
            ("2026-12-31T23:00:00Z", "2027-01-01"),
        ]
    )
    func dateOfInstant(utc: String, german: String) throws {
        #expect(GermanCalendar.date(of: try Self.instant(utc)).description == german)
    }

    @Test("the start of a German day is 23:00Z in winter and 22:00Z in summer")
    func startOfDay() throws {
        let day = { (text: String) in CalendarDate(iso: text)! }
        #expect(GermanCalendar.startOfDay(day("2026-03-29")) == (try Self.instant("2026-03-28T23:00:00Z")))
        #expect(GermanCalendar.startOfDay(day("2026-03-30")) == (try Self.instant("2026-03-29T22:00:00Z")))
        #expect(GermanCalendar.startOfDay(day("2026-10-25")) == (try Self.instant("2026-10-24T22:00:00Z")))
        #expect(GermanCalendar.startOfDay(day("2026-10-26")) == (try Self.instant("2026-10-25T23:00:00Z")))
    }

    @Test("today follows the injected clock")
    func todayFromClock() throws {
        let clock = FixedClock(try Self.instant("2026-10-25T23:30:00Z"))
        #expect(GermanCalendar.today(clock) == CalendarDate(year: 2026, month: 10, day: 26))
        #expect(clock.now == (try Self.instant("2026-10-25T23:30:00Z")))
        let before = Date()
        let now = SystemClock().now
        #expect(now >= before)
    }

    @Test("§6 step 9: authoredOn must be the German day of the QES signing time")
    func authoredOn() throws {
        let signed = try Self.instant("2026-03-28T23:30:00Z")  // 00:30 CET on 29 March
        try GermanCalendar.checkAuthoredOn(CalendarDate(year: 2026, month: 3, day: 29)!, signingTime: signed)
        #expect(throws: WorkflowError(.authoredOnMismatch)) {
            try GermanCalendar.checkAuthoredOn(CalendarDate(year: 2026, month: 3, day: 28)!, signingTime: signed)
        }
        #expect(WorkflowError.Code.authoredOnMismatch.detailCode == "TIFLOW_SIGNATURE_AUTHOREDON_MISMATCH")
    }
}
