// SPDX-License-Identifier: Apache-2.0

public import Foundation

extension OCSPResponse {
    /// Checks this response for `certificate` and returns its verified `SingleResponse` (RFC 6960 §3.2, §4.2.2).
    ///
    /// 1. `responseStatus` must be successful.
    /// 2. The signer, found by ``OCSPBasicResponse/responderID`` among `issuer`, the response's certificates and
    ///    ``TrustStore/ocspResponders``, must be authorised (§4.2.2.2): the issuing CA itself; or a locally trusted
    ///    responder; or a delegated responder certificate issued and signed by `issuer`, with the extended key usage
    ///    id-kp-OCSPSigning and valid at `producedAt`.
    /// 3. The response signature verifies with the signer's key.
    /// 4. A `SingleResponse` with a CertID for `certificate` and `issuer` exists (SHA-1 or SHA-256 CertIDs).
    /// 5. Freshness: `thisUpdate ≤ referenceTime + clockSkew`; `producedAt` and `thisUpdate` at most `maximumAge`
    ///    (plus `clockSkew`) before `referenceTime`; `nextUpdate`, when present, not before `referenceTime - clockSkew`.
    /// 6. With `expectedNonce`, the response must echo it (RFC 8954).
    ///
    /// - Parameters:
    ///   - maximumAge: the grace period, e.g. 12 h for QES and SMC-B, 24 h for C.FD.SIG (spec/ref-impl.md E).
    /// - Returns: the matching single response; its ``OCSPSingleResponse/status`` may be good, revoked or unknown.
    /// - Throws: `revocationStatusUnknown` (unsuccessful response, no matching CertID), `invalidOCSPResponse` (no or
    ///   unauthorised signer, bad signature, nonce mismatch), `ocspResponseTooOld` (freshness).
    public func checkStatus(
        of certificate: TelematikCertificate,
        issuer: TelematikCertificate,
        trustStore: TrustStore,
        at referenceTime: Date,
        maximumAge: TimeInterval,
        clockSkew: TimeInterval = 0,
        expectedNonce: [UInt8]? = nil
    ) throws(TICryptoError) -> OCSPSingleResponse {
        guard status == .successful, let basic = basicResponse else {
            throw TICryptoError(.revocationStatusUnknown, reason: "OCSP responseStatus \(status)")
        }
        guard let single = basic.responses.first(where: { $0.certID.matches(certificate: certificate, issuer: issuer) }) else {
            throw TICryptoError(.revocationStatusUnknown, reason: "the OCSP response does not cover serial \(certificate.serialNumberHex)")
        }
        let signer = try Self.authorizedSigner(of: basic, issuer: issuer, trustStore: trustStore)
        guard basic.isSignature(by: signer) else {
            throw TICryptoError(.invalidOCSPResponse, reason: "the OCSP response signature does not verify")
        }
        if let expectedNonce, basic.nonce != expectedNonce {
            throw TICryptoError(.invalidOCSPResponse, reason: "the OCSP response does not echo the request nonce")
        }
        guard single.thisUpdate <= referenceTime + clockSkew else {
            throw TICryptoError(.ocspResponseTooOld, reason: "thisUpdate \(single.thisUpdate) lies after the reference time \(referenceTime)")
        }
        let oldest = referenceTime - maximumAge - clockSkew
        guard single.thisUpdate >= oldest, basic.producedAt >= oldest else {
            throw TICryptoError(
                .ocspResponseTooOld,
                reason: "thisUpdate \(single.thisUpdate) / producedAt \(basic.producedAt) older than \(maximumAge) s before \(referenceTime)"
            )
        }
        if let nextUpdate = single.nextUpdate, nextUpdate < referenceTime - clockSkew {
            throw TICryptoError(.ocspResponseTooOld, reason: "nextUpdate \(nextUpdate) has passed at \(referenceTime)")
        }
        return single
    }

    /// The certificate that signed `basic`, if it may answer for `issuer` (RFC 6960 §4.2.2.2).
    private static func authorizedSigner(
        of basic: OCSPBasicResponse,
        issuer: TelematikCertificate,
        trustStore: TrustStore
    ) throws(TICryptoError) -> TelematikCertificate {
        if basic.responderID.identifies(issuer) { return issuer }
        if let trusted = trustStore.ocspResponders.first(where: basic.responderID.identifies) { return trusted }
        guard let delegated = basic.certificates.first(where: basic.responderID.identifies) else {
            throw TICryptoError(.invalidOCSPResponse, reason: "the OCSP responder certificate is unknown")
        }
        guard delegated.issuerDER == issuer.subjectDER,
            SignedObjectVerifier.verify(
                tbsDER: delegated.tbsCertificateDER,
                algorithmDER: delegated.signatureAlgorithmDER,
                signature: delegated.signatureValue,
                subjectPublicKeyInfoDER: issuer.subjectPublicKeyInfo.derEncoded
            )
        else {
            throw TICryptoError(.invalidOCSPResponse, reason: "the OCSP responder \(delegated.subject) was not issued by \(issuer.subject)")
        }
        guard delegated.extendedKeyUsage.contains(OCSPOID.ocspSigning) else {
            throw TICryptoError(.invalidOCSPResponse, reason: "the OCSP responder certificate lacks id-kp-OCSPSigning")
        }
        guard delegated.isWithinValidityPeriod(at: basic.producedAt), delegated.unhandledCriticalExtensions.isEmpty else {
            throw TICryptoError(.invalidOCSPResponse, reason: "the OCSP responder certificate is not valid at producedAt")
        }
        return delegated
    }
}
