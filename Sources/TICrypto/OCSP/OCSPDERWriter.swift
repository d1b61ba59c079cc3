// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A minimal DER (X.690) writer for the OCSP structures this module emits (RFC 6960 §4), on top of ``ECDER``.
enum OCSPDERWriter {
    /// `tag ‖ length ‖ content`.
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] { ECDER.tlv(tag, content) }

    /// A SEQUENCE of already encoded elements.
    static func sequence(_ elements: [[UInt8]]) -> [UInt8] { tlv(0x30, elements.flatMap { $0 }) }

    /// `[number] EXPLICIT` around one encoded element.
    static func explicit(_ number: UInt8, _ element: [UInt8]) -> [UInt8] { tlv(0xA0 | number, element) }

    /// An INTEGER from its content octets as they were read (two's complement, already minimal).
    static func integer(contentOctets: [UInt8]) -> [UInt8] { tlv(0x02, contentOctets) }

    /// An OCTET STRING.
    static func octetString(_ bytes: [UInt8]) -> [UInt8] { tlv(0x04, bytes) }

    /// A BIT STRING without unused bits.
    static func bitString(_ bytes: [UInt8]) -> [UInt8] { tlv(0x03, [0] + bytes) }

    /// NULL.
    static let null: [UInt8] = [0x05, 0x00]

    /// An ENUMERATED with a small non-negative value.
    static func enumerated(_ value: UInt8) -> [UInt8] { value < 0x80 ? tlv(0x0A, [value]) : tlv(0x0A, [0, value]) }

    /// An OBJECT IDENTIFIER (X.690 §8.19).
    static func oid(_ oid: OID) -> [UInt8] {
        let arcs = oid.arcs
        var content = base128(arcs[0] * 40 + arcs[1])
        for arc in arcs.dropFirst(2) { content += base128(arc) }
        return tlv(0x06, content)
    }

    /// `AlgorithmIdentifier` with optional parameters.
    static func algorithm(_ oid: OID, parameters: [UInt8]? = nil) -> [UInt8] {
        sequence([self.oid(oid)] + (parameters.map { [$0] } ?? []))
    }

    /// A GeneralizedTime `YYYYMMDDHHMMSSZ` (RFC 5280 §4.1.2.5.2: UTC, whole seconds), as RFC 6960 uses it.
    static func generalizedTime(_ date: Date) -> [UInt8] {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var yearText = String(year)
        while yearText.count < 4 { yearText = "0" + yearText }
        let text =
            yearText + two(month) + two(day) + two(secondOfDay / 3_600) + two(secondOfDay / 60 % 60) + two(secondOfDay % 60) + "Z"
        return tlv(0x18, Array(text.utf8))
    }

    /// Year, month, day of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func base128(_ value: UInt) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(value & 0x7F)]
        var rest = value >> 7
        while rest > 0 {
            bytes.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
            rest >>= 7
        }
        return bytes
    }
}
