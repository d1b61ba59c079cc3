// SPDX-License-Identifier: Apache-2.0

public import Foundation

extension TestPKI {
    /// The validity periods of generated certificates.
    public enum Lifetime {
        /// notBefore of every certificate of a seeded PKI: 2025-01-01T00:00:00Z.
        public static let seededNotBefore = Date(timeIntervalSince1970: 1_735_689_600)
        /// How far notBefore of an unseeded PKI lies before its creation: one hour, to absorb clock skew.
        public static let backdating: TimeInterval = 3_600
        /// Years of validity of the root CA.
        public static let rootYears = 20
        /// Years of validity of an issuing CA.
        public static let caYears = 15
        /// Years of validity of an end-entity certificate.
        public static let endEntityYears = 10

        /// The years of validity for a certificate of `kind`.
        public static func years(for kind: Kind) -> Int {
            switch kind {
            case .rootCA: rootYears
            case .ca: caYears
            default: endEntityYears
            }
        }

        /// notBefore for a PKI: the fixed date with a seed, otherwise `now` minus ``backdating`` in whole seconds.
        static func notBefore(seeded: Bool, now: Date) -> Date {
            seeded ? seededNotBefore : Date(timeIntervalSince1970: (now.timeIntervalSince1970 - backdating).rounded(.down))
        }

        /// `date` plus `years` calendar years (UTC), same month, day and time of day.
        static func adding(years: Int, to date: Date) -> Date {
            let fields = DERWriter.utcFields(of: date)
            let days = DERDecoding.daysFromCivil(year: fields.year + years, month: fields.month, day: fields.day)
            let seconds = days * 86_400 + fields.hours * 3_600 + fields.minutes * 60 + fields.seconds
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
    }
}
