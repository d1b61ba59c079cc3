// SPDX-License-Identifier: Apache-2.0

internal import Crypto
internal import SwiftASN1

/// The ESS signingCertificateV2 attribute (RFC 5035 §3), as far as needed to bind a signature to its certificate.
///
/// ```
/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies SEQUENCE OF PolicyInformation OPTIONAL }
/// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256},
///                            certHash OCTET STRING, issuerSerial IssuerSerial OPTIONAL }
/// IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
/// ```
/// The first ESSCertIDv2 identifies the signer certificate (RFC 5035 §3; ETSI EN 319 122-1 §5.2.2.3).
enum ESSSigningCertificateV2 {
    /// Whether the attribute value `der` names `certificate`: its hash matches and, when issuerSerial is present, a
    /// directoryName equals the certificate's issuer and the serial numbers are equal. False when undecodable.
    static func matches(_ der: [UInt8], certificate: TelematikCertificate) -> Bool {
        (try? self.check(der, certificate: certificate)) ?? false
    }

    private static func check(_ der: [UInt8], certificate: TelematikCertificate) throws(TICryptoError) -> Bool {
        var outer = try DERCursor(try DERDecoding.parse(der[...], "SigningCertificateV2"), .sequence, "SigningCertificateV2")
        var certs = try DERCursor(try outer.next(.sequence, "certs"), .sequence, "certs")
        var first = try DERCursor(try certs.next(.sequence, "ESSCertIDv2"), .sequence, "ESSCertIDv2")
        var hashAlgorithm = CMSOID.sha256
        if first.peekIdentifier == .sequence {
            var algorithm = try DERCursor(try first.next(.sequence, "hashAlgorithm"), .sequence, "hashAlgorithm")
            hashAlgorithm = try DERDecoding.oid(try algorithm.next(.objectIdentifier, "algorithm"), "hashAlgorithm")
        }
        let certHash = try DERDecoding.octetString(try first.next(.octetString, "certHash"), "certHash")
        guard let expected = Self.digest(certificate.derEncoded, algorithm: hashAlgorithm), expected == certHash else {
            return false
        }
        guard let issuerSerialNode = first.optional(.sequence) else { return true }
        var issuerSerial = try DERCursor(issuerSerialNode, .sequence, "IssuerSerial")
        var names = try DERCursor(try issuerSerial.next(.sequence, "issuer"), .sequence, "GeneralNames")
        let serial = try DERDecoding.integerBytes(try issuerSerial.next(.integer, "serialNumber"), "serialNumber")
        var issuerMatches = false
        for name in names.rest() where name.identifier == ASN1Identifier.context(4) {
            // directoryName [4] EXPLICIT Name (RFC 5280 §4.2.1.6: Name is a CHOICE, so the tag is explicit).
            var explicit = try DERCursor(name, ASN1Identifier.context(4), "directoryName")
            if Array(try explicit.next(.sequence, "Name").encodedBytes) == certificate.issuerDER { issuerMatches = true }
        }
        return issuerMatches && serial == certificate.serialNumber
    }

    /// The digest of `bytes` with a SHA-2 algorithm, or nil for other algorithms.
    static func digest(_ bytes: [UInt8], algorithm: OID) -> [UInt8]? {
        switch algorithm {
        case CMSOID.sha256: Array(SHA256.hash(data: bytes))
        case CMSOID.sha384: Array(SHA384.hash(data: bytes))
        case CMSOID.sha512: Array(SHA512.hash(data: bytes))
        default: nil
        }
    }
}
