// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto

/// The Fachdienst's signing identity for receipts (ID.FD.SIG / C.FD.SIG, spec/fd-api.md §5.2): signs enveloping
/// CAdES-BES and embeds the latest OCSP response of its certificate.
public struct ReceiptSigner: Sendable {
    /// Which hash of the prescriber's QES the receipt's `PrescriptionDigest` carries.
    public enum PrescriptionDigest: Sendable, Hashable {
        /// SHA-256 over the QES's signed attributes: the value the QES signature was computed over, the literal
        /// reading of "Hashwert aus der QES Signatur" (spec/fd-api.md §5.2).
        case signedAttributes
        /// The QES's messageDigest attribute (the hash of the signed bundle). The live Fachdienst is reported to put
        /// this value into the receipt.
        case messageDigest

        /// The chosen value of `qes`.
        public func value(of qes: CMSSignedData) -> [UInt8] {
            switch self {
            case .signedAttributes: qes.signedAttributesDigest
            case .messageDigest: qes.messageDigest
            }
        }

        /// The same value, from the digests alone.
        public func value(of digests: CMSSignerDigests) -> [UInt8] {
            switch self {
            case .signedAttributes: digests.signedAttributes
            case .messageDigest: digests.messageDigest
            }
        }
    }

    /// A source of OCSP responses for the signer certificate: given the certificate and the time, the latest answer.
    /// Asynchronous, so that an OCSP client may ask the responder over the network without blocking a thread.
    public typealias OCSPSource = @Sendable (TelematikCertificate, Date) async -> OCSPResponse?

    /// The longest an OCSP response may be old when it is embedded (A_22919: 24 hours).
    public static let maximumOCSPAge: TimeInterval = 24 * 3_600

    /// The CMS signer with the C.FD.SIG key and certificate (and its chain).
    public let signer: CMSSigner
    /// C.FD.SIG, parsed.
    public let certificate: TelematikCertificate
    /// Where the OCSP responses come from.
    public let ocspSource: OCSPSource
    /// The one switch for the digest in the receipt; ``PrescriptionDigest/signedAttributes`` by default.
    public let prescriptionDigest: PrescriptionDigest
    /// The Fachdienst release written into the receipt's Device (`serialNumber`, `version`).
    public let release: String

    /// Creates a receipt signer.
    /// - Parameters:
    ///   - signer: a CMS signer with the C.FD.SIG key and certificate.
    ///   - ocspSource: the OCSP responses for C.FD.SIG.
    ///   - prescriptionDigest: which hash of the QES goes into the receipt.
    ///   - release: the Fachdienst release for the receipt's Device.
    /// - Throws: `invalidEncoding` when the signer's certificate does not parse.
    public init(
        signer: CMSSigner,
        ocspSource: @escaping OCSPSource,
        prescriptionDigest: PrescriptionDigest = .signedAttributes,
        release: String = "0.1.0"
    ) throws(TICryptoError) {
        self.signer = signer
        self.certificate = try TelematikCertificate(derEncoded: signer.certificateDER)
        self.ocspSource = ocspSource
        self.prescriptionDigest = prescriptionDigest
        self.release = release
    }

    /// Signs `content` at `now` as enveloping CAdES-BES and embeds a fresh OCSP response.
    /// - Throws: 503 ``WorkflowError/Code/receiptSigningUnavailable`` when no good OCSP response of at most 24 hours
    ///   is available (A_22919) or signing fails.
    public func sign(_ content: [UInt8], now: Date) async throws(WorkflowError) -> [UInt8] {
        // A_22919: only with an OCSP response of at most 24 hours that reports the certificate good.
        guard let response = await self.ocspSource(self.certificate, now), let basic = response.basicResponse,
            now.timeIntervalSince(basic.producedAt) <= Self.maximumOCSPAge,
            basic.responses.allSatisfy({ $0.status == .good })
        else {
            throw WorkflowError(.receiptSigningUnavailable, reason: "No current OCSP response for the receipt signature certificate")
        }
        do {
            let signed = try self.signer.sign(content, signingTime: now)
            return try CMSSignedData.embeddingOCSPResponse(response, in: signed)
        } catch {
            throw WorkflowError(.receiptSigningUnavailable, reason: "The receipt could not be signed: \(error.code)")
        }
    }
}
