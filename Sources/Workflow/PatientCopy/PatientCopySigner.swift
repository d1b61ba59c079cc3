// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto

/// The Fachdienst's signing identity for the patient copy (spec/fd-api.md §5.3, A_19029-06): the C.FD.SIG key and
/// certificate, the same identity that signs `$close` receipts (``ReceiptSigner``).
///
/// It signs as a detached JWS with `alg: BP256R1` and C.FD.SIG in `x5c`. Unlike the receipt, the JWS embeds no OCSP
/// response, so signing needs nothing but the key.
public struct PatientCopySigner: Sendable {
    /// The `typ` of the JWS header: the media type of a compact JWS (RFC 7515 §4.1.9, §9.2.1), as `Signature.sigFormat`.
    public static let type = "application/jose"
    /// The `cty` of the JWS header: the media type of the signed content (RFC 7515 §4.1.10), as `Signature.targetFormat`.
    public static let contentType = "application/fhir+json"

    /// The C.FD.SIG private key.
    let key: BrainpoolP256r1.Signing.PrivateKey
    /// C.FD.SIG, parsed; its DER goes into `x5c`.
    public let certificate: TelematikCertificate
    /// `Signature.who.reference`: the Fachdienst's Device (`<base>/Device/1` as in the workflow examples).
    public let deviceReference: String

    /// Creates a signer.
    /// - Parameters:
    ///   - key: the C.FD.SIG private key.
    ///   - certificateDER: C.FD.SIG as DER.
    ///   - deviceReference: `Signature.who.reference`, the Fachdienst's Device.
    /// - Throws: `invalidEncoding` when the certificate does not parse; `invalidKey` when the key does not belong to it.
    public init(key: BrainpoolP256r1.Signing.PrivateKey, certificateDER: [UInt8], deviceReference: String = "Device/1") throws(TICryptoError) {
        let certificate = try TelematikCertificate(derEncoded: certificateDER)
        guard certificate.subjectPublicKeyInfo.isBrainpoolP256r1,
            certificate.subjectPublicKeyInfo.publicKey == key.publicKey.x963Representation
        else {
            throw TICryptoError(.invalidKey, reason: "the patient copy key does not belong to its certificate")
        }
        self.key = key
        self.certificate = certificate
        self.deviceReference = deviceReference
    }

    /// The detached JWS over `content` (RFC 7515 Appendix F) with `alg: BP256R1`, `x5c: [C.FD.SIG]`, `typ` and `cty`.
    /// - Throws: `openSSL` if signing fails.
    public func sign(_ content: [UInt8]) throws(TICryptoError) -> JWS {
        let header = JOSEHeader(typ: Self.type, cty: Self.contentType, x5c: [self.certificate.derEncoded])
        return try JWS.sign(payload: content, header: header, key: self.key)
    }
}
