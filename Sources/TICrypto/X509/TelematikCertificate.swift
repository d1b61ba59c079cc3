// SPDX-License-Identifier: Apache-2.0

public import Foundation
internal import SwiftASN1

/// An X.509 v3 certificate (RFC 5280) of the telematics infrastructure, parsed in pure Swift.
///
/// Immutable: a signed object must not be editable after signing, so every property is read-only and derived from the
/// DER the value was created from. Brainpool keys (which swift-certificates cannot parse, see
/// spec/swift-platform.md) and RSA keys are read alike, since only the structure is decoded here.
///
/// The signature is **not** verified here. Path validation (later, through OpenSSL) uses ``tbsCertificateDER``,
/// ``signatureAlgorithm``, ``signatureValue`` and the issuer's ``subjectPublicKeyInfo``, chains by ``issuerDER`` /
/// ``subjectDER`` and the key identifiers, and must refuse ``unhandledCriticalExtensions``.
///
/// Equality and hashing use the DER encoding only.
public struct TelematikCertificate: Hashable, Sendable {
    /// The whole certificate as DER.
    public let derEncoded: [UInt8]
    /// `tbsCertificate` exactly as encoded: the bytes the issuer signed (RFC 5280 §4.1.1.1).
    public let tbsCertificateDER: [UInt8]
    /// The version number as written in certificates: 1, 2 or 3 (RFC 5280 §4.1.2.1 encodes v3 as 2).
    public let version: Int
    /// `serialNumber` content octets, two's complement as encoded. RFC 5280 §4.1.2.2 wants a positive value of at most 20
    /// octets; sign and length are not enforced because non-conforming CAs exist and the value is only compared.
    public let serialNumber: [UInt8]
    /// `signatureAlgorithm.algorithm`, e.g. `1.2.840.10045.4.3.2` ecdsa-with-SHA256 (RFC 5280 §4.1.1.2).
    public let signatureAlgorithm: OID
    /// The DER of `signatureAlgorithm` including parameters (RSASSA-PSS needs them).
    public let signatureAlgorithmDER: [UInt8]
    /// `signatureValue` BIT STRING content (for ECDSA the DER `ECDSA-Sig-Value`, RFC 5480 §2.2 / RFC 3279 §2.2.3).
    public let signatureValue: [UInt8]
    /// `issuer` in encoded order (RFC 5280 §4.1.2.4).
    public let issuer: DistinguishedName
    /// `issuer` as DER, for byte-exact chain matching (RFC 5280 §7.1 allows binary comparison).
    public let issuerDER: [UInt8]
    /// `subject` in encoded order (RFC 5280 §4.1.2.6).
    public let subject: DistinguishedName
    /// `subject` as DER.
    public let subjectDER: [UInt8]
    /// `validity.notBefore` (RFC 5280 §4.1.2.5), from UTCTime or GeneralizedTime.
    public let notBefore: Date
    /// `validity.notAfter` (RFC 5280 §4.1.2.5); `99991231235959Z` means no well-defined expiration.
    public let notAfter: Date
    /// `subjectPublicKeyInfo` (RFC 5280 §4.1.2.7).
    public let subjectPublicKeyInfo: SubjectPublicKeyInfo
    /// All extensions in encoded order (RFC 5280 §4.1.2.9); empty for v1/v2 certificates.
    public let extensions: [CertificateExtension]

    /// The decoded handled extensions (see `TelematikCertificate+Extensions.swift`).
    let decodedExtensions: CertificateExtensions

