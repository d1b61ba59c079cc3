// SPDX-License-Identifier: Apache-2.0

public import FHIR
public import Foundation

/// The receipt (Quittung, DocumentType 3) of `$close` (spec/fd-api.md §5.2, A_19233-06; shape of
/// shared/fhir-examples/receipt/wf1.6_Bundle-dffbfd6a-…json): a document Bundle with Composition, Device and the
/// `PrescriptionDigest` Binary, whose XML serialization is signed as enveloping CAdES-BES into `Bundle.signature`.
public enum ReceiptDocument {
    /// `Bundle.meta.profile`.
    public static let bundleProfile = "https://gematik.de/fhir/erp/StructureDefinition/GEM_ERP_PR_Bundle|1.6"
    /// `Composition.meta.profile`.
    public static let compositionProfile = "https://gematik.de/fhir/erp/StructureDefinition/GEM_ERP_PR_Composition|1.6"
    /// `Device.meta.profile`.
    public static let deviceProfile = "https://gematik.de/fhir/erp/StructureDefinition/GEM_ERP_PR_Device|1.6"
    /// `Binary.meta.profile` of the digest.
    public static let digestProfile = "https://gematik.de/fhir/erp/StructureDefinition/GEM_ERP_PR_Digest|1.6"
    /// The extension that names the closing institution.
    public static let beneficiaryExtension = "https://gematik.de/fhir/erp/StructureDefinition/GEM_ERP_EX_Beneficiary"
    /// The code system of `Composition.type`.
    public static let documentTypeSystem = "https://gematik.de/fhir/erp/CodeSystem/GEM_ERP_CS_DocumentType"
    /// The signature type: urn:iso-astm:E1762-95:2013 1.2.840.10065.1.12.1.1 (author's signature).
    public static let signatureType = Coding(system: "urn:iso-astm:E1762-95:2013", code: "1.2.840.10065.1.12.1.1")

    /// What the receipt states.
    public struct Content: Sendable {
        /// The PrescriptionID (`Bundle.identifier`).
        public var prescriptionID: PrescriptionID
        /// The closing institution (`Composition.extension:Beneficiary`).
        public var beneficiary: TelematikID
        /// `$accept`: ready → in-progress (`event.period.start`).
        public var accepted: Date
        /// `$close`: in-progress → completed, the signing time (`event.period.end`, `Bundle.timestamp`).
        public var closed: Date
        /// The hash of the prescriber's QES (`Binary.data`).
        public var prescriptionDigest: [UInt8]
        /// The Fachdienst release (`Device.serialNumber`, `Device.version`).
        public var release: String

        /// Creates the content.
        public init(
            prescriptionID: PrescriptionID,
            beneficiary: TelematikID,
            accepted: Date,
            closed: Date,
            prescriptionDigest: [UInt8],
            release: String
        ) {
            self.prescriptionID = prescriptionID
            self.beneficiary = beneficiary
            self.accepted = accepted
            self.closed = closed
            self.prescriptionDigest = prescriptionDigest
            self.release = release
        }
    }

    /// The unsigned receipt Bundle: `Bundle.signature` is added by ``signed(_:signer:)``.
    public static func unsigned(_ content: Content) -> FHIR.Bundle {
        let compositionID = Self.uuid()
        let deviceURL = "urn:uuid:\(Self.uuid())"
        let binaryID = Self.uuid()
        let composition = Composition(
            id: Primitive(compositionID),
            meta: Meta(profile: [Primitive(Self.compositionProfile)]),
            extension: [
                Extension(
                    url: Self.beneficiaryExtension,
                    value: .identifier(Identifier(system: Primitive(TelematikID.system), value: Primitive(content.beneficiary.value)))
                )
            ],
            status: "final",
            type: CodeableConcept(coding: [
                Coding(system: Primitive(Self.documentTypeSystem), code: "3", display: "Receipt")
            ]),
            date: Primitive(Self.instant(content.closed)),
            author: [Reference(reference: Primitive(deviceURL))],
            title: "Quittung",
            event: [
                Composition.Event(period: Period(start: Primitive(Self.instant(content.accepted)), end: Primitive(Self.instant(content.closed))))
            ],
            section: [Composition.Section(entry: [Reference(reference: Primitive("urn:uuid:\(binaryID)"))])]
        )
        let device = Device(
            id: "1",
            meta: Meta(profile: [Primitive(Self.deviceProfile)]),
            status: "active",
            serialNumber: Primitive(content.release),
            deviceName: [Device.DeviceName(name: "E-Rezept-Fachdienst", type: "user-friendly-name")],
            version: [Device.Version(value: Primitive(content.release))],
            contact: [ContactPoint(system: "email", value: "betrieb@gematik.de")]
        )
        let digest = Binary(
            id: Primitive(binaryID),
            meta: Meta(profile: [Primitive(Self.digestProfile)]),
            contentType: "application/octet-stream",
            data: Primitive(Data(content.prescriptionDigest).base64EncodedString())
        )
        return FHIR.Bundle(
            id: Primitive(Self.uuid()),
            meta: Meta(profile: [Primitive(Self.bundleProfile)]),
            identifier: Identifier(system: Primitive(PrescriptionID.system), value: Primitive(content.prescriptionID.description)),
            type: "document",
            timestamp: Primitive(Self.instant(content.closed)),
            entry: [
                FHIR.Bundle.Entry(fullUrl: Primitive("urn:uuid:\(compositionID)"), resource: .composition(composition)),
                FHIR.Bundle.Entry(fullUrl: Primitive(deviceURL), resource: .device(device)),
                FHIR.Bundle.Entry(fullUrl: Primitive("urn:uuid:\(binaryID)"), resource: .binary(digest)),
            ]
        )
    }

    /// `bundle` with `Bundle.signature`: the enveloping CAdES-BES over its XML serialization (without signature),
    /// signed at `Bundle.timestamp` by `signer`, with the Device as `who`.
    /// - Throws: 503 when the receipt cannot be signed (A_22919).
    public static func signed(_ bundle: FHIR.Bundle, signer: ReceiptSigner, at now: Date) async throws(WorkflowError) -> FHIR.Bundle {
        let xml = FHIREncoder(format: .xml).encode(bundle)
        let cms = try await signer.sign(xml, now: now)
        var signed = bundle
        let device = bundle.entry.first { if case .device = $0.resource { true } else { false } }?.fullUrl
        signed.signature = Signature(
            type: [Self.signatureType],
            when: Primitive(Self.instant(now)),
            who: Reference(reference: device.map { Primitive($0.value) } ?? nil),
            sigFormat: "application/pkcs7-mime",
            data: Primitive(Data(cms).base64EncodedString())
        )
        return signed
    }

    /// A FHIR instant in UTC with whole seconds.
    static func instant(_ date: Date) -> DateTimeValue? {
        var style = Date.ISO8601FormatStyle()
        style.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return DateTimeValue(lexical: date.formatted(style))
    }

    private static func uuid() -> String { UUID().uuidString.lowercased() }
}
