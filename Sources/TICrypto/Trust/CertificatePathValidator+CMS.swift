// SPDX-License-Identifier: Apache-2.0

public import Foundation

extension CertificatePathValidator {
    /// Validates the signer certificate of `signedData` as the Fachdienst checks a QES (spec/ref-impl.md E.1): at the
    /// CMS signing time, with the certificates the CMS carries as extra path candidates, and with the OCSP response
    /// embedded in the CMS (``CMSSignedData/embeddedOCSPResponseDER``) before any of `ocspResponses`.
    ///
    /// The CMS signature itself is not checked here; call ``CMSSignedData/verifySignature()`` as well.
    /// - Parameters:
    ///   - referenceTime: overrides the signing time; required when the CMS has none.
    ///   - checkTime: when the check happens (OCSP freshness); the reference time when nil.
    ///   - ocspResponses: further responses, e.g. fetched or cached ones.
    /// - Throws: `unsupportedCMS` when neither a signing time nor `referenceTime` is given; `invalidOCSPResponse` for a
    ///   malformed embedded response; otherwise as ``validate(_:extraCertificates:at:checkedAt:ocspResponses:)``.
    public func validateSigner(
        of signedData: CMSSignedData,
        at referenceTime: Date? = nil,
        checkedAt checkTime: Date? = nil,
        ocspResponses: [OCSPResponse] = []
    ) throws(TICryptoError) -> ValidatedPath {
        guard let time = referenceTime ?? signedData.signingTime else {
            throw TICryptoError(.unsupportedCMS, reason: "the CMS has no signingTime and no reference time was given")
        }
        var responses: [OCSPResponse] = []
        if let embedded = signedData.embeddedOCSPResponseDER { responses.append(try OCSPResponse(derEncoded: embedded)) }
        responses += ocspResponses
        let extra = signedData.certificatesDER.compactMap { try? TelematikCertificate(derEncoded: $0) }
        return try validate(signedData.signerCertificate, extraCertificates: extra, at: time, checkedAt: checkTime, ocspResponses: responses)
    }
}
