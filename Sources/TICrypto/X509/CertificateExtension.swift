// SPDX-License-Identifier: Apache-2.0

/// One raw `Extension` of a certificate (RFC 5280 §4.1.2.9): `SEQUENCE { extnID, critical DEFAULT FALSE, extnValue }`.
///
/// The typed accessors on ``TelematikCertificate`` (``TelematikCertificate/keyUsage``, ``TelematikCertificate/admission``
/// …) decode the extensions listed in ``handled``; every other critical extension is reported in
/// ``TelematikCertificate/unhandledCriticalExtensions`` so that path validation can refuse the certificate
/// (RFC 5280 §4.2: "A certificate-using system MUST reject the certificate if it encounters a critical extension it
/// does not recognize").
public struct CertificateExtension: Hashable, Sendable {
    /// `extnID`.
    public let oid: OID
    /// `critical`.
    public let isCritical: Bool
    /// The content of the `extnValue` OCTET STRING (the DER of the extension's own type).
    public let value: [UInt8]

    /// Creates an extension.
    public init(oid: OID, isCritical: Bool, value: [UInt8]) {
        self.oid = oid
        self.isCritical = isCritical
        self.value = value
    }

    /// `id-ce-subjectKeyIdentifier` 2.5.29.14 (RFC 5280 §4.2.1.2).
    public static let subjectKeyIdentifier: OID = "2.5.29.14"
    /// `id-ce-keyUsage` 2.5.29.15 (RFC 5280 §4.2.1.3).
    public static let keyUsage: OID = "2.5.29.15"
    /// `id-ce-subjectAltName` 2.5.29.17 (RFC 5280 §4.2.1.6).
    public static let subjectAltName: OID = "2.5.29.17"
    /// `id-ce-basicConstraints` 2.5.29.19 (RFC 5280 §4.2.1.9).
    public static let basicConstraints: OID = "2.5.29.19"
    /// `id-ce-certificatePolicies` 2.5.29.32 (RFC 5280 §4.2.1.4).
    public static let certificatePolicies: OID = "2.5.29.32"
    /// `id-ce-authorityKeyIdentifier` 2.5.29.35 (RFC 5280 §4.2.1.1).
    public static let authorityKeyIdentifier: OID = "2.5.29.35"
    /// `id-ce-extKeyUsage` 2.5.29.37 (RFC 5280 §4.2.1.12).
    public static let extendedKeyUsage: OID = "2.5.29.37"
    /// `id-pe-authorityInfoAccess` 1.3.6.1.5.5.7.1.1 (RFC 5280 §4.2.2.1).
    public static let authorityInformationAccess: OID = "1.3.6.1.5.5.7.1.1"
    /// `id-pe-qcStatements` 1.3.6.1.5.5.7.1.3 (RFC 3739 §3.2.6, ETSI EN 319 412-5).
    public static let qcStatements: OID = "1.3.6.1.5.5.7.1.3"
    /// `id-isismtt-at-admission` 1.3.36.8.3.3 (Common PKI Part 9): the TI Admission extension.
    public static let admission: OID = "1.3.36.8.3.3"

    /// The extensions this module decodes; only these count as recognised for the critical-extension rule.
    public static let handled: Set<OID> = [
        subjectKeyIdentifier, keyUsage, subjectAltName, basicConstraints, certificatePolicies, authorityKeyIdentifier,
        extendedKeyUsage, authorityInformationAccess, qcStatements, admission,
    ]
}
