// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import SwiftASN1

extension DERDecoding {
    /// Decodes `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }` (RFC 5280 §4.1.2.5).
    ///
    /// RFC 5280 requires `YYMMDDHHMMSSZ` (UTCTime, years 1950–2049) or `YYYYMMDDHHMMSSZ` (GeneralizedTime, no fraction);
    /// SwiftASN1 enforces the DER forms. GeneralizedTime fractions, which RFC 5280 forbids, are rejected.
    static func time(_ node: ASN1Node, _ context: String) throws(TICryptoError) -> Date {
        let fields: (year: Int, month: Int, day: Int, hours: Int, minutes: Int, seconds: Int)
        do {
            switch node.identifier {
            case .utcTime:
                let time = try UTCTime(derEncoded: node)
                fields = (time.year, time.month, time.day, time.hours, time.minutes, time.seconds)
            case .generalizedTime:
                let time = try GeneralizedTime(derEncoded: node)
                guard time.fractionalSeconds == 0 else {
                    throw TICryptoError(.invalidTime, reason: "\(context): fractional seconds (RFC 5280 §4.1.2.5.2)")
                }
                fields = (time.year, time.month, time.day, time.hours, time.minutes, time.seconds)
            default:
                throw TICryptoError(.invalidTag, reason: "\(context): expected UTCTime or GeneralizedTime, found \(node.identifier)")
            }
        } catch let error as TICryptoError {
            throw error
        } catch {
            throw TICryptoError(.invalidTime, reason: "\(context): \(error)")
        }
        let days = daysFromCivil(year: fields.year, month: fields.month, day: fields.day)
        let seconds = days * 86_400 + fields.hours * 3_600 + fields.minutes * 60 + fields.seconds
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`), without `Calendar`.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
