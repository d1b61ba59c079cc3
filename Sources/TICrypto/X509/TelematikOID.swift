// SPDX-License-Identifier: Apache-2.0

/// Object identifiers of the telematics infrastructure (gemSpec_OID) used by the E-Rezept, plus the algorithm OIDs
/// that TI certificates carry.
///
/// Where each value was confirmed (files in the shared folder, next to the repository):
/// - **[CS-P]** `fhir-packages/de.gematik.terminology#1.0.9` CodeSystem `TIPractitionerProfessionOidCS`
///   (`https://gematik.de/fhir/directory/CodeSystem/PractitionerProfessionOID`): code and display.
/// - **[CS-O]** same package, CodeSystem `TIOrganizationProfessionTypeOidCS`
///   (`https://gematik.de/fhir/directory/CodeSystem/OrganizationProfessionOID`).
/// - **[FD]** `spec/fd-api.md` (role sets §2, $activate §6); **[REF]** `spec/ref-impl.md` (§A.6, §E.1, from the code
///   of the gematik reference and productive Fachdienst).
/// - **[CERT]** seen in the real test certificates under `Tests/TICryptoTests/X509/Fixtures`.
///
/// The `oid_…` names are gemSpec_OID's; gemSpec_OID itself was not available, so a name is given as the specs digests
/// and the CodeSystem displays use it.
public enum TelematikOID {
    // MARK: Professions of persons (professionOID in HBA and eGK certificates, IDP tokens)

    /// `oid_arzt` — Ärztin/Arzt. [CS-P] [FD] [REF] [CERT: HBA QES fixtures]
    public static let arzt: OID = "1.2.276.0.76.4.30"
    /// `oid_zahnarzt` — Zahnärztin/Zahnarzt. [CS-P] [FD] [REF]
    public static let zahnarzt: OID = "1.2.276.0.76.4.31"
    /// `oid_apotheker` — Apotheker/-in. [CS-P]
    public static let apotheker: OID = "1.2.276.0.76.4.32"
    /// `oid_apothekerassistent` — Apothekerassistent/-in. [CS-P]
    public static let apothekerassistent: OID = "1.2.276.0.76.4.33"
    /// `oid_pharmazieingenieur` — Pharmazieingenieur/-in. [CS-P]
    public static let pharmazieingenieur: OID = "1.2.276.0.76.4.34"
    /// 1.2.276.0.76.4.35 — "pharmazeutisch-technische/-r Assistent/-in" (PTA) per [CS-P].
    ///
    /// Some lists call this `oid_apotheken_assistent`; the CodeSystem's display says PTA and lists
    /// "Apothekenassistent/-in" separately as .38 (``apothekenassistent``). The gemSpec_OID name is unconfirmed.
    public static let pharmazeutischTechnischerAssistent: OID = "1.2.276.0.76.4.35"
    /// 1.2.276.0.76.4.38 — "Apothekenassistent/-in" per [CS-P]; gemSpec_OID name unconfirmed.
    public static let apothekenassistent: OID = "1.2.276.0.76.4.38"
    /// `oid_psychotherapeut` — Psychotherapeut/-in. [CS-P]
    public static let psychotherapeut: OID = "1.2.276.0.76.4.45"
    /// `oid_ps_psychotherapeut` — Psychologische/-r Psychotherapeut/-in. [CS-P]; name unconfirmed.
    public static let psychologischerPsychotherapeut: OID = "1.2.276.0.76.4.46"
    /// `oid_kuj_psychotherapeut` — Kinder- und Jugendlichenpsychotherapeut/-in. [CS-P]; name unconfirmed.
    public static let kinderUndJugendlichenPsychotherapeut: OID = "1.2.276.0.76.4.47"
    /// `oid_versicherter` — Versicherte/-r (eGK certificates, insurant tokens). [CS-P] [FD] [REF]
    public static let versicherter: OID = "1.2.276.0.76.4.49"

    // MARK: Institutions (professionOID in SMC-B certificates)

    /// `oid_praxis_arzt` — Betriebsstätte Arzt. [CS-O] [FD] [REF]
    public static let praxisArzt: OID = "1.2.276.0.76.4.50"
    /// `oid_zahnarztpraxis` — Zahnarztpraxis. [CS-O] [FD]
    public static let zahnarztpraxis: OID = "1.2.276.0.76.4.51"
    /// `oid_praxis_psychotherapeut` — Betriebsstätte Psychotherapeut. [CS-O] [FD]
    public static let praxisPsychotherapeut: OID = "1.2.276.0.76.4.52"
    /// `oid_krankenhaus` — Krankenhaus. [CS-O] [FD]
    public static let krankenhaus: OID = "1.2.276.0.76.4.53"
    /// `oid_oeffentliche_apotheke` — Öffentliche Apotheke. [CS-O] [FD: `urn:oid:1.2.276.0.76.4.54`]
    public static let oeffentlicheApotheke: OID = "1.2.276.0.76.4.54"
    /// `oid_krankenhausapotheke` — Krankenhausapotheke. [CS-O] [FD]
    public static let krankenhausapotheke: OID = "1.2.276.0.76.4.55"
    /// `oid_bundeswehrapotheke` — Bundeswehrapotheke. [CS-O]
    public static let bundeswehrapotheke: OID = "1.2.276.0.76.4.56"
    /// `oid_kostentraeger` — Betriebsstätte Kostenträger. [CS-O] [FD: `1.2.276.0.76.4.59`]
    public static let kostentraeger: OID = "1.2.276.0.76.4.59"
    /// `oid_institution-vorsorge-reha` — Betriebsstätte Vorsorge- und Rehabilitation. Value [CS-O] (matched by its
    /// display); the name is the one [FD] uses in the prescriber role set.
    public static let institutionVorsorgeReha: OID = "1.2.276.0.76.4.257"

