// SPDX-License-Identifier: Apache-2.0

/// Computes the DER of an Admission extension value (Common PKI Part 9, `AdmissionSyntax`) for an OpenSSL config line
/// `1.3.36.8.3.3 = DER:<hex>`:
///
/// ```
/// AdmissionSyntax ::= SEQUENCE { contentsOfAdmissions SEQUENCE OF Admissions }
/// Admissions ::= SEQUENCE { professionInfos SEQUENCE OF ProfessionInfo }
/// ProfessionInfo ::= SEQUENCE { professionItems SEQUENCE OF DirectoryString, professionOIDs SEQUENCE OF OID,
///                               registrationNumber PrintableString }
/// ```
enum AdmissionDER {
    /// The extension value for one profession.
    static func value(professionItem: String, professionOID: [UInt], registrationNumber: String) -> [UInt8] {
        let info = sequence(
            sequence(tlv(0x0C, Array(professionItem.utf8))),
            sequence(oid(professionOID)),
            tlv(0x13, Array(registrationNumber.utf8))
        )
        return sequence(sequence(sequence(sequence(info))))
    }

    /// Lowercase hex, as OpenSSL's `DER:` wants it.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }

    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var length: [UInt8]
        if content.count < 0x80 {
            length = [UInt8(content.count)]
        } else {
            length = []
            var remaining = content.count
            while remaining > 0 {
                length.insert(UInt8(remaining & 0xFF), at: 0)
                remaining >>= 8
            }
            length.insert(0x80 | UInt8(length.count), at: 0)
        }
        return [tag] + length + content
    }

    static func sequence(_ elements: [UInt8]...) -> [UInt8] { tlv(0x30, elements.flatMap { $0 }) }

    static func oid(_ arcs: [UInt]) -> [UInt8] {
        var content: [UInt8] = []
        for arc in [arcs[0] * 40 + arcs[1]] + arcs.dropFirst(2) {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 {
                chunk.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
                rest >>= 7
            }
            content += chunk
        }
        return tlv(0x06, content)
    }
}
