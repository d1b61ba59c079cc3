// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

extension GeneralName {
    /// Writes this `GeneralName` (RFC 5280 §4.2.1.6; IMPLICIT tags except the explicit `[4]` around a Name).
    func serialize(into coder: inout DER.Serializer) throws {
        switch self {
        case .email(let address): try coder.appendIA5String(address, implicitTag: 1)
        case .dns(let name): try coder.appendIA5String(name, implicitTag: 2)
        case .directoryName(let name):
            let der = try name.derEncoded()
            try coder.appendExplicit(4) { $0.serializeRawBytes(der) }
        case .uri(let uri): try coder.appendIA5String(uri, implicitTag: 6)
        case .ipAddress(let bytes): coder.appendOctetString(bytes, implicitTag: 7)
        case .registeredID(let oid):
            let identifier = ASN1Identifier(tagWithNumber: 8, tagClass: .contextSpecific)
            try ASN1ObjectIdentifier(elements: oid.arcs).serialize(into: &coder, withIdentifier: identifier)
        case .other(_, let der): coder.serializeRawBytes(der)
        }
    }
}
