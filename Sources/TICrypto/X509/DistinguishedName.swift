// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

/// An X.501 `Name` as used for certificate issuer and subject (RFC 5280 §4.1.2.4), kept in encoded order.
///
/// `Name ::= SEQUENCE OF RelativeDistinguishedName`, `RelativeDistinguishedName ::= SET OF AttributeTypeAndValue`.
/// Telematics certificates use multi-valued RDNs (e.g. `SN + serialNumber + GN + CN` in HBA certificates), so the
/// RDN structure is preserved. For chain matching compare the raw DER (``TelematikCertificate/issuerDER``) or
/// the whole value; ``description`` is for display and logs.
public struct DistinguishedName: Hashable, Sendable, CustomStringConvertible {
    /// One `AttributeTypeAndValue` (X.501): an attribute type OID and its value as text.
    public struct Attribute: Hashable, Sendable {
        /// The attribute type, e.g. `2.5.4.3` (commonName).
        public let oid: OID
        /// The value decoded from its string type; a value that is not a character string is given as `#` followed by
        /// the hex of its DER encoding, as RFC 4514 §2.4 writes it.
        public let value: String

        /// Creates an attribute.
        public init(oid: OID, value: String) {
            self.oid = oid
            self.value = value
        }
    }

    /// One RDN: a non-empty set of attributes, in encoded order.
    public struct RelativeDistinguishedName: Hashable, Sendable {
        /// The attributes of this RDN (more than one for a multi-valued RDN).
        public let attributes: [Attribute]

        /// Creates an RDN.
        public init(attributes: [Attribute]) { self.attributes = attributes }
    }

    /// The RDNs in encoded order (most significant first, normally starting with `C`).
    public let rdns: [RelativeDistinguishedName]

    /// Creates a name from RDNs.
    public init(rdns: [RelativeDistinguishedName]) { self.rdns = rdns }

    /// All attributes in encoded order, flattening multi-valued RDNs.
    public var attributes: [Attribute] { rdns.flatMap(\.attributes) }

    /// All values of attribute type `oid`, in encoded order.
    public func values(of oid: OID) -> [String] { attributes.filter { $0.oid == oid }.map(\.value) }

    /// The first value of attribute type `oid`.
    public func first(_ oid: OID) -> String? { attributes.first { $0.oid == oid }?.value }

    /// `commonName` (2.5.4.3).
    public var commonName: String? { first(AttributeType.commonName) }
    /// `organizationName` (2.5.4.10).
    public var organizationName: String? { first(AttributeType.organizationName) }
    /// All `organizationalUnitName` values (2.5.4.11); in eGK certificates one of them carries the KVNR.
    public var organizationalUnitNames: [String] { values(of: AttributeType.organizationalUnitName) }
    /// `countryName` (2.5.4.6).
    public var country: String? { first(AttributeType.countryName) }
    /// `givenName` (2.5.4.42).
    public var givenName: String? { first(AttributeType.givenName) }
    /// `surname` (2.5.4.4).
    public var surname: String? { first(AttributeType.surname) }
    /// The `serialNumber` attribute (2.5.4.5); in TI card certificates the card's ICCSN-based number.
    public var serialNumber: String? { first(AttributeType.serialNumber) }

    /// An RFC 4514 string: RDNs in reverse order separated by `,`, the attributes of a multi-valued RDN joined with
    /// `+` (also in reverse order, as OpenSSL prints them; RFC 4514 §2.2 allows any order), values escaped per
    /// RFC 4514 §2.4 and non-ASCII characters written as UTF-8.
    ///
    /// Attribute type names are those OpenSSL prints with `-nameopt RFC2253` (RFC 4514 §3 plus `SN`, `GN`,
    /// `serialNumber`, `title`, `emailAddress` …); unknown types are written as dotted OIDs. The output therefore
    /// equals `openssl x509 -noout -subject -nameopt RFC2253,-esc_msb` for string-valued names.
    public var description: String {
        rdns.reversed().map { rdn in
            rdn.attributes.reversed().map { "\(AttributeType.shortName(of: $0.oid))=\(Self.escape($0.value))" }.joined(separator: "+")
        }.joined(separator: ",")
    }

    /// Escapes a value per RFC 4514 §2.4 (values that are `#hex` already are written as they are).
    static func escape(_ value: String) -> String {
        if value.hasPrefix("#"), value.count > 1, value.dropFirst().allSatisfy(\.isHexDigit) { return value }
        var out = ""
        let scalars = Array(value.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\"", "+", ",", ";", "<", ">", "\\":
                out += "\\" + String(scalar)
            case "#" where index == 0, " " where index == 0 || index == scalars.count - 1:
                out += "\\" + String(scalar)
            case "\0":
                out += "\\00"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension DistinguishedName {
    /// Parses `Name` (RFC 5280 §4.1.2.4) from its DER node.
    init(node: ASN1Node, context: String) throws(TICryptoError) {
        var sequence = try DERCursor(node, .sequence, context)
        var rdns: [RelativeDistinguishedName] = []
        for rdnNode in sequence.rest() {
            var set = try DERCursor(rdnNode, .set, "\(context).RDN")
            var attributes: [Attribute] = []
            for atvNode in set.rest() {
                var atv = try DERCursor(atvNode, .sequence, "\(context).AttributeTypeAndValue")
                let type = try DERDecoding.oid(try atv.next(.objectIdentifier, "type"), "\(context).type")
                let valueNode = try atv.next("value")
                try atv.finish()
                let value: String
                if DERDecoding.isStringType(valueNode.identifier) {
                    value = try DERDecoding.string(valueNode, "\(context).\(type)")
                } else {
                    value = "#" + DERDecoding.hex(valueNode.encodedBytes)
                }
                attributes.append(Attribute(oid: type, value: value))
            }
            // X.501: a RelativeDistinguishedName is SET SIZE (1..MAX).
            guard !attributes.isEmpty else { throw TICryptoError(.invalidStructure, reason: "\(context): empty RDN") }
            rdns.append(RelativeDistinguishedName(attributes: attributes))
        }
        self.init(rdns: rdns)
    }
}
