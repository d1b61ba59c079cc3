// SPDX-License-Identifier: Apache-2.0

public import FHIR

/// The facts `$activate` checks, read from the KBV bundle inside the prescriber's QES (spec/fd-api.md §6 steps 6–15).
///
/// Reading never fails on a missing element: absence is a fact the rules judge (for example a bundle without a
/// PrescriptionID fails the ID rule, not the reader). Only the profile must be present to choose the rules.
public struct PrescriptionBundle: Sendable {
    /// The bundle's declared profile (`Bundle.meta.profile`), e.g. `KBV_PR_ERP_Bundle|1.3`.
    public let profile: CanonicalProfile?
    /// `Bundle.identifier.value` when its system is the PrescriptionID naming system.
    public let prescriptionID: String?
    /// The Patient's identifier system and value (the KVNR under `http://fhir.de/sid/gkv/kvid-10`).
    public let patientIdentifier: (system: String?, value: String?)?
    /// The Coverage type code (`http://fhir.de/CodeSystem/versicherungsart-de-basis`: GKV, PKV, BG, …).
    public let coverageType: String?
    /// `MedicationRequest.authoredOn` (or, in a DiGA bundle, `DeviceRequest.authoredOn`) as written.
    public let authoredOn: DateTimeValue?
    /// `Composition.type.coding.code` (`KBV_CS_SFHIR_KBV_FORMULAR_ART`, e.g. `e16A`, `e16D` for DiGA).
    public let compositionType: String?
    /// Whether the bundle carries a DeviceRequest (`KBV_PR_EVDGA_HealthAppRequest`, DiGA prescriptions).
    public let hasDeviceRequest: Bool
    /// The PZN codes of the DeviceRequest's `codeCodeableConcept` (system `http://fhir.de/CodeSystem/ifa/pzn`).
    public let healthAppPZNs: [String]
    /// The legal basis of the Composition (`KBV_EX_FOR_Legal_basis`).
    public let legalBasis: LegalBasis?
    /// The Medication's category (`KBV_EX_ERP_Medication_Category`: 00 medicinal product, 01 BtM, 02 T-Rezept).
    public let medicationCategory: String?
    /// Whether the bundle carries a MedicationRequest at all.
    public let hasMedicationRequest: Bool
    /// The Mehrfachverordnung extension of the MedicationRequest.
    public let multiplePrescription: MultiplePrescriptionExtension?

    /// The `KBV_EX_ERP_Multiple_Prescription` extension as written.
    public struct MultiplePrescriptionExtension: Sendable, Hashable {
        /// `Kennzeichen`.
        public let isMultiplePrescription: Bool
        /// `Nummerierung`: numerator and denominator, when given as whole numbers.
        public let numerator: Int?
        public let denominator: Int?
        /// Whether `Nummerierung` is present at all.
        public let hasNumbering: Bool
        /// `Zeitraum.start` and `.end` as calendar dates.
        public let start: CalendarDate?
        public let end: CalendarDate?
        /// Whether `Zeitraum` is present at all.
        public let hasPeriod: Bool
        /// `ID.value`.
        public let id: String?
    }

    static let prescriptionIDSystems: Set<String> = [
        PrescriptionID.system, "https://gematik.de/fhir/erp/NamingSystem/GEM_ERP_NS_PrescriptionId",
    ]
    static let pznSystem = "http://fhir.de/CodeSystem/ifa/pzn"
    static let coverageTypeSystem = "http://fhir.de/CodeSystem/versicherungsart-de-basis"
    static let legalBasisURL = "https://fhir.kbv.de/StructureDefinition/KBV_EX_FOR_Legal_basis"
    static let medicationCategoryURL = "https://fhir.kbv.de/StructureDefinition/KBV_EX_ERP_Medication_Category"
    static let multiplePrescriptionURL = "https://fhir.kbv.de/StructureDefinition/KBV_EX_ERP_Multiple_Prescription"

