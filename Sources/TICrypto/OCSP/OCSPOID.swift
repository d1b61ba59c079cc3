// SPDX-License-Identifier: Apache-2.0

/// Object identifiers of OCSP (RFC 6960) and the algorithms it uses.
enum OCSPOID {
    /// id-pkix-ocsp-basic, RFC 6960 §4.2.1.
    static let basicResponse: OID = "1.3.6.1.5.5.7.48.1.1"
    /// id-pkix-ocsp-nonce, RFC 6960 §4.4.1, RFC 8954.
    static let nonce: OID = "1.3.6.1.5.5.7.48.1.2"
    /// id-kp-OCSPSigning, RFC 6960 §4.2.2.2: the extended key usage of a delegated responder.
    static let ocspSigning: OID = "1.3.6.1.5.5.7.3.9"
    /// id-sha1 (OIW), the default CertID hash of OpenSSL and RFC 5019.
    static let sha1: OID = "1.3.14.3.2.26"
    /// id-sha256, RFC 5754 §2.2.
    static let sha256: OID = "2.16.840.1.101.3.4.2.1"
    /// ecdsa-with-SHA256, RFC 5758 §3.2.
    static let ecdsaWithSHA256: OID = "1.2.840.10045.4.3.2"
}
