// SPDX-License-Identifier: Apache-2.0

import Crypto
internal import SwiftASN1

/// The two digests of a CMS signer that a receipt can name (see ``CMSSignedData/signedAttributesDigest`` and
/// ``CMSSignedData/messageDigest``), read from a DER `ContentInfo` without the full parse of ``CMSSignedData``.
///
/// `$close` needs only these digests of a QES that was verified and stored at `$activate`; the full parse decodes
/// the certificates and their keys again, which costs far more than walking the ASN.1 structure. Only DER is read:
/// for BER input (indefinite lengths, as some connectors send) ``init(derEncoded:)`` throws and the caller falls back
/// to ``CMSSignedData``.
public struct CMSSignerDigests: Sendable, Hashable {
    /// SHA-256 over the DER `SET OF Attribute` of the signed attributes.
    public let signedAttributes: [UInt8]
    /// The content of the messageDigest signed attribute.
    public let messageDigest: [UInt8]

    /// Reads the digests of the only signer of a DER SignedData `ContentInfo` (RFC 5652 §5.1, §5.3).
    /// - Throws: `invalidCMS` for input that is not DER of that shape, has no or several signers, no signed
    ///   attributes or no messageDigest attribute.
    public init(derEncoded: [UInt8]) throws(TICryptoError) {
        do throws(TICryptoError) {
            let root = try DERDecoding.parse(derEncoded[...], "ContentInfo")
            let signedData = try CMSSignedDataFields(root)
            var signerInfos = try DERCursor(signedData.signerInfos, .set, "signerInfos")
            let signers = signerInfos.rest()
            guard signers.count == 1, let signer = signers.first else {
                throw TICryptoError(.invalidCMS, reason: "\(signers.count) signers instead of one")
            }
            var signerInfo = try DERCursor(signer, .sequence, "SignerInfo")
            _ = try signerInfo.next(.integer, "version")
            _ = try signerInfo.next("sid")
            _ = try signerInfo.next(.sequence, "digestAlgorithm")
            guard let attributes = signerInfo.optional(.context(0)) else {
                throw TICryptoError(.invalidCMS, reason: "no signed attributes")
            }
            // RFC 5652 §5.4: the signature covers the attributes with the EXPLICIT SET OF tag, not the IMPLICIT [0].
            var signedBytes = Array(attributes.encodedBytes)
            signedBytes[0] = 0x31
            var messageDigest: [UInt8]?
            var cursor = try DERCursor(attributes, .context(0), "signedAttrs")
            for attribute in cursor.rest() {
                var fields = try DERCursor(attribute, .sequence, "Attribute")
                guard try DERDecoding.oid(try fields.next(.objectIdentifier, "attrType"), "attrType") == CMSOID.messageDigest else {
                    continue
                }
                var values = try DERCursor(try fields.next(.set, "attrValues"), .set, "attrValues")
                messageDigest = try DERDecoding.octetString(try values.next(.octetString, "messageDigest"), "messageDigest")
            }
            guard let messageDigest else {
                throw TICryptoError(.invalidCMS, reason: "no messageDigest attribute")
            }
            self.signedAttributes = Array(SHA256.hash(data: signedBytes))
            self.messageDigest = messageDigest
        } catch {
            throw TICryptoError(.invalidCMS, reason: "signer digests: \(error.code): \(error.reason)")
        }
    }
}
