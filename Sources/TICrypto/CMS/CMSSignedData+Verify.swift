// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

extension CMSSignedData {
    /// Checks the signature mathematically (RFC 5652 §5.6), without any certificate validation.
    ///
    /// - The content digest under ``digestAlgorithmOID`` (SHA-256/384/512) must equal ``messageDigest``.
    /// - The signature over ``signedAttributesDER`` must verify with the public key of ``signerCertificate``, through
    ///   OpenSSL's `CMS_SignerInfo_verify`: ECDSA on brainpoolP256r1 or P-256, RSA PKCS #1 v1.5 under either
    ///   rsaEncryption or sha256WithRSAEncryption, RSASSA-PSS with its parameters.
    /// - signingCertificateV2, when present, must name the signer certificate.
    ///
    /// The signer certificate is trusted as included; chain validation against trust anchors (BNetzA-VL, TSL) is a
    /// separate step (spec/ref-impl.md A.6: `CMS_verify` with NOVERIFY, then the certificate by hand).
    /// - Returns: what holds; never throws, also not for a tampered document.
    public func verifySignature() -> CMSVerification {
        var reasons: [String] = []
        let contentDigest = ESSSigningCertificateV2.digest(self.content, algorithm: self.digestAlgorithmOID)
        if contentDigest == nil { reasons.append("unsupported digest algorithm \(self.digestAlgorithmOID)") }
        let digestMatches = contentDigest == self.messageDigest
        if contentDigest != nil, !digestMatches { reasons.append("messageDigest does not match the content") }
        let signatureValid: Bool
        do {
            signatureValid = try self.signatureVerifies()
            if !signatureValid { reasons.append("signature invalid (OpenSSL: \(OpenSSLErrorQueue.drain()))") }
        } catch {
            signatureValid = false
            reasons.append(error.reason)
        }
        OpenSSLErrorQueue.clear()
        let certificateCheck: CMSVerification.SigningCertificateCheck
        if !self.hasSigningCertificateV2 {
            certificateCheck = .absent
        } else if self.signingCertificateV2MatchesSigner {
            certificateCheck = .matches
        } else {
            certificateCheck = .mismatch
            reasons.append("signingCertificateV2 does not name the signer certificate")
        }
        return CMSVerification(
            contentDigestMatches: digestMatches,
            signatureValid: signatureValid,
            signingCertificate: certificateCheck,
            reason: reasons.joined(separator: "; ")
        )
    }

    /// `CMS_SignerInfo_verify` on a fresh decoding of ``encoded`` (OpenSSL objects are never shared between threads).
    private func signatureVerifies() throws(TICryptoError) -> Bool {
        let info = try CMSContentInfo(berEncoded: self.encoded)
        let signerInfo = try info.singleSignerInfo()
        _ = try info.signerCertificate(of: signerInfo)
        return CMS_SignerInfo_verify(signerInfo) == 1
    }
}
