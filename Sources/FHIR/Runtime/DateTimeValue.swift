// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// A FHIR `date`, `dateTime` or `instant`, kept exactly as written, with its precision and time zone.
///
/// FHIR allows partial dates (`2024`, `2024-03`, `2024-03-15`) and, for `dateTime`, a time with seconds,
/// optional fractional seconds and a required time zone (`2024-03-15T10:30:00.250+01:00`).
public struct DateTimeValue: FHIRLexicalValue {
    /// How much of the date and time the value gives.
    public enum Precision: Int, Sendable, Comparable {
        case year, month, day, second

        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let lexical: String
    public let precision: Precision
    public let year: Int
    public let month: Int?
    public let day: Int?
    public let hour: Int?
    public let minute: Int?
    public let second: Int?
    /// The fractional seconds digits as written, without the dot.
    public let fraction: String?
    /// The offset from UTC in minutes; `nil` for a value without time.
    public let utcOffsetMinutes: Int?

    /// Parses the `dateTime` lexical form (which includes the `date` and `instant` forms).
    public init?(lexical: String) {
        let bytes = Array(lexical.utf8)
        var index = 0
        guard let year = Lexical.number(bytes, &index, count: 4), year > 0 else { return nil }
        self.lexical = lexical
        self.year = year
        var month: Int?
        var day: Int?
        var hour: Int?
        var minute: Int?
        var second: Int?
        var fraction: String?
        var offset: Int?
        var precision = Precision.year
        if Lexical.consume(UInt8(ascii: "-"), bytes, &index) {
            guard let parsedMonth = Lexical.number(bytes, &index, count: 2), (1...12).contains(parsedMonth) else { return nil }
            month = parsedMonth
            precision = .month
            if Lexical.consume(UInt8(ascii: "-"), bytes, &index) {
                guard let parsedDay = Lexical.number(bytes, &index, count: 2),
                    (1...DateTimeValue.days(inMonth: parsedMonth, year: year)).contains(parsedDay)
                else { return nil }
                day = parsedDay
                precision = .day
                if Lexical.consume(UInt8(ascii: "T"), bytes, &index) {
                    guard let time = TimeValue.parse(bytes, &index) else { return nil }
                    (hour, minute, second, fraction) = (time.hour, time.minute, time.second, time.fraction)
                    precision = .second
                    // A time requires a time zone.
                    guard let zone = DateTimeValue.parseZone(bytes, &index) else { return nil }
                    offset = zone
                }
            }
        }
        guard index == bytes.count else { return nil }
        (self.month, self.day, self.hour, self.minute, self.second) = (month, day, hour, minute, second)
        self.fraction = fraction
        self.utcOffsetMinutes = offset
        self.precision = precision
    }

    /// The instant the value denotes, when it has a time; a date alone denotes no instant.
    public var date: Date? {
        guard precision == .second, let month, let day, let hour, let minute, let second, let utcOffsetMinutes else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        (components.hour, components.minute, components.second) = (hour, minute, min(second, 59))
        components.timeZone = TimeZone(secondsFromGMT: utcOffsetMinutes * 60)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        guard let whole = calendar.date(from: components) else { return nil }
        return whole.addingTimeInterval(Double("0." + (fraction ?? "0")) ?? 0)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Parses `Z` or `(+|-)hh:mm` (hours up to 14:00), returning minutes east of UTC.
    static func parseZone(_ bytes: [UInt8], _ index: inout Int) -> Int? {
        if Lexical.consume(UInt8(ascii: "Z"), bytes, &index) { return 0 }
        let sign: Int
        if Lexical.consume(UInt8(ascii: "+"), bytes, &index) {
            sign = 1
        } else if Lexical.consume(UInt8(ascii: "-"), bytes, &index) {
            sign = -1
        } else {
            return nil
        }
        guard let hours = Lexical.number(bytes, &index, count: 2), Lexical.consume(UInt8(ascii: ":"), bytes, &index),
            let minutes = Lexical.number(bytes, &index, count: 2), minutes < 60, hours < 14 || (hours == 14 && minutes == 0)
        else { return nil }
        return sign * (hours * 60 + minutes)
    }
}

/// A FHIR `time`: `hh:mm:ss` with optional fractional seconds, no time zone.
public struct TimeValue: FHIRLexicalValue {
    public let lexical: String
    public let hour: Int
    public let minute: Int
    public let second: Int
    /// The fractional seconds digits as written, without the dot.
    public let fraction: String?

    public init?(lexical: String) {
        let bytes = Array(lexical.utf8)
        var index = 0
        guard let time = TimeValue.parse(bytes, &index), index == bytes.count else { return nil }
        self.lexical = lexical
        (hour, minute, second, fraction) = (time.hour, time.minute, time.second, time.fraction)
    }

    /// Parses `hh:mm:ss(.f+)?` at `index`; seconds may be 60 (leap second) as FHIR allows.
    static func parse(_ bytes: [UInt8], _ index: inout Int) -> (hour: Int, minute: Int, second: Int, fraction: String?)? {
        guard let hour = Lexical.number(bytes, &index, count: 2), hour < 24, Lexical.consume(UInt8(ascii: ":"), bytes, &index),
            let minute = Lexical.number(bytes, &index, count: 2), minute < 60, Lexical.consume(UInt8(ascii: ":"), bytes, &index),
            let second = Lexical.number(bytes, &index, count: 2), second <= 60
        else { return nil }
        var fraction: String?
        if Lexical.consume(UInt8(ascii: "."), bytes, &index) {
            let start = index
            while index < bytes.count, Lexical.isDigit(bytes[index]) { index += 1 }
            guard index > start else { return nil }
            fraction = String(decoding: bytes[start..<index], as: UTF8.self)
        }
        return (hour, minute, second, fraction)
    }
}
