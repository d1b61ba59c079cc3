// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto

/// Checks a parsed CMS signature and builds the ``CMSVerificationReport`` of `erezept cms verify`.
struct CMSVerifier {
    /// The PKI whose trust store and OCSP responder are used; nil checks the mathematics only.
    let testPKI: TestPKI?
    /// The reference time of the chain check.
    let reference: ReferenceTime
    /// The time of the check (OCSP freshness).
    let now: Date

    func report(for signedData: CMSSignedData) -> CMSVerificationReport {
        let verification = signedData.verifySignature()
        let signer = signedData.signerCertificate
        let profession = signer.professionOIDs.first
        let (chain, revocation) = checkChain(of: signedData)
        return CMSVerificationReport(
            signature: .init(valid: verification.isValid, reason: verification.isValid ? nil : verification.reason),
            signer: .init(
                subject: signer.subject.description,
                issuer: signer.issuer.description,
                serialNumber: signer.serialNumberHex,
                professionOID: profession?.dotted,
                profession: profession.flatMap(TelematikOID.name(of:)),
                telematikId: signer.telematikID,
                kvnr: signer.kvnr
            ),
            signingTime: signedData.signingTime.map(CMSVerificationReport.timestamp),
            contentLength: signedData.content.count,
            chain: chain,
            revocation: revocation
        )
    }

    private func checkChain(of signedData: CMSSignedData) -> (CMSVerificationReport.Chain, CMSVerificationReport.Revocation) {
        guard let testPKI else { return (.init(status: "notChecked"), .init(status: "notChecked")) }
        let time: Date
        switch reference {
        case .signingTime:
            guard let signingTime = signedData.signingTime else {
                return (
                    .init(status: "invalid", error: TICryptoError.Code.unsupportedCMS.description, reason: "the CMS has no signing time; use --at"),
                    .init(status: "notChecked")
                )
            }
            time = signingTime
        case .now: time = now
        case .date(let date): time = date
        }
        let signer = signedData.signerCertificate
        let policy = CertificatePolicy(
            requiredKeyUsage: signer.keyUsage?.contains(.nonRepudiation) == true ? .nonRepudiation : .digitalSignature,
            revocationMode: .ifAvailable
        )
        let validator = CertificatePathValidator(trustStore: testPKI.trustStore, policy: policy)
        do {
            let path = try validator.validateSigner(
                of: signedData,
                at: time,
                checkedAt: now,
                ocspResponses: testPKI.ocspResponse(for: signer, now: now).map { [$0] } ?? []
            )
            let chain = CMSVerificationReport.Chain(
                status: "valid",
                referenceTime: CMSVerificationReport.timestamp(time),
                path: path.certificates.map { $0.subject.description }
            )
            return (chain, Self.revocation(path.revocationStatus))
        } catch {
            let chain = CMSVerificationReport.Chain(
                status: "invalid",
                referenceTime: CMSVerificationReport.timestamp(time),
                error: error.code.description,
                reason: error.reason
            )
            let revocation: CMSVerificationReport.Revocation =
                switch error.code {
                case .certificateRevoked: .init(status: "revoked")
                case .revocationStatusUnknown: .init(status: "unknown")
                default: .init(status: "notChecked")
                }
            return (chain, revocation)
        }
    }

    private static func revocation(_ status: RevocationStatus) -> CMSVerificationReport.Revocation {
        switch status {
        case .notChecked: .init(status: "notChecked")
        case .notAvailable: .init(status: "notAvailable")
        case .good(let single): .init(status: "good", thisUpdate: CMSVerificationReport.timestamp(single.thisUpdate))
        case .revokedAfterReferenceTime(let single):
            switch single.status {
            case .revoked(let time, let reason):
                .init(
                    status: "revokedAfterReferenceTime",
                    thisUpdate: CMSVerificationReport.timestamp(single.thisUpdate),
                    revocationTime: CMSVerificationReport.timestamp(time),
                    revocationReason: reason?.name
                )
            default: .init(status: "revokedAfterReferenceTime", thisUpdate: CMSVerificationReport.timestamp(single.thisUpdate))
            }
        }
    }
}
