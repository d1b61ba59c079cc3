// SPDX-License-Identifier: Apache-2.0

internal import Crypto
internal import SwiftASN1

/// `CertID` (RFC 6960 §4.1.1): names a certificate by hashes of its issuer's name and key plus its serial number.
///
/// ```
/// CertID ::= SEQUENCE {
///     hashAlgorithm AlgorithmIdentifier, issuerNameHash OCTET STRING, issuerKeyHash OCTET STRING,
///     serialNumber CertificateSerialNumber }
/// ```
public struct OCSPCertID: Hashable, Sendable {
    /// The hash of a CertID. SHA-1 is the default, as in OpenSSL and RFC 5019 §2.1.1; SHA-256 is accepted.
    public enum HashAlgorithm: Hashable, Sendable {
        /// id-sha1 1.3.14.3.2.26.
        case sha1
        /// id-sha256 2.16.840.1.101.3.4.2.1.
        case sha256

        /// The algorithm's OID.
        public var oid: OID {
            switch self {
            case .sha1: OCSPOID.sha1
            case .sha256: OCSPOID.sha256
            }
        }

        init?(oid: OID) {
            switch oid {
            case OCSPOID.sha1: self = .sha1
            case OCSPOID.sha256: self = .sha256
            default: return nil
            }
        }

        func hash(_ bytes: [UInt8]) -> [UInt8] {
            switch self {
            case .sha1: Array(Insecure.SHA1.hash(data: bytes))
            case .sha256: Array(SHA256.hash(data: bytes))
            }
        }
    }

    /// `hashAlgorithm`.
    public let hashAlgorithm: HashAlgorithm
    /// `issuerNameHash`: the hash of the DER of the issuer's subject name.
    public let issuerNameHash: [UInt8]
    /// `issuerKeyHash`: the hash of the issuer's public key (the BIT STRING content of its subjectPublicKey).
    public let issuerKeyHash: [UInt8]
    /// `serialNumber` content octets, as in ``TelematikCertificate/serialNumber``.
    public let serialNumber: [UInt8]

    /// Creates a CertID from its parts.
    public init(hashAlgorithm: HashAlgorithm, issuerNameHash: [UInt8], issuerKeyHash: [UInt8], serialNumber: [UInt8]) {
        self.hashAlgorithm = hashAlgorithm
        self.issuerNameHash = issuerNameHash
        self.issuerKeyHash = issuerKeyHash
        self.serialNumber = serialNumber
    }

    /// The CertID of `certificate`, issued by `issuer`.
    /// - Throws: `untrustedIssuer` when `issuer`'s subject is not `certificate`'s issuer name.
    public init(certificate: TelematikCertificate, issuer: TelematikCertificate, hashAlgorithm: HashAlgorithm = .sha1) throws(TICryptoError) {
        guard certificate.issuerDER == issuer.subjectDER else {
            throw TICryptoError(.untrustedIssuer, reason: "\(issuer.subject) did not issue \(certificate.subject)")
        }
        self.init(
            hashAlgorithm: hashAlgorithm,
            issuerNameHash: hashAlgorithm.hash(issuer.subjectDER),
            issuerKeyHash: hashAlgorithm.hash(issuer.subjectPublicKeyInfo.publicKey),
            serialNumber: certificate.serialNumber
        )
    }

    /// Whether this CertID names `certificate` issued by `issuer`, computed with this CertID's own hash algorithm.
    public func matches(certificate: TelematikCertificate, issuer: TelematikCertificate) -> Bool {
        serialNumber == certificate.serialNumber && names(issuer: issuer)
    }

    /// Whether the name and key hashes are those of `issuer` (the serial number is not compared).
    public func names(issuer: TelematikCertificate) -> Bool {
        issuerNameHash == hashAlgorithm.hash(issuer.subjectDER) && issuerKeyHash == hashAlgorithm.hash(issuer.subjectPublicKeyInfo.publicKey)
    }

    /// The DER encoding; the hash AlgorithmIdentifier carries NULL parameters, as OpenSSL writes them.
    public var derEncoded: [UInt8] {
        OCSPDERWriter.sequence([
            OCSPDERWriter.algorithm(hashAlgorithm.oid, parameters: OCSPDERWriter.null),
            OCSPDERWriter.octetString(issuerNameHash),
            OCSPDERWriter.octetString(issuerKeyHash),
            OCSPDERWriter.integer(contentOctets: serialNumber),
        ])
    }

    /// Parses a `CertID` element; absent or NULL hash parameters are both accepted.
    init(node: ASN1Node) throws(TICryptoError) {
        var cursor = try DERCursor(node, .sequence, "CertID")
        let algorithm = try AlgorithmIdentifier(node: try cursor.next(.sequence, "hashAlgorithm"), context: "CertID.hashAlgorithm")
        guard let hash = HashAlgorithm(oid: algorithm.oid) else {
            throw TICryptoError(.unsupportedAlgorithm, reason: "CertID hash \(algorithm.oid)")
        }
        if let parameters = algorithm.parameters, parameters.identifier != .null {
            throw TICryptoError(.invalidStructure, reason: "CertID hash parameters must be absent or NULL")
        }
        let nameHash = try DERDecoding.octetString(try cursor.next(.octetString, "issuerNameHash"), "CertID.issuerNameHash")
        let keyHash = try DERDecoding.octetString(try cursor.next(.octetString, "issuerKeyHash"), "CertID.issuerKeyHash")
        let serial = try DERDecoding.integerBytes(try cursor.next(.integer, "serialNumber"), "CertID.serialNumber")
        try cursor.finish()
        let size = hash.hash([]).count
        guard nameHash.count == size, keyHash.count == size else {
            throw TICryptoError(.invalidStructure, reason: "CertID hash lengths do not fit \(algorithm.oid)")
        }
        self.init(hashAlgorithm: hash, issuerNameHash: nameHash, issuerKeyHash: keyHash, serialNumber: serial)
    }
}