    // MARK: Services

    /// `oid_erp-vau` — role of the E-Rezept-Fachdienst's VAU (C.FD.ENC). [REF §E.1] only; not in the FHIR packages.
    public static let erpVAU: OID = "1.2.276.0.76.4.258"
    /// 1.2.276.0.76.4.259 — professionOID "E-Rezept" in the Fachdienst's signer certificate (C.FD.SIG). [CERT: the
    /// receipt signer fixture `fd-sig-erezept.pem`]; gemSpec_OID name (`oid_erezept`?) unconfirmed.
    public static let erezept: OID = "1.2.276.0.76.4.259"
    /// `oid_idpd` — the IDP service (discovery document and token signer certificates). [REF §E.1] only.
    public static let idpd: OID = "1.2.276.0.76.4.260"
    /// `oid_fd_sig` — used by the reference Fachdienst as the TSL service extension OID to select C.FD.SIG CAs.
    /// [REF §A.6, §E.1] only. Note: the real C.FD.SIG fixture carries policies 1.2.276.0.76.4.163 and .283, not this.
    public static let fdSig: OID = "1.2.276.0.76.4.203"

    // MARK: Certificate types (certificatePolicies)

    /// `oid_hba_qes` — C.HP.QES, the HBA's qualified signature certificate. [FD §6 step 3] [CERT: all three HBA QES
    /// fixtures]. Other type OIDs (`oid_smc_b_osig`, `oid_egk_aut` …) are not in the available sources and are left out.
    /// Also seen in the fixtures, unnamed: 1.2.276.0.76.4.145 (HBA QES), 1.2.276.0.76.4.163 and 1.2.276.0.76.4.283
    /// (C.FD.SIG), 1.3.36.8.1.1, 1.3.6.1.4.1.42675.1.1, and ETSI 0.4.0.194112.1.2 (QCP-n-qscd, EN 319 411-2).
    public static let hbaQES: OID = "1.2.276.0.76.4.72"

    // MARK: Algorithms

    /// `id-ecPublicKey` (RFC 5480 §2.1.1).
    public static let ecPublicKey: OID = "1.2.840.10045.2.1"
    /// `rsaEncryption` (RFC 3279 §2.3.1).
    public static let rsaEncryption: OID = "1.2.840.113549.1.1.1"
    /// `brainpoolP256r1` (RFC 5639 §4.1), the curve of the TI's ECC certificates.
    public static let brainpoolP256r1: OID = "1.3.36.3.3.2.8.1.1.7"
    /// `prime256v1` / `secp256r1` (RFC 5480 §2.1.1.1).
    public static let prime256v1: OID = "1.2.840.10045.3.1.7"
    /// `ecdsa-with-SHA256` (RFC 5758 §3.2).
    public static let ecdsaWithSHA256: OID = "1.2.840.10045.4.3.2"
    /// `sha256WithRSAEncryption` (RFC 4055 §5).
    public static let sha256WithRSAEncryption: OID = "1.2.840.113549.1.1.11"
    /// `id-RSASSA-PSS` (RFC 4055 §3.1).
    public static let rsassaPSS: OID = "1.2.840.113549.1.1.10"

    private static let names: [OID: String] = [
        arzt: "oid_arzt", zahnarzt: "oid_zahnarzt", apotheker: "oid_apotheker", apothekerassistent: "oid_apothekerassistent",
        pharmazieingenieur: "oid_pharmazieingenieur", versicherter: "oid_versicherter", praxisArzt: "oid_praxis_arzt",
        zahnarztpraxis: "oid_zahnarztpraxis", praxisPsychotherapeut: "oid_praxis_psychotherapeut", krankenhaus: "oid_krankenhaus",
        oeffentlicheApotheke: "oid_oeffentliche_apotheke", krankenhausapotheke: "oid_krankenhausapotheke",
        bundeswehrapotheke: "oid_bundeswehrapotheke", kostentraeger: "oid_kostentraeger",
        institutionVorsorgeReha: "oid_institution-vorsorge-reha", erpVAU: "oid_erp-vau", idpd: "oid_idpd", fdSig: "oid_fd_sig",
        hbaQES: "oid_hba_qes", psychotherapeut: "oid_psychotherapeut",
    ]

    /// The gemSpec_OID name (`oid_arzt` …) of the OIDs whose name the sources confirm, for logs; otherwise `nil`.
    public static func name(of oid: OID) -> String? { names[oid] }
}
