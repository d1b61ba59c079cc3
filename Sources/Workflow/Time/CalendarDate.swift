// SPDX-License-Identifier: Apache-2.0

/// A day of the proleptic Gregorian calendar without time or zone, such as an `expiryDate`, an `acceptDate` or a
/// FHIR `date` like `authoredOn`.
///
/// Arithmetic is done on day numbers (days since 1970-01-01), so it needs no calendar object and knows no DST.
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The year, e.g. 2026.
    public let year: Int
    /// The month, 1 … 12.
    public let month: Int
    /// The day of the month, 1 … 31.
    public let day: Int

    /// Creates a date; `nil` when the day does not exist (e.g. 2026-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date with the given day number (days since 1970-01-01).
    public init(dayNumber: Int) {
        // Inverse of `dayNumber` (H. Hinnant, "chrono-compatible low-level date algorithms", civil_from_days).
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        self.day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        self.month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.year = yearOfEra + era * 400 + (self.month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int {
        // H. Hinnant, days_from_civil.
        let y = self.month <= 2 ? self.year - 1 : self.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (self.month > 2 ? self.month - 3 : self.month + 9) + 2) / 5 + self.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let index = (self.dayNumber + 3) % 7
        return (index < 0 ? index + 7 : index) + 1
    }

    /// The date `days` days later (earlier if negative).
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: self.dayNumber + days)
    }

    /// The same day of the month `months` months later; a day that the target month lacks becomes its last day
    /// (2026-01-31 + 1 month = 2026-02-28).
    public func adding(months: Int) -> CalendarDate {
        let total = self.year * 12 + (self.month - 1) + months
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        let day = min(self.day, Self.daysIn(month: month, year: year))
        return CalendarDate(uncheckedYear: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        "\(Self.pad(self.year, 4))-\(Self.pad(self.month, 2))-\(Self.pad(self.day, 2))"
    }

    /// `dd.mm.yyyy`, the form of the Fachdienst's German messages ("Verordnung bis dd.mm.yyyy einlösbar.").
    public var germanDescription: String {
        "\(Self.pad(self.day, 2)).\(Self.pad(self.month, 2)).\(Self.pad(self.year, 4))"
    }

    /// Orders chronologically.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year.isMultiple(of: 4) && !year.isMultiple(of: 100)) || year.isMultiple(of: 400) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
