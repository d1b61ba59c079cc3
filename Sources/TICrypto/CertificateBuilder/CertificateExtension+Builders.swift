// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

extension CertificateExtension {
    /// `id-kp-serverAuth` 1.3.6.1.5.5.7.3.1 (RFC 5280 §4.2.1.12).
    public static let serverAuth: OID = "1.3.6.1.5.5.7.3.1"
    /// `id-kp-clientAuth` 1.3.6.1.5.5.7.3.2 (RFC 5280 §4.2.1.12).
    public static let clientAuth: OID = "1.3.6.1.5.5.7.3.2"
    /// `id-kp-OCSPSigning` 1.3.6.1.5.5.7.3.9 (RFC 5280 §4.2.1.12, RFC 6960 §4.2.2.2).
    public static let ocspSigning: OID = "1.3.6.1.5.5.7.3.9"

    /// basicConstraints (RFC 5280 §4.2.1.9), critical as RFC 5280 requires for CA certificates.
    /// - Parameters:
    ///   - isCA: `cA`; FALSE is the DEFAULT and therefore not encoded.
    ///   - pathLengthConstraint: `pathLenConstraint`, only meaningful for a CA.
    public static func basicConstraints(isCA: Bool, pathLengthConstraint: Int? = nil) throws(TICryptoError) -> CertificateExtension {
        let value = try DERWriter.encode("basicConstraints") { coder in
            try coder.appendSequence { sequence in
                if isCA { try sequence.serialize(true) }
                if let pathLengthConstraint { try sequence.serialize(pathLengthConstraint) }
            }
        }
        return CertificateExtension(oid: Self.basicConstraints, isCritical: true, value: value)
    }

    /// keyUsage (RFC 5280 §4.2.1.3), critical.
    public static func keyUsage(_ usage: KeyUsage) throws(TICryptoError) -> CertificateExtension {
        let encoding = usage.bitStringEncoding
        let value = try DERWriter.encode("keyUsage") { $0.appendBitString(encoding.bytes, unusedBits: encoding.unusedBits) }
        return CertificateExtension(oid: Self.keyUsage, isCritical: true, value: value)
    }

    /// extKeyUsage (RFC 5280 §4.2.1.12), not critical.
    public static func extendedKeyUsage(_ purposes: [OID]) throws(TICryptoError) -> CertificateExtension {
        let value = try DERWriter.encode("extKeyUsage") { coder in
            try coder.appendSequence { sequence in
                for purpose in purposes { try sequence.appendOID(purpose) }
            }
        }
        return CertificateExtension(oid: Self.extendedKeyUsage, isCritical: false, value: value)
    }

    /// subjectKeyIdentifier (RFC 5280 §4.2.1.2), not critical; see ``CertificatePublicKey/keyIdentifier``.
    public static func subjectKeyIdentifier(_ identifier: [UInt8]) throws(TICryptoError) -> CertificateExtension {
        let value = try DERWriter.encode("subjectKeyIdentifier") { $0.appendOctetString(identifier) }
        return CertificateExtension(oid: Self.subjectKeyIdentifier, isCritical: false, value: value)
    }

    /// authorityKeyIdentifier with only `keyIdentifier [0]` (RFC 5280 §4.2.1.1), not critical.
    public static func authorityKeyIdentifier(_ identifier: [UInt8]) throws(TICryptoError) -> CertificateExtension {
        let value = try DERWriter.encode("authorityKeyIdentifier") { coder in
            try coder.appendSequence { $0.appendOctetString(identifier, implicitTag: 0) }
        }
        return CertificateExtension(oid: Self.authorityKeyIdentifier, isCritical: false, value: value)
    }

    /// certificatePolicies with bare policy identifiers (RFC 5280 §4.2.1.4), not critical; in the TI they name the
    /// certificate type, e.g. ``TelematikOID/hbaQES``.
    public static func certificatePolicies(_ policies: [OID]) throws(TICryptoError) -> CertificateExtension {
        let value = try DERWriter.encode("certificatePolicies") { coder in
            try coder.appendSequence { sequence in
                for policy in policies {
                    try sequence.appendSequence { try $0.appendOID(policy) }
                }
            }
        }
        return CertificateExtension(oid: Self.certificatePolicies, isCritical: false, value: value)
    }

    /// authorityInfoAccess (RFC 5280 §4.2.2.1) with `id-ad-ocsp` and `id-ad-caIssuers` URIs, not critical.
    public static func authorityInformationAccess(
        ocspURLs: [String],
        caIssuersURLs: [String] = []
    ) throws(TICryptoError) -> CertificateExtension {
        let entries =
            ocspURLs.map { (AuthorityInformationAccess.ocspMethod, $0) }
            + caIssuersURLs.map { (AuthorityInformationAccess.caIssuersMethod, $0) }
        let value = try DERWriter.encode("authorityInfoAccess") { coder in
            try coder.appendSequence { sequence in
                for (method, url) in entries {
                    try sequence.appendSequence { description in
                        try description.appendOID(method)
                        try GeneralName.uri(url).serialize(into: &description)
                    }
                }
            }
        }
        return CertificateExtension(oid: Self.authorityInformationAccess, isCritical: false, value: value)
    }

    /// subjectAltName (RFC 5280 §4.2.1.6), not critical (the subject name is never empty here).
    public static func subjectAlternativeNames(_ names: [GeneralName]) throws(TICryptoError) -> CertificateExtension {
        guard !names.isEmpty else { throw TICryptoError(.invalidCertificateField, reason: "subjectAltName needs at least one name") }
        let value = try DERWriter.encode("subjectAltName") { coder in
            try coder.appendSequence { sequence in
                for name in names { try name.serialize(into: &sequence) }
            }
        }
        return CertificateExtension(oid: Self.subjectAltName, isCritical: false, value: value)
    }

    /// The Admission extension 1.3.36.8.3.3 (Common PKI Part 9), not critical, as TI certificates carry it.
    public static func admission(_ admission: Admission) throws(TICryptoError) -> CertificateExtension {
        CertificateExtension(oid: Self.admission, isCritical: false, value: try admission.derEncoded())
    }
}
