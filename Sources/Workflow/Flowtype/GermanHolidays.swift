// SPDX-License-Identifier: Apache-2.0

/// Nation-wide public holidays in Germany and working days as A_19517-04 counts them (Monday to Saturday, excluding
/// nation-wide holidays; spec/fd-api.md §6 step 15).
public enum GermanHolidays {
    /// Whether `date` is a nation-wide public holiday.
    // Not specified in spec/fd-api.md §6 which days are nation-wide holidays; chosen: the nine holidays that every
    // German state keeps: New Year, Good Friday, Easter Monday, 1 May, Ascension, Whit Monday, 3 October, 25 and 26
    // December (Easter and Whit Sunday are Sundays anyway).
    public static func isNationwideHoliday(_ date: CalendarDate) -> Bool {
        switch (date.month, date.day) {
        case (1, 1), (5, 1), (10, 3), (12, 25), (12, 26):
            return true
        default:
            let easter = self.easterSunday(year: date.year).dayNumber
            return [easter - 2, easter + 1, easter + 39, easter + 50].contains(date.dayNumber)
        }
    }

    /// Whether `date` is a working day in the sense of A_19517-04: Monday to Saturday and not a nation-wide holiday.
    public static func isWorkingDay(_ date: CalendarDate) -> Bool {
        date.isoWeekday != 7 && !self.isNationwideHoliday(date)
    }

    /// The date `count` working days after `date` (A_19517-04).
    public static func adding(workingDays count: Int, to date: CalendarDate) -> CalendarDate {
        var result = date
        var remaining = count
        while remaining > 0 {
            result = result.adding(days: 1)
            if self.isWorkingDay(result) { remaining -= 1 }
        }
        return result
    }

    /// Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    public static func easterSunday(year: Int) -> CalendarDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            preconditionFailure("Easter computation produced an invalid date for \(year)")
        }
        return date
    }
}
