// SPDX-License-Identifier: Apache-2.0

extension TICryptoError.Code {
    // MARK: Path validation (RFC 5280 §6, spec/ref-impl.md E.1)

    /// A certificate of the path ended before the reference time (RFC 5280 §6.1.3 (a)(2), shell model).
    public static let certificateExpired = Self("certificateExpired")
    /// A certificate of the path becomes valid only after the reference time (RFC 5280 §6.1.3 (a)(2)).
    public static let certificateNotYetValid = Self("certificateNotYetValid")
    /// No path from the certificate to a trust anchor of the ``TrustStore`` could be built: the issuer is unknown, or
    /// its name or key identifier does not fit (RFC 5280 §6.1.3 (a)(4)).
    public static let untrustedIssuer = Self("untrustedIssuer")
    /// The issuer's key does not verify a certificate's signature, or the algorithm is not supported
    /// (RFC 5280 §6.1.3 (a)(1)).
    public static let certificateSignatureInvalid = Self("certificateSignatureInvalid")
    /// An issuing certificate is not a CA: basicConstraints `cA` is not TRUE, keyCertSign is missing, or its
    /// pathLenConstraint is exceeded (RFC 5280 §6.1.4 (k), (l), (n)).
    public static let issuerNotCA = Self("issuerNotCA")
    /// The leaf's keyUsage lacks a bit the ``CertificatePolicy`` requires (RFC 5280 §4.2.1.3).
    public static let wrongKeyUsage = Self("wrongKeyUsage")
    /// The policy names allowed profession OIDs, but the leaf carries no Admission extension (Common PKI Part 9).
    public static let missingAdmission = Self("missingAdmission")
    /// The leaf's Admission names no profession OID of the policy's allowed set (gemSpec_FD_eRp A_19225).
    public static let professionNotAllowed = Self("professionNotAllowed")
    /// A certificate of the path has a critical extension this module does not process (RFC 5280 §4.2).
    public static let unhandledCriticalExtension = Self("unhandledCriticalExtension")

    // MARK: Revocation (RFC 6960)

    /// The OCSP responder reports the certificate as revoked at or before the reference time.
    public static let certificateRevoked = Self("certificateRevoked")
    /// The revocation status is required but not known: no OCSP response, the response does not cover the
    /// certificate, the responder says `unknown`, or the responseStatus is not successful.
    public static let revocationStatusUnknown = Self("revocationStatusUnknown")
    /// An OCSP response or request is malformed, its signature does not verify, or its signer is not authorised for
    /// the certificate's issuer (RFC 6960 §3.2, §4.2.2.2).
    public static let invalidOCSPResponse = Self("invalidOCSPResponse")
    /// An OCSP response is older than the policy's grace period relative to the reference time, its thisUpdate
    /// lies in the future, or its nextUpdate has passed (RFC 6960 §3.2 (4)–(5), §4.2.2.1).
    public static let ocspResponseTooOld = Self("ocspResponseTooOld")
}

extension TICryptoError.Code {
    /// An OCSP request is malformed (RFC 6960 §4.1.1): not DER, wrong structure, or a CertID with an unknown hash.
    public static let invalidOCSPRequest = Self("invalidOCSPRequest")
}
