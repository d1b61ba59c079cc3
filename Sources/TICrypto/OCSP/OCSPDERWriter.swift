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
        let fields = DERWriter.utcFields(of: date)
        func digits(_ value: Int, _ count: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, count - text.count)) + text
        }
        let text =
            digits(fields.year, 4) + digits(fields.month, 2) + digits(fields.day, 2) + digits(fields.hours, 2)
            + digits(fields.minutes, 2) + digits(fields.seconds, 2) + "Z"
        return tlv(0x18, Array(text.utf8))
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
