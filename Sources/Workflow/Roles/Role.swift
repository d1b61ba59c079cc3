// SPDX-License-Identifier: Apache-2.0

public import TICrypto

/// The part a caller plays in the workflow, derived from the `professionOID` of the access token or certificate
/// (spec/fd-api.md §2 legend and §3 "Role sets").
public enum Role: String, Sendable, CaseIterable, CustomStringConvertible {
    /// A prescribing institution (PVS): practices of doctors, dentists and psychotherapists, hospitals, rehab centres.
    case prescriber
    /// A pharmacy (AVS): public or hospital pharmacy.
    case pharmacy
    /// An insurant (FdV).
    case insurant
    /// A payer (KTR, Kostenträger); redeems DiGA prescriptions.
    case payer

    /// The professionOIDs of each role, as data. An OID not listed here has no role and may use no Task operation.
    public static let assignments: [(oid: OID, role: Role)] = [
        // A_19018-01, A_19022-01: the prescriber set of $create/$activate (spec/fd-api.md §3 "Role sets").
        (TelematikOID.praxisArzt, .prescriber),  // oid_praxis_arzt
        (TelematikOID.zahnarztpraxis, .prescriber),  // oid_zahnarztpraxis
        (TelematikOID.praxisPsychotherapeut, .prescriber),  // oid_praxis_psychotherapeut
        (TelematikOID.krankenhaus, .prescriber),  // oid_krankenhaus
        (TelematikOID.institutionVorsorgeReha, .prescriber),  // oid_institution-vorsorge-reha
        // A_19166-02: pharmacy set.
        (TelematikOID.oeffentlicheApotheke, .pharmacy),  // oid_oeffentliche_apotheke
        (TelematikOID.krankenhausapotheke, .pharmacy),  // oid_krankenhausapotheke
        // Insurant: oid_versicherter.
        (TelematikOID.versicherter, .insurant),
        // Payer: oid_kostentraeger (AE erp_diga).
        (TelematikOID.kostentraeger, .payer),
    ]

    /// The role of a professionOID, or `nil` when the OID belongs to none of the workflow's role sets (for example
    /// `oid_bundeswehrapotheke` or a person's HBA OID `oid_arzt`, which is not an institution).
    public init?(professionOID: OID) {
        guard let entry = Self.assignments.first(where: { $0.oid == professionOID }) else { return nil }
        self = entry.role
    }

    /// The professionOIDs that map to this role.
    public var professionOIDs: [OID] {
        Self.assignments.filter { $0.role == self }.map(\.oid)
    }

    /// The role's name.
    public var description: String { self.rawValue }
}
