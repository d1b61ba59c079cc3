// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

extension DistinguishedName {
    /// A name with one attribute per RDN, in the order X.509 names of the TI use: `C`, `O`, each `OU`, `title`,
    /// `givenName`, `surname`, `serialNumber`, `CN`. Absent values are left out.
    public init(
        country: String? = "DE",
        organization: String? = nil,
        organizationalUnits: [String] = [],
        title: String? = nil,
        givenName: String? = nil,
        surname: String? = nil,
        serialNumber: String? = nil,
        commonName: String? = nil
    ) {
        var attributes: [Attribute] = []
        if let country { attributes.append(Attribute(oid: AttributeType.countryName, value: country)) }
        if let organization { attributes.append(Attribute(oid: AttributeType.organizationName, value: organization)) }
        for unit in organizationalUnits { attributes.append(Attribute(oid: AttributeType.organizationalUnitName, value: unit)) }
        if let title { attributes.append(Attribute(oid: AttributeType.title, value: title)) }
        if let givenName { attributes.append(Attribute(oid: AttributeType.givenName, value: givenName)) }
        if let surname { attributes.append(Attribute(oid: AttributeType.surname, value: surname)) }
        if let serialNumber { attributes.append(Attribute(oid: AttributeType.serialNumber, value: serialNumber)) }
        if let commonName { attributes.append(Attribute(oid: AttributeType.commonName, value: commonName)) }
        self.init(rdns: attributes.map { RelativeDistinguishedName(attributes: [$0]) })
    }

    /// The DER `Name` (RFC 5280 §4.1.2.4).
    ///
    /// `countryName` and `serialNumber` are PrintableString (RFC 5280 Appendix A), every other value UTF8String, which
    /// RFC 5280 §4.1.2.6 asks of new certificates. A value written as `#` plus hex (RFC 4514 §2.4) is inserted as the
    /// DER it denotes. The attributes of a multi-valued RDN are sorted as DER requires for a SET OF.
    /// - Throws: `invalidCertificateField` for an empty RDN, an invalid country or serial number, or a bad `#hex` value.
    func derEncoded() throws(TICryptoError) -> [UInt8] {
        var rdnEncodings: [[UInt8]] = []
        for rdn in self.rdns {
            guard !rdn.attributes.isEmpty else { throw TICryptoError(.invalidCertificateField, reason: "empty RDN") }
            var encodings: [[UInt8]] = []
            for attribute in rdn.attributes { encodings.append(try Self.encode(attribute)) }
            encodings.sort { $0.lexicographicallyPrecedes($1) }
            rdnEncodings.append(
                try DERWriter.encode("RDN") { coder in
                    coder.appendConstructedNode(identifier: .set) { set in
                        for encoding in encodings { set.serializeRawBytes(encoding) }
                    }
                }
            )
        }
        return try DERWriter.encode("Name") { coder in
            try coder.appendSequence { sequence in
                for encoding in rdnEncodings { sequence.serializeRawBytes(encoding) }
            }
        }
    }

    private static func encode(_ attribute: Attribute) throws(TICryptoError) -> [UInt8] {
        let printableOnly = attribute.oid == AttributeType.countryName || attribute.oid == AttributeType.serialNumber
        if printableOnly, !DERWriter.isPrintable(attribute.value) {
            throw TICryptoError(.invalidCertificateField, reason: "\(attribute.oid) must be a PrintableString: \(attribute.value)")
        }
        let raw = try Self.rawValue(attribute.value)
        return try DERWriter.encode("AttributeTypeAndValue \(attribute.oid)") { coder in
            try coder.appendSequence { sequence in
                try sequence.appendOID(attribute.oid)
                if let raw {
                    sequence.serializeRawBytes(raw)
                } else {
                    try sequence.appendDirectoryString(attribute.value, preferPrintable: printableOnly)
                }
            }
        }
    }

    /// The DER of a `#hex` value (RFC 4514 §2.4), or nil for an ordinary string.
    private static func rawValue(_ value: String) throws(TICryptoError) -> [UInt8]? {
        guard value.hasPrefix("#"), value.count > 1, value.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
        let digits = Array(value.dropFirst())
        guard digits.count.isMultiple(of: 2) else { throw TICryptoError(.invalidCertificateField, reason: "odd-length #hex value") }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(digits[index...index + 1]), radix: 16) else {
                throw TICryptoError(.invalidCertificateField, reason: "invalid #hex value")
            }
            bytes.append(byte)
        }
        return bytes
    }
}
