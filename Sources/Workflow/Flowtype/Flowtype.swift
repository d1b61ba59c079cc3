// SPDX-License-Identifier: Apache-2.0

/// The workflow type of a prescription (`GEM_ERP_CS_FlowType`, spec/fd-api.md §4.2); it is the prefix of the
/// PrescriptionID and decides who may redeem the prescription and which rules apply at `$activate`.
public enum Flowtype: String, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// 160: pharmacy-only medicinal products, statutory insurance (GKV), "Muster 16".
    case pharmacyGKV = "160"
    /// 162: digital health applications (DiGA), redeemed by the payer.
    case diga = "162"
    /// 165: narcotics (BtM); defined, but not activated by the Fachdienst yet (A_22231-01).
    case narcotic = "165"
    /// 166: medicinal products under § 3a AMVV (T-Rezept).
    case tPrescription = "166"
    /// 169: workflow steered by the health professional (GKV): the prescriber routes the token to the pharmacy.
    case directAssignmentGKV = "169"
    /// 200: pharmacy-only medicinal products, private insurance (PKV).
    case pharmacyPKV = "200"
    /// 209: workflow steered by the health professional (PKV).
    case directAssignmentPKV = "209"

    /// The code system of flowtypes.
    public static let system = "https://gematik.de/fhir/erp/CodeSystem/GEM_ERP_CS_FlowType"

    /// Looks up a flowtype code.
    /// - Throws: ``WorkflowError/Code/unknownFlowtype`` (400, A_19257-01) for a code that is not in the code system.
    public init(code: some StringProtocol) throws(WorkflowError) {
        guard let flowtype = Flowtype(rawValue: String(code)) else {
            throw WorkflowError(.unknownFlowtype, reason: "unknown flowtype \(code)")
        }
        self = flowtype
    }

    /// The three-digit code, e.g. `"160"`.
    public var code: String { self.rawValue }

    /// The display text of the code in workflow 1.6 (`CodeSystem-GEM-ERP-CS-FlowType.json` of
    /// de.gematik.erezept-workflow.r4 1.6.4).
    public var displayName: String {
        switch self {
        case .pharmacyGKV: "Flowtype für Apothekenpflichtige Arzneimittel"
        case .diga: "Flowtype für Digitale Gesundheitsanwendungen"
        case .narcotic: "Flowtype für Betäubungsmittel"
        case .tPrescription: "Flowtype für Arzneimittel nach § 3a AMVV"
        case .directAssignmentGKV: "Flowtype zur Workflow-Steuerung durch Leistungserbringer"
        case .pharmacyPKV: "Flowtype für Apothekenpflichtige Arzneimittel (PKV)"
        case .directAssignmentPKV: "Flowtype zur Workflow-Steuerung durch Leistungserbringer (PKV)"
        }
    }

    /// The code.
    public var description: String { self.rawValue }

    /// Orders by code.
    public static func < (lhs: Flowtype, rhs: Flowtype) -> Bool { lhs.rawValue < rhs.rawValue }
}