    /// Reads the facts from a decoded bundle.
    public init(_ bundle: FHIR.Bundle) {
        self.profile = bundle.meta?.profile.first?.value.map(CanonicalProfile.init)
        self.prescriptionID = bundle.identifier.flatMap { identifier in
            identifier.system?.value.map(Self.prescriptionIDSystems.contains) == true ? identifier.value?.value : nil
        }
        let resources = bundle.entry.compactMap(\.resource)
        var patientIdentifier: (system: String?, value: String?)?
        var coverageType: String?
        var authoredOn: DateTimeValue?
        var deviceAuthoredOn: DateTimeValue?
        var compositionType: String?
        var hasDeviceRequest = false
        var healthAppPZNs: [String] = []
        var legalBasis: LegalBasis?
        var medicationCategory: String?
        var hasMedicationRequest = false
        var multiplePrescription: MultiplePrescriptionExtension?
        for resource in resources {
            switch resource {
            case .patient(let patient):
                let identifier = patient.identifier.first { $0.system?.value == KVNR.system } ?? patient.identifier.first
                patientIdentifier = identifier.map { ($0.system?.value, $0.value?.value) }
            case .coverage(let coverage):
                coverageType = coverage.type?.coding.first { $0.system?.value == Self.coverageTypeSystem }?.code?.value
            case .composition(let composition):
                legalBasis = Self.coding(in: composition.extension, url: Self.legalBasisURL).map(LegalBasis.init(code:))
                compositionType = composition.type.coding.first?.code?.value
            case .deviceRequest(let request):
                hasDeviceRequest = true
                deviceAuthoredOn = request.authoredOn?.value
                if case .codeableConcept(let concept) = request.code {
                    healthAppPZNs = concept.coding.filter { $0.system?.value == Self.pznSystem }.compactMap { $0.code?.value }
                }
            case .medication(let medication):
                medicationCategory = Self.coding(in: medication.extension, url: Self.medicationCategoryURL)
            case .medicationRequest(let request):
                hasMedicationRequest = true
                authoredOn = request.authoredOn?.value
                multiplePrescription = request.extension.first { $0.url == Self.multiplePrescriptionURL }.map(Self.multiplePrescription)
            default:
                break
            }
        }
        self.patientIdentifier = patientIdentifier
        self.coverageType = coverageType
        self.authoredOn = authoredOn ?? deviceAuthoredOn
        self.compositionType = compositionType
        self.hasDeviceRequest = hasDeviceRequest
        self.healthAppPZNs = healthAppPZNs
        self.legalBasis = legalBasis
        self.medicationCategory = medicationCategory
        self.hasMedicationRequest = hasMedicationRequest
        self.multiplePrescription = multiplePrescription
    }

    private static func coding(in extensions: [Extension], url: String) -> String? {
        guard case .coding(let coding) = extensions.first(where: { $0.url == url })?.value else { return nil }
        return coding.code?.value
    }

    private static func multiplePrescription(_ parent: Extension) -> MultiplePrescriptionExtension {
        func part(_ url: String) -> Extension.ValueX? { parent.extension.first { $0.url == url }?.value }
        var isMarked = false
        if case .boolean(let flag) = part("Kennzeichen") { isMarked = flag.value ?? false }
        var numerator: Int?
        var denominator: Int?
        if case .ratio(let ratio) = part("Nummerierung") {
            numerator = ratio.numerator?.value?.value.flatMap { Int($0.lexical) }
            denominator = ratio.denominator?.value?.value.flatMap { Int($0.lexical) }
        }
        var start: CalendarDate?
        var end: CalendarDate?
        if case .period(let period) = part("Zeitraum") {
            start = period.start?.value.flatMap(CalendarDate.init(fhirDate:))
            end = period.end?.value.flatMap(CalendarDate.init(fhirDate:))
        }
        var id: String?
        if case .identifier(let identifier) = part("ID") { id = identifier.value?.value }
        return MultiplePrescriptionExtension(
            isMultiplePrescription: isMarked,
            numerator: numerator,
            denominator: denominator,
            hasNumbering: part("Nummerierung") != nil,
            start: start,
            end: end,
            hasPeriod: part("Zeitraum") != nil,
            id: id
        )
    }
}

extension CalendarDate {
    /// The calendar date of a FHIR `date`/`dateTime` with at least day precision, as written (no time-zone shift).
    init?(fhirDate value: DateTimeValue) {
        guard let month = value.month, let day = value.day else { return nil }
        self.init(year: value.year, month: month, day: day)
    }
}
