// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL
internal import Crypto
public import Foundation

/// A parsed enveloping CMS SignedData (RFC 5652 §5) with one signer, as connectors produce for a QES over an
/// E-Rezept bundle (CAdES-BES, ETSI EN 319 122-1) and the Fachdienst for its receipt (spec/ref-impl.md A.6, A.7).
///
/// Parsing accepts BER and DER, including the indefinite lengths and chunked OCTET STRINGs of streamed CMS, and checks
/// the structure only. ``verifySignature()`` then checks the signature mathematically; the signer certificate's chain,
/// validity at ``signingTime``, revocation and profession are separate steps (spec/fd-api.md §6 steps 3–5).
///
/// Equality and hashing use ``encoded`` only.
public struct CMSSignedData: Hashable, Sendable {
    /// The document exactly as given (BER or DER).
    public let encoded: [UInt8]
    /// `eContentType` (RFC 5652 §5.2); id-data 1.2.840.113549.1.7.1 for a prescription.
    public let contentType: OID
    /// The embedded content, byte-exact: for a prescription the KBV bundle XML as the prescriber signed it.
    public let content: [UInt8]
    /// Every certificate of `SignedData.certificates` as DER, in order (signer, sometimes CA certificates).
    public let certificatesDER: [[UInt8]]
    /// The signer certificate as DER: the included certificate that the SignerIdentifier names (RFC 5652 §5.3).
    public let signerCertificateDER: [UInt8]
    /// The signer certificate, parsed (for example ``TelematikCertificate/professionOIDs`` of an HBA).
    public let signerCertificate: TelematikCertificate
    /// The signingTime signed attribute (RFC 5652 §11.3): the reference time for certificate validation and the QES
    /// date of spec/fd-api.md §6 (steps 3, 9, 15). Nil when absent.
    public let signingTime: Date?
    /// The signature scheme of `SignerInfo.signatureAlgorithm`.
    public let signatureAlgorithm: CMSSignatureAlgorithm
    /// `SignerInfo.signatureAlgorithm.algorithm` as written (rsaEncryption and sha256WithRSAEncryption both occur).
    public let signatureAlgorithmOID: OID
    /// `SignerInfo.digestAlgorithm.algorithm`, e.g. id-sha256.
    public let digestAlgorithmOID: OID
    /// `SignerInfo.signature`: for ECDSA the DER `ECDSA-Sig-Value`, for RSA the big-endian signature block.
    public let signatureValue: [UInt8]
    /// The DER of the signed attributes as signed (RFC 5652 §5.4): `SET OF Attribute` with tag 0x31 in place of the
    /// IMPLICIT [0] of the SignerInfo field, elements in received order. See ``signedAttributesDigest``.
    public let signedAttributesDER: [UInt8]
    /// SHA-256 over ``signedAttributesDER``: the hash value the signature (the QES) was computed over.
    ///
    /// With signed attributes present, RFC 5652 §5.4 signs the digest of exactly these bytes, not of the content, so
    /// this is the literal reading of "Hashwert aus der QES Signatur" that spec/fd-api.md §5.2 wants in the receipt's
    /// Binary. Caution: gematik's productive Fachdienst (`CloseTaskHandler.cxx` → `CadesBesSignature::getMessageDigest`)
    /// puts the messageDigest attribute there instead, i.e. ``messageDigest``; both are offered so the caller decides.
    public let signedAttributesDigest: [UInt8]
    /// The messageDigest signed attribute (RFC 5652 §11.2): the digest of ``content`` under ``digestAlgorithmOID``.
    public let messageDigest: [UInt8]
    /// The types of the signed attributes, in received order.
    public let signedAttributeTypes: [OID]
    /// The types of the unsigned attributes, in received order (empty when there are none).
    public let unsignedAttributeTypes: [OID]
    /// Whether the ESS signingCertificateV2 attribute (RFC 5035 §3; required by CAdES-BES) is present.
    public let hasSigningCertificateV2: Bool
    /// Whether signingCertificateV2 is present and its first ESSCertIDv2 names ``signerCertificate``.
    public let signingCertificateV2MatchesSigner: Bool
    /// The DER `OCSPResponse` (RFC 6960 §4.2.1) embedded as `RevocationInfoChoice.other` with id-ri-ocsp-response
    /// (RFC 5940 §4.1), as connectors embed the HBA's status; nil when absent. Not parsed or checked here.
    public let embeddedOCSPResponseDER: [UInt8]?

    /// Parses a BER or DER `ContentInfo` holding an enveloping SignedData with exactly one signer.
    /// - Throws: `invalidCMS` for malformed input (not BER, not SignedData, broken signed attributes or signer
    ///   certificate, trailing bytes); `unsupportedCMS` for detached content, several signers, no signed attributes, or
    ///   a signer certificate that is not included.
    public init(derEncoded: [UInt8]) throws(TICryptoError) {
        let info = try CMSContentInfo(berEncoded: derEncoded)
        guard info.isSignedData else {
            throw TICryptoError(.unsupportedCMS, reason: "ContentInfo is not id-signedData")
        }
        let signerInfo = try info.singleSignerInfo()
        let signer = try X509Handle.der(of: try info.signerCertificate(of: signerInfo))
        let algorithms = try CMSSignerInfoAlgorithms(signerInfo: signerInfo)
        let attributes = try CMSSignedAttributes(signerInfo: signerInfo)
        let certificate: TelematikCertificate
        do {
            certificate = try TelematikCertificate(derEncoded: signer)
        } catch {
            throw TICryptoError(.invalidCMS, reason: "signer certificate: \(error)")
        }
        self.encoded = derEncoded
        self.contentType = try info.contentType()
        self.content = try info.embeddedContent()
        self.certificatesDER = try info.certificatesDER()
        self.signerCertificateDER = signer
        self.signerCertificate = certificate
        self.signingTime = attributes.signingTime
        self.signatureAlgorithmOID = algorithms.signature
        self.signatureAlgorithm = CMSSignatureAlgorithm(oid: algorithms.signature)
        self.digestAlgorithmOID = algorithms.digest
        self.signatureValue = algorithms.signatureValue
        self.signedAttributesDER = attributes.der
        self.signedAttributesDigest = Array(SHA256.hash(data: attributes.der))
        self.messageDigest = attributes.messageDigest
        self.signedAttributeTypes = attributes.types
        self.unsignedAttributeTypes = algorithms.unsignedAttributeTypes
        self.hasSigningCertificateV2 = attributes.signingCertificateV2 != nil
        self.signingCertificateV2MatchesSigner =
            attributes.signingCertificateV2.map {
                ESSSigningCertificateV2.matches($0, certificate: certificate)
            } ?? false
        self.embeddedOCSPResponseDER = try CMSRevocationInfo.ocspResponse(inDER: try info.derEncoded())
    }

    /// Equal when the encodings are equal.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.encoded == rhs.encoded
    }

    /// Hashes the encoding.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.encoded)
    }
}
