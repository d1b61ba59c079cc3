// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

/// `GeneralName` (RFC 5280 §4.2.1.6), as found in subjectAltName, authorityInfoAccess and the Admission extension.
public enum GeneralName: Hashable, Sendable {
    /// `rfc822Name [1] IA5String`: an e-mail address.
    case email(String)
    /// `dNSName [2] IA5String`.
    case dns(String)
    /// `directoryName [4] Name`.
    case directoryName(DistinguishedName)
    /// `uniformResourceIdentifier [6] IA5String`.
    case uri(String)
    /// `iPAddress [7] OCTET STRING`: 4 or 16 bytes (or 8/32 in name constraints).
    case ipAddress([UInt8])
    /// `registeredID [8] OBJECT IDENTIFIER`.
    case registeredID(OID)
    /// `otherName [0]`, `x400Address [3]` or `ediPartyName [5]`, kept as the tag number and the whole DER element.
    case other(tag: UInt, der: [UInt8])
}

extension GeneralName {
    /// Parses one `GeneralName` choice.
    init(node: ASN1Node, context: String) throws(TICryptoError) {
        guard node.identifier.tagClass == .contextSpecific else {
            throw TICryptoError(.invalidTag, reason: "\(context): GeneralName must be context-tagged, found \(node.identifier)")
        }
        let number = node.identifier.tagNumber
        switch number {
        case 1: self = .email(try DERDecoding.ia5String(node, context, tag: .context(1)))
        case 2: self = .dns(try DERDecoding.ia5String(node, context, tag: .context(2)))
        case 4:
            // Name is a CHOICE, so the [4] tag is explicit (RFC 5280 Appendix A.2 uses IMPLICIT TAGS except for CHOICE).
            var wrapper = try DERCursor(node, .context(4), "\(context).directoryName")
            let name = try DistinguishedName(node: try wrapper.next(.sequence, "Name"), context: "\(context).directoryName")
            try wrapper.finish()
            self = .directoryName(name)
        case 6: self = .uri(try DERDecoding.ia5String(node, context, tag: .context(6)))
        case 7: self = .ipAddress(try DERDecoding.octetString(node, context, tag: .context(7)))
        case 8: self = .registeredID(try DERDecoding.oid(node, context, tag: .context(8)))
        case 0, 3, 5:
            guard node.isConstructedNode else { throw TICryptoError(.invalidTag, reason: "\(context): [\(number)] must be constructed") }
            self = .other(tag: number, der: Array(node.encodedBytes))
        default:
            throw TICryptoError(.invalidTag, reason: "\(context): unknown GeneralName tag [\(number)]")
        }
    }

    /// Parses `GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName`.
    static func sequence(
        _ node: ASN1Node,
        context: String,
        identifier: ASN1Identifier = .sequence
    )
        throws(TICryptoError) -> [GeneralName]
    {
        var cursor = try DERCursor(node, identifier, context)
        var names: [GeneralName] = []
        for child in cursor.rest() { names.append(try GeneralName(node: child, context: context)) }
        guard !names.isEmpty else { throw TICryptoError(.invalidStructure, reason: "\(context): empty GeneralNames") }
        return names
    }
}
