// SPDX-License-Identifier: Apache-2.0

extension TelematikCertificate {
    /// The raw extension with `oid`, if present.
    public func `extension`(_ oid: OID) -> CertificateExtension? { extensions.first { $0.oid == oid } }

    /// basicConstraints (RFC 5280 §4.2.1.9); `nil` when absent (then the subject is not a CA).
    public var basicConstraints: BasicConstraints? { decodedExtensions.basicConstraints }

    /// Whether basicConstraints says `cA TRUE`.
    public var isCA: Bool { basicConstraints?.isCA ?? false }

    /// keyUsage (RFC 5280 §4.2.1.3); `nil` when absent.
    public var keyUsage: KeyUsage? { decodedExtensions.keyUsage }

    /// extKeyUsage purposes (RFC 5280 §4.2.1.12); empty when absent.
    public var extendedKeyUsage: [OID] { decodedExtensions.extendedKeyUsage ?? [] }

    /// certificatePolicies policy identifiers (RFC 5280 §4.2.1.4); in the TI they name the certificate type,
    /// e.g. ``TelematikOID/hbaQES`` for C.HP.QES. Empty when absent.
    public var certificatePolicies: [OID] { decodedExtensions.certificatePolicies ?? [] }

    /// subjectKeyIdentifier (RFC 5280 §4.2.1.2).
    public var subjectKeyIdentifier: [UInt8]? { decodedExtensions.subjectKeyIdentifier }

    /// authorityKeyIdentifier's `keyIdentifier` (RFC 5280 §4.2.1.1): the issuer's subjectKeyIdentifier.
    public var authorityKeyIdentifier: [UInt8]? { decodedExtensions.authorityKeyIdentifier }

    /// authorityInfoAccess (RFC 5280 §4.2.2.1).
    public var authorityInformationAccess: AuthorityInformationAccess? { decodedExtensions.authorityInformationAccess }

    /// OCSP responder URLs from authorityInfoAccess; empty when none.
    public var ocspURLs: [String] { authorityInformationAccess?.ocspURLs ?? [] }

    /// caIssuers URLs from authorityInfoAccess; empty when none.
    public var caIssuersURLs: [String] { authorityInformationAccess?.caIssuersURLs ?? [] }

    /// subjectAltName entries (RFC 5280 §4.2.1.6); empty when absent.
    public var subjectAlternativeNames: [GeneralName] { decodedExtensions.subjectAlternativeNames ?? [] }

    /// The `statementId`s of the QCStatements extension (RFC 3739, ETSI EN 319 412-5), e.g. `0.4.0.1862.1.1`
    /// (QcCompliance); `nil` when the extension is absent.
    public var qcStatements: [OID]? { decodedExtensions.qcStatements }

    /// Whether the QCStatements extension is present (qualified certificates, such as HBA QES certificates).
    public var hasQCStatements: Bool { decodedExtensions.qcStatements != nil }

    /// The Admission extension (Common PKI Part 9, OID 1.3.36.8.3.3); `nil` when absent.
    public var admission: Admission? { decodedExtensions.admission }

    /// The OIDs of critical extensions this module does not decode (RFC 5280 §4.2: path validation must refuse them).
    public var unhandledCriticalExtensions: [OID] {
        extensions.filter { $0.isCritical && !CertificateExtension.handled.contains($0.oid) }.map(\.oid)
    }
}
