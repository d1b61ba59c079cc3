// SPDX-License-Identifier: Apache-2.0

import Testing
import Workflow

struct GermanHolidaysTests {
    @Test(
        "Easter Sunday",
        arguments: [
            (2000, "2000-04-23"), (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25"),
        ]
    )
    func easter(year: Int, expected: String) {
        #expect(GermanHolidays.easterSunday(year: year).description == expected)
    }

    @Test("the nine nation-wide holidays of 2026")
    func holidays2026() {
        let holidays = (0..<365).map { CalendarDate(iso: "2026-01-01")!.adding(days: $0) }.filter(GermanHolidays.isNationwideHoliday)
        #expect(
            holidays.map(\.description) == [
                "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25", "2026-10-03", "2026-12-25",
                "2026-12-26",
            ]
        )
    }

    @Test("A_19517-04: two working days count Saturdays but skip Sundays and holidays")
    func workingDays() {
        // Friday → Saturday (1), Monday (2).
        #expect(GermanHolidays.adding(workingDays: 2, to: CalendarDate(iso: "2026-03-13")!).description == "2026-03-16")
        // Maundy Thursday → (Good Friday) Saturday (1), (Sunday, Easter Monday) Tuesday (2).
        #expect(GermanHolidays.adding(workingDays: 2, to: CalendarDate(iso: "2026-04-02")!).description == "2026-04-07")
        // Tuesday → Wednesday, Thursday.
        #expect(GermanHolidays.adding(workingDays: 2, to: CalendarDate(iso: "2026-03-10")!).description == "2026-03-12")
        #expect(GermanHolidays.isWorkingDay(CalendarDate(iso: "2026-03-14")!))
        #expect(!GermanHolidays.isWorkingDay(CalendarDate(iso: "2026-03-15")!))
    }
}
