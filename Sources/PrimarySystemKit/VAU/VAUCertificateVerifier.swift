// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto

/// The client's check of C.FD.ENC before anything is encrypted for it (A_20161-01 step 1; spec/ref-impl.md B.3): a
/// valid path to one of the client's trust anchors, key usage `keyAgreement`, the role `oid_erp-vau`
/// (1.2.276.0.76.4.258) in the Admission, and, when asked for, a good OCSP status.
public struct VAUCertificateVerifier: Sendable {
    /// How the OCSP status of C.FD.ENC is checked.
    public enum RevocationCheck: Sendable, Hashable {
        /// Not at all (for example when the Konnektor checks the certificate, as api-erp recommends).
        case off
        /// With the answer of `GET /VAUCertificateOCSPResponse` when the Fachdienst offers one; a given answer that
        /// fails its checks refuses the certificate.
        case ifAvailable
        /// A good, fresh answer is required.
        case required
    }

    /// The certificate and the key to encrypt for.
    public struct Verified: Sendable {
        /// C.FD.ENC.
        public let certificate: TelematikCertificate
        /// Its brainpoolP256r1 key.
        public let publicKey: BrainpoolP256r1.KeyAgreement.PublicKey
        /// The OCSP status found.
        public let revocationStatus: RevocationStatus
    }

    /// The client's trust anchors, known CAs and OCSP responders.
    public let trustStore: TrustStore
    /// The OCSP check.
    public let revocationCheck: RevocationCheck

    /// Creates a verifier.
    public init(trustStore: TrustStore, revocationCheck: RevocationCheck) {
        self.trustStore = trustStore
        self.revocationCheck = revocationCheck
    }

    /// The leaf requirements of C.FD.ENC; OCSP answers may be 24 h old, as for the Fachdienst's signature certificate.
    public var policy: CertificatePolicy {
        let mode: CertificatePolicy.RevocationMode =
            switch self.revocationCheck {
            case .off: .notChecked
            case .ifAvailable: .ifAvailable
            case .required: .required
            }
        return CertificatePolicy(
            requiredKeyUsage: .keyAgreement,
            allowedProfessionOIDs: [TelematikOID.erpVAU],
            revocationMode: mode,
            ocspMaximumAge: 24 * 3_600
        )
    }

    /// Checks `certificateDER` at `time`.
    /// - Parameters:
    ///   - certificateDER: The body of `GET /VAUCertificate`.
    ///   - ocspResponseDER: The body of `GET /VAUCertificateOCSPResponse`, if fetched.
    ///   - extraCertificates: CA certificates that may complete the path (from `/CertList`); not trusted by themselves.
    ///   - time: Now.
    /// - Throws: `vauCertificateUnavailable` when the bytes are not a certificate; `untrustedVAUCertificate` when any
    ///   check fails, with the path validator's reason.
    public func verify(
        certificateDER: [UInt8],
        ocspResponseDER: [UInt8]? = nil,
        extraCertificates: [TelematikCertificate] = [],
        at time: Date
    ) throws(PrimarySystemError) -> Verified {
        let certificate: TelematikCertificate
        do {
            certificate = try TelematikCertificate(derEncoded: certificateDER)
        } catch {
            throw PrimarySystemError(.vauCertificateUnavailable, reason: "/VAUCertificate is not a DER certificate: \(error.code)")
        }
        var responses: [OCSPResponse] = []
        if let ocspResponseDER {
            do {
                responses.append(try OCSPResponse(derEncoded: ocspResponseDER))
            } catch {
                throw PrimarySystemError(.untrustedVAUCertificate, reason: "the OCSP answer for C.FD.ENC is not an OCSP response")
            }
        }
        let validator = CertificatePathValidator(trustStore: self.trustStore, policy: self.policy)
        let path: ValidatedPath
        do {
            path = try validator.validate(certificate, extraCertificates: extraCertificates, at: time, ocspResponses: responses)
        } catch {
            throw PrimarySystemError(.untrustedVAUCertificate, reason: "C.FD.ENC refused (\(error.code)): \(error.reason)")
        }
        do {
            let key = try BrainpoolP256r1.KeyAgreement.PublicKey(derRepresentation: certificate.subjectPublicKeyInfo.derEncoded)
            return Verified(certificate: certificate, publicKey: key, revocationStatus: path.revocationStatus)
        } catch {
            throw PrimarySystemError(.untrustedVAUCertificate, reason: "C.FD.ENC holds no brainpoolP256r1 key")
        }
    }
}
