// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// The calendar of Germany (Gregorian, zone `Europe/Berlin`): expiry and accept dates, `authoredOn` and "today" are
/// German calendar days (spec/fd-api.md §1.3: times without zone are German local time; §6 step 9).
public enum GermanCalendar {
    /// The IANA zone of Germany.
    public static let timeZone: TimeZone = TimeZone(identifier: "Europe/Berlin") ?? TimeZone(secondsFromGMT: 3600)!

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// The German calendar day on which `instant` falls.
    public static func date(of instant: Date) -> CalendarDate {
        let parts = self.calendar.dateComponents([.year, .month, .day], from: instant)
        guard let year = parts.year, let month = parts.month, let day = parts.day,
            let date = CalendarDate(year: year, month: month, day: day)
        else {
            preconditionFailure("Gregorian calendar returned no valid date for \(instant)")
        }
        return date
    }

    /// Today in Germany according to `clock`.
    public static func today(_ clock: some WallClock) -> CalendarDate {
        self.date(of: clock.now)
    }

    /// The first instant of a German calendar day (00:00 local time, 23:00 or 22:00 UTC the day before).
    public static func startOfDay(_ date: CalendarDate) -> Date {
        let components = DateComponents(year: date.year, month: date.month, day: date.day)
        guard let instant = self.calendar.date(from: components) else {
            preconditionFailure("Gregorian calendar cannot represent \(date)")
        }
        return instant
    }
}
