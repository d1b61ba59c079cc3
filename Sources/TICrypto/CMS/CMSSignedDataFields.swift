// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

/// The fields of a `ContentInfo` holding `SignedData` (RFC 5652 §3, §5.1), as ASN.1 nodes, for the code that reads
/// or rewrites parts of a CMS without OpenSSL: the embedded OCSP response, the signer's digests, OCSP embedding.
struct CMSSignedDataFields {
    /// `contentType`, id-signedData.
    let contentType: ASN1Node
    let version: ASN1Node
    let digestAlgorithms: ASN1Node
    let encapsulatedContentInfo: ASN1Node
    /// `[0] IMPLICIT CertificateSet`, when present.
    let certificates: ASN1Node?
    /// `[1] IMPLICIT RevocationInfoChoices`, when present.
    let crls: ASN1Node?
    let signerInfos: ASN1Node

    /// Walks `root`, the parsed `ContentInfo`.
    /// - Throws: `invalidStructure` (and the codes of ``DERCursor``) when it is not a SignedData `ContentInfo` with
    ///   nothing after its fields.
    init(_ root: ASN1Node) throws(TICryptoError) {
        var contentInfo = try DERCursor(root, .sequence, "ContentInfo")
        self.contentType = try contentInfo.next(.objectIdentifier, "contentType")
        guard try DERDecoding.oid(self.contentType, "contentType") == "1.2.840.113549.1.7.2" else {
            throw TICryptoError(.invalidStructure, reason: "not id-signedData")
        }
        var explicit = try DERCursor(try contentInfo.next(.context(0), "content"), .context(0), "content")
        var signedData = try DERCursor(try explicit.next(.sequence, "SignedData"), .sequence, "SignedData")
        try explicit.finish()
        try contentInfo.finish()
        self.version = try signedData.next(.integer, "version")
        self.digestAlgorithms = try signedData.next(.set, "digestAlgorithms")
        self.encapsulatedContentInfo = try signedData.next(.sequence, "encapContentInfo")
        self.certificates = signedData.optional(.context(0))
        self.crls = signedData.optional(.context(1))
        self.signerInfos = try signedData.next(.set, "signerInfos")
        try signedData.finish()
    }
}