    /// Parses a DER-encoded certificate.
    ///
    /// Checks the structure of RFC 5280 §4.1 strictly (DER lengths, tags, order, no trailing bytes), that the inner
    /// and outer signature algorithms are equal (§4.1.1.2), that each extension appears at most once (§4.2), and
    /// decodes the handled extensions. It checks no signature, validity period or policy.
    /// - Parameter derEncoded: exactly one certificate.
    /// - Throws: ``TICryptoError`` describing the first problem found.
    public init(derEncoded: [UInt8]) throws(TICryptoError) {
        let root = try DERDecoding.parse(derEncoded[...], "Certificate")
        var certificate = try DERCursor(root, .sequence, "Certificate")
        let tbsNode = try certificate.next(.sequence, "tbsCertificate")
        let outerAlgorithm = try AlgorithmIdentifier(node: try certificate.next(.sequence, "signatureAlgorithm"), context: "signatureAlgorithm")
        let signature = try DERDecoding.bitString(try certificate.next(.bitString, "signatureValue"), "signatureValue")
        try certificate.finish()

        var tbs = try DERCursor(tbsNode, .sequence, "TBSCertificate")
        var version = 1
        if let versionNode = tbs.optional(.context(0)) {
            // version [0] EXPLICIT Version DEFAULT v1; Version ::= INTEGER { v1(0), v2(1), v3(2) }
            var explicit = try DERCursor(versionNode, .context(0), "TBSCertificate.version")
            let raw = try DERDecoding.smallInteger(try explicit.next(.integer, "Version"), "TBSCertificate.version")
            try explicit.finish()
            guard (0...2).contains(raw) else { throw TICryptoError(.unsupportedVersion, reason: "version \(raw + 1)") }
            version = raw + 1
        }
        let serial = try DERDecoding.integerBytes(try tbs.next(.integer, "serialNumber"), "TBSCertificate.serialNumber")
        let innerAlgorithm = try AlgorithmIdentifier(node: try tbs.next(.sequence, "signature"), context: "TBSCertificate.signature")
        guard innerAlgorithm.der == outerAlgorithm.der else {
            throw TICryptoError(.signatureAlgorithmMismatch, reason: "\(innerAlgorithm.oid) vs \(outerAlgorithm.oid)")
        }
        let issuerNode = try tbs.next(.sequence, "issuer")
        let issuer = try DistinguishedName(node: issuerNode, context: "issuer")
        var validity = try DERCursor(try tbs.next(.sequence, "validity"), .sequence, "Validity")
        let notBefore = try DERDecoding.time(try validity.next("notBefore"), "Validity.notBefore")
        let notAfter = try DERDecoding.time(try validity.next("notAfter"), "Validity.notAfter")
        try validity.finish()
        let subjectNode = try tbs.next(.sequence, "subject")
        let subject = try DistinguishedName(node: subjectNode, context: "subject")
        let spki = try SubjectPublicKeyInfo(node: try tbs.next(.sequence, "subjectPublicKeyInfo"))
        // issuerUniqueID [1] IMPLICIT BIT STRING, subjectUniqueID [2] IMPLICIT BIT STRING (v2/v3 only, RFC 5280 §4.1.2.8).
        for number: UInt in [1, 2] {
            if tbs.optional(.context(number)) != nil, version < 2 {
                throw TICryptoError(.invalidStructure, reason: "unique identifier in a v1 certificate")
            }
        }
        var extensions: [CertificateExtension] = []
        if let extensionsNode = tbs.optional(.context(3)) {
            guard version == 3 else { throw TICryptoError(.invalidStructure, reason: "extensions in a v\(version) certificate") }
            extensions = try Self.parseExtensions(extensionsNode)
        }
        try tbs.finish()

        self.derEncoded = derEncoded
        self.tbsCertificateDER = Array(tbsNode.encodedBytes)
        self.version = version
        self.serialNumber = serial
        self.signatureAlgorithm = outerAlgorithm.oid
        self.signatureAlgorithmDER = Array(outerAlgorithm.der)
        self.signatureValue = signature.bytes
        self.issuer = issuer
        self.issuerDER = Array(issuerNode.encodedBytes)
        self.subject = subject
        self.subjectDER = Array(subjectNode.encodedBytes)
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.subjectPublicKeyInfo = spki
        self.extensions = extensions
        self.decodedExtensions = try CertificateExtensions(extensions)
    }

    /// `serialNumber` as uppercase hex of its content octets, e.g. `0241C1F7D3ABD8`.
    public var serialNumberHex: String { DERDecoding.hex(serialNumber) }

    /// Whether `date` lies within `notBefore...notAfter` (RFC 5280 §4.1.2.5: both ends inclusive). Says nothing about
    /// signature, chain or revocation; the QES check uses the CMS signing time as `date` (spec/fd-api.md §6 step 3).
    public func isWithinValidityPeriod(at date: Date) -> Bool { notBefore <= date && date <= notAfter }

    /// Equality of the DER encodings.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.derEncoded == rhs.derEncoded }

    /// Hashes the DER encoding.
    public func hash(into hasher: inout Hasher) { hasher.combine(derEncoded) }

    /// `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension` inside `[3] EXPLICIT`.
    private static func parseExtensions(_ node: ASN1Node) throws(TICryptoError) -> [CertificateExtension] {
        var explicit = try DERCursor(node, .context(3), "TBSCertificate.extensions")
        var sequence = try DERCursor(try explicit.next(.sequence, "Extensions"), .sequence, "Extensions")
        try explicit.finish()
        var result: [CertificateExtension] = []
        var seen: Set<OID> = []
        for extensionNode in sequence.rest() {
            var cursor = try DERCursor(extensionNode, .sequence, "Extension")
            let oid = try DERDecoding.oid(try cursor.next(.objectIdentifier, "extnID"), "Extension.extnID")
            let critical = try cursor.optional(.boolean).map { (node) throws(TICryptoError) in
                try DERDecoding.boolean(node, "Extension.critical")
            }
            let value = try DERDecoding.octetString(try cursor.next(.octetString, "extnValue"), "Extension.extnValue")
            try cursor.finish()
            guard seen.insert(oid).inserted else { throw TICryptoError(.duplicateExtension, reason: "\(oid) appears twice") }
            result.append(CertificateExtension(oid: oid, isCritical: critical ?? false, value: value))
        }
        guard !result.isEmpty else { throw TICryptoError(.invalidStructure, reason: "empty Extensions") }
        return result
    }
}
