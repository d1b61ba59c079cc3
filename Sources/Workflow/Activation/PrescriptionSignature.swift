// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto

/// Verifies the prescriber's QES, the CAdES-enveloping PKCS#7 of `$activate` (spec/fd-api.md §6 steps 2–4).
public struct PrescriptionSignature: Sendable {
    /// The signed prescription as the Fachdienst stores it (DocumentType 1).
    public struct Verified: Sendable {
        /// The parsed CMS.
        public let signedData: CMSSignedData
        /// The signing time, the reference time of the certificate check.
        public let signingTime: Date
        /// The validated certificate path, signer first.
        public let path: ValidatedPath
        /// The QES to store: the received bytes, with the OCSP response embedded when the Fachdienst had to fetch one.
        public let storedDER: [UInt8]
    }

    /// A source of OCSP responses: given the certificate and the time, an answer or none. Asynchronous, so that an OCSP
    /// client may ask a responder over the network without blocking a thread.
    public typealias OCSPSource = @Sendable (TelematikCertificate, Date) async -> OCSPResponse?

    /// The trust anchors and known CAs of the HBA certificates.
    public let trustStore: TrustStore
    /// Fetches an OCSP response for a certificate at a time (the test PKI's responder in a local deployment, the
    /// responder named in the certificate's AIA in production).
    public let ocspSource: OCSPSource
    /// How old an OCSP response may be (QES: 12 h, spec/ref-impl.md D.1).
    public let ocspMaximumAge: TimeInterval

    /// Creates a verifier.
    public init(
        trustStore: TrustStore,
        ocspMaximumAge: TimeInterval = 12 * 3_600,
        ocspSource: @escaping OCSPSource
    ) {
        self.trustStore = trustStore
        self.ocspMaximumAge = ocspMaximumAge
        self.ocspSource = ocspSource
    }

    /// Verifies `der` at `now`.
    /// - Throws: ``WorkflowError/Code/validationFailed`` when it is no parseable CMS or has no signing time;
    ///   ``WorkflowError/Code/certificateInvalid`` when the signer certificate does not hold at the signing time;
    ///   ``WorkflowError/Code/ocspBackendError`` when no OCSP answer is available; ``WorkflowError/Code/signatureInvalid``
    ///   when the signature does not verify.
    public func verify(_ der: [UInt8], now: Date) async throws(WorkflowError) -> Verified {
        // §6 step 2: a parseable CAdES-enveloping PKCS#7 with a signing time.
        let signedData: CMSSignedData
        do {
            signedData = try CMSSignedData(derEncoded: der)
        } catch {
            throw WorkflowError(.validationFailed, reason: "ePrescription is no CAdES-enveloping PKCS#7: \(error.code)")
        }
        guard let signingTime = signedData.signingTime else {
            throw WorkflowError(.validationFailed, reason: "the QES has no signing time")
        }
        // §6 step 3: the HBA certificate at the signing time, with the embedded OCSP response or a fetched one.
        let policy = CertificatePolicy(requiredKeyUsage: .nonRepudiation, revocationMode: .required, ocspMaximumAge: ocspMaximumAge)
        let validator = CertificatePathValidator(trustStore: trustStore, policy: policy)
        let fetched = signedData.embeddedOCSPResponseDER == nil ? await ocspSource(signedData.signerCertificate, now) : nil
        let path: ValidatedPath
        do {
            path = try validator.validateSigner(of: signedData, at: signingTime, checkedAt: now, ocspResponses: fetched.map { [$0] } ?? [])
        } catch  where error.code == .revocationStatusUnknown && fetched == nil && signedData.embeddedOCSPResponseDER == nil {
            throw WorkflowError(.ocspBackendError, reason: "no OCSP response for the QES certificate")
        } catch {
            throw WorkflowError(.certificateInvalid, reason: "QES certificate: \(error.code): \(error.reason)")
        }
        // §6 step 4: the signature itself.
        let verification = signedData.verifySignature()
        guard verification.isValid else {
            throw WorkflowError(.signatureInvalid, reason: "QES signature: \(verification.reason)")
        }
        var stored = der
        if let fetched, let embedded = try? CMSSignedData.embeddingOCSPResponse(fetched, in: der) {
            stored = embedded
        }
        return Verified(signedData: signedData, signingTime: signingTime, path: path, storedDER: stored)
    }
}
