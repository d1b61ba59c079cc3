// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto

/// The time a certificate chain is checked at: `signing-time` (the CMS signing time, as the Fachdienst checks a
/// QES), `now`, or a date.
enum ReferenceTime: Equatable {
    case signingTime
    case now
    case date(Date)

    /// Parses `signing-time`, `now`, an ISO 8601 date-time (`2026-11-21T10:00:00Z`) or a date (`2026-11-21`,
    /// midnight UTC).
    init(_ text: String) throws(TICryptoError) {
        switch text {
        case "signing-time": self = .signingTime
        case "now": self = .now
        default: self = .date(try Self.date(text))
        }
    }

    /// An ISO 8601 date-time or date.
    static func date(_ text: String) throws(TICryptoError) -> Date {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day()) { return date }
        throw TICryptoError(.invalidParameter, reason: "not an ISO 8601 date or date-time: \(text)")
    }
}
