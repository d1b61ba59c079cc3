// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

/// Finds an OCSP response embedded in `SignedData.crls` (RFC 5652 §10.2.1 `RevocationInfoChoice.other` with
/// id-ri-ocsp-response, RFC 5940 §4.1), where gematik connectors and the Fachdienst put it (spec/ref-impl.md E.1).
///
/// OpenSSL 3 has no accessor for `other` revocation info, so the DER that OpenSSL re-encoded is walked here:
/// `ContentInfo → [0] SignedData → [1] crls`.
enum CMSRevocationInfo {
    /// The DER of the first embedded `OCSPResponse`, or nil when there is none.
    /// - Throws: `invalidCMS` when the SignedData structure cannot be walked.
    static func ocspResponse(inDER der: [UInt8]) throws(TICryptoError) -> [UInt8]? {
        try CMSSignedAttributes.mapped { () throws(TICryptoError) -> [UInt8]? in
            let root = try DERDecoding.mapped("ContentInfo") { try BER.parse(der) }
            guard let crlsNode = try CMSSignedDataFields(root).crls else { return nil }
            var crls = try DERCursor(crlsNode, .context(1), "RevocationInfoChoices")
            for choice in crls.rest() where choice.identifier == .context(1) {
                var other = try DERCursor(choice, .context(1), "OtherRevocationInfoFormat")
                let format = try DERDecoding.oid(try other.next(.objectIdentifier, "otherRevInfoFormat"), "otherRevInfoFormat")
                let info = try other.next("otherRevInfo")
                if format == CMSOID.ocspResponseRevocationInfo { return Array(info.encodedBytes) }
            }
            return nil
        }
    }
}
