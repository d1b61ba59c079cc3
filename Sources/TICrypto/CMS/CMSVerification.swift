// SPDX-License-Identifier: Apache-2.0

/// The outcome of the mathematical check of a CMS signature (RFC 5652 §5.6): what holds, one item at a time.
///
/// Only the signature is checked, with the key of the signer certificate included in the CMS. The certificate itself
/// (chain to a trust anchor, validity at the signing time, OCSP status, admission) is a separate step
/// (spec/ref-impl.md A.6, E.1; spec/fd-api.md §6 step 3).
public struct CMSVerification: Hashable, Sendable {
    /// The state of the ESS signingCertificateV2 attribute (RFC 5035 §3) relative to the signer certificate.
    public enum SigningCertificateCheck: Hashable, Sendable {
        /// The attribute is absent (allowed by CMS, not by CAdES-BES, ETSI EN 319 122-1 §5.2.2).
        case absent
        /// The first ESSCertIDv2 names the signer certificate (hash, and issuer/serial when present).
        case matches
        /// The attribute is present but names another certificate, or cannot be decoded.
        case mismatch
    }

    /// The messageDigest attribute equals the digest of the embedded content (RFC 5652 §11.2).
    public let contentDigestMatches: Bool
    /// The signature value verifies over the DER of the signed attributes with the signer certificate's key.
    public let signatureValid: Bool
    /// The signingCertificateV2 check.
    public let signingCertificate: SigningCertificateCheck
    /// Why something failed, for logs (OpenSSL error text included); empty when everything holds.
    public let reason: String

    /// Content digest and signature hold, and signingCertificateV2 is not inconsistent.
    public var isValid: Bool {
        contentDigestMatches && signatureValid && signingCertificate != .mismatch
    }

    /// Like ``isValid`` and, in addition, signingCertificateV2 is present (CAdES-BES).
    public var isValidCAdESBES: Bool {
        isValid && signingCertificate == .matches
    }
}
