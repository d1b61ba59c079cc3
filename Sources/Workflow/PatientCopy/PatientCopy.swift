// SPDX-License-Identifier: Apache-2.0

public import FHIR
public import Foundation
public import TICrypto

/// The patient copy (DocumentType 2, spec/fd-api.md §5.3, A_19029-06): the KBV bundle of the QES as JSON, under a new
/// UUID as `Bundle.id`, signed by the Fachdienst as a detached JWS in `Bundle.signature`; the insurant receives it with
/// `GET /Task/{id}` (A_21375-02).
///
/// The value is immutable: the signature covers the bundle, so the only way to a patient copy is signing one.
public struct PatientCopy: Sendable, Hashable {
    /// `Signature.type`: urn:iso-astm:E1762-95:2013 1.2.840.10065.1.12.1.1, as in the workflow's signed bundles.
    public static let signatureType = Coding(system: "urn:iso-astm:E1762-95:2013", code: "1.2.840.10065.1.12.1.1")
    /// `Signature.targetFormat`: the signed content is FHIR JSON.
    public static let targetFormat = "application/fhir+json"
    /// `Signature.sigFormat`: a JWS in compact serialization.
    public static let sigFormat = "application/jose"
    /// The canonicalization of the signed content (A_19029-06).
    public static let canonicalization = FHIRCanonicalization.static

    /// The signed bundle: the prescription with the new `Bundle.id` and `Bundle.signature`.
    public let bundle: FHIR.Bundle

    /// `Bundle.id`, the UUID given at `$activate` (lower case), which `Task.input` type 2 references.
    public var id: String { self.bundle.id?.value ?? "" }

    /// The bundle as stored with the task: compact FHIR JSON.
    public var storedBytes: [UInt8] { FHIREncoder(format: .json).encode(self.bundle) }

    /// Makes the patient copy of `prescription` at `$activate`.
    /// - Parameters:
    ///   - prescription: the KBV bundle of the QES, as decoded.
    ///   - id: the new `Bundle.id` (never the KBV bundle's own id).
    ///   - signer: C.FD.SIG.
    ///   - now: `Signature.when`.
    /// - Throws: 500 ``WorkflowError/Code/patientCopySigningFailed`` when signing fails.
    public init(prescription: FHIR.Bundle, id: UUID, signer: PatientCopySigner, at now: Date) throws(WorkflowError) {
        var bundle = prescription
        // A_19029-06: a new, unique UUID as Bundle.id.
        bundle.id = Primitive(id.uuidString.lowercased())
        bundle.signature = nil
        let jws: JWS
        do {
            // A_19029-06: canonicalised per json#static and signed with the Fachdienst's identity as detached JWS.
            jws = try signer.sign(Self.signedContent(of: bundle))
        } catch {
            throw WorkflowError(.patientCopySigningFailed, reason: "The patient copy could not be signed: \(error.code)")
        }
        bundle.signature = Signature(
            type: [Self.signatureType],
            when: Primitive(ReceiptDocument.instant(now)),
            who: Reference(reference: Primitive(signer.deviceReference)),
            targetFormat: Primitive(Self.targetFormat),
            sigFormat: Primitive(Self.sigFormat),
            // Signature.data is base64Binary: the base64 of the ASCII compact form `header..signature`.
            data: Primitive(Data(jws.detachedCompactSerialization.utf8).base64EncodedString())
        )
        self.bundle = bundle
    }

    /// A patient copy as stored by ``storedBytes``.
    /// - Throws: 500 ``WorkflowError/Code/storageFailure`` when the bytes are not a FHIR JSON Bundle.
    public init(stored bytes: [UInt8]) throws(WorkflowError) {
        do {
            self.bundle = try FHIRDecoder().decode(FHIR.Bundle.self, from: bytes, format: .json)
        } catch {
            throw WorkflowError(.storageFailure, reason: "the stored patient copy is not a FHIR JSON Bundle")
        }
    }

    /// The bytes the detached JWS covers.
    ///
    /// Decision (A_19029-06, spec/fd-api.md §5.3; FHIR R4 json.html "Canonical JSON", signatures.html): the canonical
    /// JSON `http://hl7.org/fhir/canonicalization/json#static` — no whitespace, properties in alphabetical order, root
    /// `text` and `meta` removed (see ``FHIR/FHIRCanonicalization``) — of the bundle *with* its new `Bundle.id` and
    /// *without* `Bundle.signature`, which cannot cover itself. The JWS signing input over these bytes is the ordinary
    /// one of RFC 7515 §5.1 (`BASE64URL(header) '.' BASE64URL(content)`); the content is detached (RFC 7515
    /// Appendix F), so `Signature.data` carries `header..signature`. A verifier rebuilds the same bytes from the
    /// bundle it received, in JSON or XML, by removing `signature` and applying the canonicalization.
    public static func signedContent(of bundle: FHIR.Bundle) -> [UInt8] {
        var unsigned = bundle
        unsigned.signature = nil
        return Self.canonicalization.canonicalJSON(of: unsigned)
    }

    /// Checks the signature of a patient copy `bundle` against C.FD.SIG.
    /// - Parameter certificate: the expected signer; its DER must be the first `x5c` entry of the JWS header.
    /// - Returns: the verified JWS, with ``signedContent(of:)`` as its payload.
    /// - Throws: `malformedJOSE` when there is no `application/jose` signature or its data is not a detached compact
    ///   JWS; `signatureVerificationFailed` when `x5c` names another certificate or the signature does not verify over
    ///   the bundle as it is.
    @discardableResult
    public static func verify(_ bundle: FHIR.Bundle, signedBy certificate: TelematikCertificate) throws(TICryptoError) -> JWS {
        guard let signature = bundle.signature, signature.sigFormat?.value == Self.sigFormat,
            let data = signature.data?.value, let decoded = Data(base64Encoded: data)
        else {
            throw TICryptoError(.malformedJOSE, reason: "the bundle carries no base64 application/jose signature")
        }
        let jws = try JWS(detachedCompact: String(decoding: decoded, as: UTF8.self), payload: Self.signedContent(of: bundle))
        guard jws.header.x5c?.first == certificate.derEncoded else {
            throw TICryptoError(.signatureVerificationFailed, reason: "the JWS x5c does not name the expected certificate")
        }
        guard certificate.subjectPublicKeyInfo.isBrainpoolP256r1 else {
            throw TICryptoError(.unsupportedCurve, reason: "the patient copy certificate is not a brainpoolP256r1 key")
        }
        try jws.verify(with: BrainpoolP256r1.Signing.PublicKey(x963Representation: certificate.subjectPublicKeyInfo.publicKey))
        return jws
    }
}
