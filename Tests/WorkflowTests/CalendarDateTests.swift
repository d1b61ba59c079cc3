// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing
import Workflow

struct CalendarDateTests {
    @Test("day numbers agree with Foundation's Gregorian calendar from 1900 to 2200")
    func dayNumbersAgreeWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        for dayNumber in stride(from: -25_567, through: 84_000, by: 13) {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(dayNumber) * 86_400))
            let date = CalendarDate(dayNumber: dayNumber)
            #expect(date.year == parts.year && date.month == parts.month && date.day == parts.day)
            #expect(date.dayNumber == dayNumber)
            // Foundation: 1 = Sunday … 7 = Saturday; ISO: 1 = Monday … 7 = Sunday.
            #expect(date.isoWeekday == (parts.weekday! + 5) % 7 + 1)
        }
    }

    @Test("months are added with clamping to the end of the month")
    func addingMonths() {
        let date = { (y: Int, m: Int, d: Int) in CalendarDate(year: y, month: m, day: d)! }
        #expect(date(2026, 1, 31).adding(months: 1) == date(2026, 2, 28))
        #expect(date(2024, 1, 31).adding(months: 1) == date(2024, 2, 29))
        #expect(date(2026, 11, 30).adding(months: 3) == date(2027, 2, 28))
        #expect(date(2026, 3, 15).adding(months: -3) == date(2025, 12, 15))
        #expect(date(2026, 12, 1).adding(months: 1) == date(2027, 1, 1))
    }

    @Test("only existing days can be created or parsed")
    func validation() {
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CalendarDate(iso: "2026-04-31") == nil)
        #expect(CalendarDate(iso: "2026-04") == nil)
        #expect(CalendarDate(iso: "2026-04-3a") == nil)
        #expect(CalendarDate(iso: "2026-04-30T10:00:00Z") == nil)
        #expect(CalendarDate(iso: "2026-04-30")?.description == "2026-04-30")
        #expect(CalendarDate(iso: "2026-04-03")?.germanDescription == "03.04.2026")
    }

    @Test("dates order chronologically")
    func ordering() {
        #expect(CalendarDate(iso: "2026-12-31")! < CalendarDate(iso: "2027-01-01")!)
        #expect(CalendarDate(iso: "2026-02-01")! > CalendarDate(iso: "2026-01-31")!)
    }
}
