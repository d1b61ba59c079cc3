// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

extension DERDecoding {
    /// Whether `identifier` is one of the ASN.1 character string types X.509 names and the Admission use.
    static func isStringType(_ identifier: ASN1Identifier) -> Bool {
        identifier.tagClass == .universal && [12, 18, 19, 20, 22, 26, 28, 30].contains(identifier.tagNumber)
    }

    /// Decodes a character string of any type used in certificates: DirectoryString (RFC 5280 §4.1.2.4:
    /// UTF8String, PrintableString, TeletexString, UniversalString, BMPString) plus IA5String, VisibleString and
    /// NumericString.
    ///
    /// TeletexString is read as ISO 8859-1, as OpenSSL and most verifiers do (RFC 5280 §4.1.2.4 discourages it).
    static func string(_ node: ASN1Node, _ context: String) throws(TICryptoError) -> String {
        guard isStringType(node.identifier), case .primitive(let bytes) = node.content else {
            throw TICryptoError(.invalidTag, reason: "\(context): expected a character string, found \(node.identifier)")
        }
        switch node.identifier.tagNumber {
        case 12:  // UTF8String
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw TICryptoError(.invalidString, reason: "\(context): invalid UTF-8")
            }
            return text
        case 18, 19, 22, 26:  // NumericString, PrintableString, IA5String, VisibleString: ASCII subsets
            guard bytes.allSatisfy({ $0 < 0x80 }) else {
                throw TICryptoError(.invalidString, reason: "\(context): non-ASCII byte in \(node.identifier)")
            }
            return String(decoding: bytes, as: UTF8.self)
        case 20:  // TeletexString, read as Latin-1
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case 30:  // BMPString: UCS-2 big-endian
            guard bytes.count.isMultiple(of: 2) else { throw TICryptoError(.invalidString, reason: "\(context): odd BMPString") }
            var units: [UInt16] = []
            var index = bytes.startIndex
            while index < bytes.endIndex {
                units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
                index += 2
            }
            guard let text = String(validating: units, as: UTF16.self) else {
                throw TICryptoError(.invalidString, reason: "\(context): invalid BMPString")
            }
            return text
        default:  // 28, UniversalString: UCS-4 big-endian
            guard bytes.count.isMultiple(of: 4) else { throw TICryptoError(.invalidString, reason: "\(context): bad UniversalString") }
            var scalars = String.UnicodeScalarView()
            var index = bytes.startIndex
            while index < bytes.endIndex {
                let value = bytes[index..<index + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                guard let scalar = Unicode.Scalar(value) else {
                    throw TICryptoError(.invalidString, reason: "\(context): invalid UniversalString")
                }
                scalars.append(scalar)
                index += 4
            }
            return String(scalars)
        }
    }

    /// An IA5String (e.g. a URI or e-mail address in a GeneralName), optionally under an implicit tag.
    static func ia5String(_ node: ASN1Node, _ context: String, tag: ASN1Identifier = .ia5String) throws(TICryptoError) -> String {
        let bytes = try primitive(node, tag, context)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { throw TICryptoError(.invalidString, reason: "\(context): non-ASCII IA5String") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
