// SPDX-License-Identifier: Apache-2.0

/// Object identifiers used in CMS SignedData (RFC 5652), ESS (RFC 5035), CAdES (ETSI EN 319 122-1) and their
/// algorithms (RFC 3370, RFC 4056, RFC 5754, RFC 5758).
enum CMSOID {
    /// id-data, RFC 5652 §4.
    static let data: OID = "1.2.840.113549.1.7.1"
    /// id-contentType, RFC 5652 §11.1.
    static let contentType: OID = "1.2.840.113549.1.9.3"
    /// id-messageDigest, RFC 5652 §11.2.
    static let messageDigest: OID = "1.2.840.113549.1.9.4"
    /// id-signingTime, RFC 5652 §11.3.
    static let signingTime: OID = "1.2.840.113549.1.9.5"
    /// id-aa-signingCertificateV2, RFC 5035 §3; mandatory in CAdES-BES with SHA-2 (ETSI EN 319 122-1 §5.2.2).
    static let signingCertificateV2: OID = "1.2.840.113549.1.9.16.2.47"
    /// id-ri-ocsp-response, RFC 5940 §4.1: an OCSPResponse as `RevocationInfoChoice.other`.
    static let ocspResponseRevocationInfo: OID = "1.3.6.1.5.5.7.16.2"

    /// id-sha256, RFC 5754 §2.2 (also the default `hashAlgorithm` of ESSCertIDv2).
    static let sha256: OID = "2.16.840.1.101.3.4.2.1"
    /// id-sha384, RFC 5754 §2.3.
    static let sha384: OID = "2.16.840.1.101.3.4.2.2"
    /// id-sha512, RFC 5754 §2.4.
    static let sha512: OID = "2.16.840.1.101.3.4.2.3"

    /// id-ecPublicKey, RFC 5480 §2.1.1 (some producers put it into SignerInfo.signatureAlgorithm).
    static let ecPublicKey: OID = "1.2.840.10045.2.1"
    /// rsaEncryption, RFC 3370 §3.2 (allowed as SignerInfo.signatureAlgorithm for PKCS #1 v1.5).
    static let rsaEncryption: OID = "1.2.840.113549.1.1.1"
    /// id-RSASSA-PSS, RFC 4056 §2.
    static let rsaPSS: OID = "1.2.840.113549.1.1.10"
}
