// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

extension CMSSignedData {
    /// Embeds `ocspResponseDER` into the DER `ContentInfo` `cmsDER` as `RevocationInfoChoice.other` with
    /// id-ri-ocsp-response (RFC 5940 §4.1) in `SignedData.crls`, the form ``embeddedOCSPResponseDER`` reads and the
    /// Fachdienst stores with a verified QES (spec/ref-impl.md E.1: "embeds/replaces the OCSP response").
    ///
    /// Earlier id-ri-ocsp-response entries are replaced, other CRLs kept; the SignedData version becomes 5 (RFC 5652
    /// §5.1 for `other` revocation info). The signature is unaffected: `crls` lies outside the signed attributes.
    /// - Throws: `invalidCMS` when `cmsDER` is not a DER SignedData `ContentInfo`; `invalidOCSPResponse` when
    ///   `ocspResponseDER` is not a DER `OCSPResponse`.
    public static func embeddingOCSPResponse(_ ocspResponseDER: [UInt8], in cmsDER: [UInt8]) throws(TICryptoError) -> [UInt8] {
        try Self.embeddingOCSPResponse(try OCSPResponse(derEncoded: ocspResponseDER), in: cmsDER)
    }

    /// ``embeddingOCSPResponse(_:in:)-(([UInt8],_))`` for a response that is already parsed, so it is not parsed again.
    public static func embeddingOCSPResponse(_ response: OCSPResponse, in cmsDER: [UInt8]) throws(TICryptoError) -> [UInt8] {
        let ocspResponseDER = response.derEncoded
        do throws(TICryptoError) {
            let root = try DERDecoding.parse(cmsDER[...], "ContentInfo")
            let signedData = try CMSSignedDataFields(root)
            var choices: [[UInt8]] = []
            if let crls = signedData.crls {
                var cursor = try DERCursor(crls, .context(1), "RevocationInfoChoices")
                for choice in cursor.rest() where !(try Self.isOCSPChoice(choice)) { choices.append(Array(choice.encodedBytes)) }
            }
            let other = OCSPDERWriter.tlv(
                0xA1,
                OCSPDERWriter.oid(CMSOID.ocspResponseRevocationInfo) + ocspResponseDER
            )
            choices.append(other)
            var fields: [[UInt8]] = [
                OCSPDERWriter.integer(contentOctets: [5]), Array(signedData.digestAlgorithms.encodedBytes),
                Array(signedData.encapsulatedContentInfo.encodedBytes),
            ]
            if let certificates = signedData.certificates { fields.append(Array(certificates.encodedBytes)) }
            fields.append(OCSPDERWriter.tlv(0xA1, choices.flatMap { $0 }))
            fields.append(Array(signedData.signerInfos.encodedBytes))
            return OCSPDERWriter.sequence([
                Array(signedData.contentType.encodedBytes), OCSPDERWriter.explicit(0, OCSPDERWriter.sequence(fields)),
            ])
        } catch {
            throw TICryptoError(.invalidCMS, reason: "embedding OCSP: \(error.code): \(error.reason)")
        }
    }

    private static func isOCSPChoice(_ choice: ASN1Node) throws(TICryptoError) -> Bool {
        guard choice.identifier == .context(1) else { return false }
        var other = try DERCursor(choice, .context(1), "OtherRevocationInfoFormat")
        return try DERDecoding.oid(try other.next(.objectIdentifier, "otherRevInfoFormat"), "format") == CMSOID.ocspResponseRevocationInfo
    }
}
