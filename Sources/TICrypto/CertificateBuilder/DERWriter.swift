// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import SwiftASN1

/// DER (X.690) writing functions on top of SwiftASN1's serializer, for the structures the certificate builder emits.
enum DERWriter {
    /// Runs `body` on a fresh serializer and returns the bytes; SwiftASN1 errors become `invalidCertificateField`.
    static func encode(_ context: String, _ body: (inout DER.Serializer) throws -> Void) throws(TICryptoError) -> [UInt8] {
        var serializer = DER.Serializer()
        do {
            try body(&serializer)
        } catch let error as TICryptoError {
            throw error
        } catch {
            throw TICryptoError(.invalidCertificateField, reason: "\(context): \(error)")
        }
        return serializer.serializedBytes
    }

    /// Whether every character of `text` is in the PrintableString repertoire (X.680 §41.4).
    static func isPrintable(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    true
                default:
                    " '()+,-./:=?".utf8.contains(byte)
                }
            }
    }

    /// The UTC calendar fields of `date` (whole seconds, truncated), without `Calendar`.
    static func utcFields(of date: Date) -> (year: Int, month: Int, day: Int, hours: Int, minutes: Int, seconds: Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(total) / 86_400).rounded(.down))
        let secondsOfDay = total - days * 86_400
        // H. Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secondsOfDay / 3_600, secondsOfDay % 3_600 / 60, secondsOfDay % 60)
    }
}

extension DER.Serializer {
    /// A non-negative INTEGER with big-endian magnitude `magnitude`, minimally encoded.
    mutating func appendUnsignedInteger(_ magnitude: [UInt8]) {
        var content = Array(magnitude.drop { $0 == 0 })
        if content.isEmpty || content[0] & 0x80 != 0 { content.insert(0, at: 0) }
        self.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: content) }
    }

    /// An OBJECT IDENTIFIER.
    mutating func appendOID(_ oid: OID) throws {
        try self.serialize(try ASN1ObjectIdentifier(elements: oid.arcs))
    }

    /// `Time ::= CHOICE { utcTime, generalTime }`: UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5).
    mutating func appendTime(_ date: Date) throws {
        let fields = DERWriter.utcFields(of: date)
        if (1950...2049).contains(fields.year) {
            try self.serialize(
                try UTCTime(
                    year: fields.year,
                    month: fields.month,
                    day: fields.day,
                    hours: fields.hours,
                    minutes: fields.minutes,
                    seconds: fields.seconds
                )
            )
        } else {
            try self.serialize(
                try GeneralizedTime(
                    year: fields.year,
                    month: fields.month,
                    day: fields.day,
                    hours: fields.hours,
                    minutes: fields.minutes,
                    seconds: fields.seconds,
                    fractionalSeconds: 0
                )
            )
        }
    }

    /// A DirectoryString: PrintableString when `preferPrintable` and the text allows it, UTF8String otherwise.
    mutating func appendDirectoryString(_ text: String, preferPrintable: Bool) throws {
        if preferPrintable, DERWriter.isPrintable(text) {
            try self.serialize(try ASN1PrintableString(text))
        } else {
            try self.serialize(ASN1UTF8String(text))
        }
    }

    /// An IA5String, optionally under an implicit context tag.
    mutating func appendIA5String(_ text: String, implicitTag: UInt? = nil) throws {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            throw TICryptoError(.invalidCertificateField, reason: "IA5String with non-ASCII characters: \(text)")
        }
        let identifier = implicitTag.map { ASN1Identifier(tagWithNumber: $0, tagClass: .contextSpecific) } ?? .ia5String
        self.appendPrimitiveNode(identifier: identifier) { $0.append(contentsOf: Array(text.utf8)) }
    }

    /// An OCTET STRING, optionally under an implicit context tag.
    mutating func appendOctetString(_ bytes: [UInt8], implicitTag: UInt? = nil) {
        let identifier = implicitTag.map { ASN1Identifier(tagWithNumber: $0, tagClass: .contextSpecific) } ?? .octetString
        self.appendPrimitiveNode(identifier: identifier) { $0.append(contentsOf: bytes) }
    }

    /// A BIT STRING with no unused bits.
    mutating func appendBitString(_ bytes: [UInt8], unusedBits: Int = 0) {
        self.appendPrimitiveNode(identifier: .bitString) {
            $0.append(UInt8(unusedBits))
            $0.append(contentsOf: bytes)
        }
    }

    /// A SEQUENCE whose content `body` writes.
    mutating func appendSequence(_ body: (inout DER.Serializer) throws -> Void) throws {
        try self.appendConstructedNode(identifier: .sequence, body)
    }

    /// A constructed context-specific element `[number]` (EXPLICIT tagging) whose content `body` writes.
    mutating func appendExplicit(_ number: UInt, _ body: (inout DER.Serializer) throws -> Void) throws {
        try self.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific), body)
    }
}
