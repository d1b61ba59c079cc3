// SPDX-License-Identifier: Apache-2.0

/// The Admission extension, `AdmissionSyntax` of Common PKI Part 9 (ISIS-MTT), OID 1.3.36.8.3.3.
///
/// ```
/// AdmissionSyntax ::= SEQUENCE {
///     admissionAuthority GeneralName OPTIONAL,
///     contentsOfAdmissions SEQUENCE OF Admissions }
/// Admissions ::= SEQUENCE {
///     admissionAuthority [0] EXPLICIT GeneralName OPTIONAL,
///     namingAuthority [1] EXPLICIT NamingAuthority OPTIONAL,
///     professionInfos SEQUENCE OF ProfessionInfo }
/// ```
///
/// In the TI it carries the role of the certificate holder: the profession OID (``TelematikOID``, e.g.
/// `oid_arzt` in a doctor's HBA, `oid_oeffentliche_apotheke` in a pharmacy's SMC-B) and, as registration number,
/// the Telematik-ID. The E-Rezept-Fachdienst checks the profession OID of the QES signer at `$activate`
/// (gemSpec_FD_eRp A_19225; RefFD `miscellaneous/src/admission.rs`, see spec/ref-impl.md §A.6).
public struct Admission: Hashable, Sendable {
    /// `admissionAuthority` of the whole syntax (HBA certificates name the chamber, e.g. `C=DE, O=ÄK Berlin`).
    public let admissionAuthority: GeneralName?
    /// `contentsOfAdmissions`, in encoded order.
    public let contentsOfAdmissions: [Admissions]

    /// Creates an admission.
    public init(admissionAuthority: GeneralName?, contentsOfAdmissions: [Admissions]) {
        self.admissionAuthority = admissionAuthority
        self.contentsOfAdmissions = contentsOfAdmissions
    }

    /// All `ProfessionInfo` entries of all admissions, in encoded order.
    public var professionInfos: [ProfessionInfo] { contentsOfAdmissions.flatMap(\.professionInfos) }
    /// All `professionItems` (texts such as "Ärztin/Arzt"), in encoded order.
    public var professionItems: [String] { professionInfos.flatMap(\.professionItems) }
    /// All `professionOIDs`, in encoded order; the role OIDs of ``TelematikOID``.
    public var professionOIDs: [OID] { professionInfos.flatMap(\.professionOIDs) }
    /// The first `registrationNumber`; in HBA, SMC-B and service certificates of the TI this is the Telematik-ID.
    public var registrationNumber: String? { professionInfos.lazy.compactMap(\.registrationNumber).first }

    /// One `Admissions` element.
    public struct Admissions: Hashable, Sendable {
        /// `admissionAuthority [0]`.
        public let admissionAuthority: GeneralName?
        /// `namingAuthority [1]`.
        public let namingAuthority: NamingAuthority?
        /// `professionInfos`.
        public let professionInfos: [ProfessionInfo]

        /// Creates an `Admissions` element.
        public init(admissionAuthority: GeneralName?, namingAuthority: NamingAuthority?, professionInfos: [ProfessionInfo]) {
            self.admissionAuthority = admissionAuthority
            self.namingAuthority = namingAuthority
            self.professionInfos = professionInfos
        }
    }

    /// `ProfessionInfo` (Common PKI Part 9):
    /// ```
    /// ProfessionInfo ::= SEQUENCE {
    ///     namingAuthority [0] EXPLICIT NamingAuthority OPTIONAL,
    ///     professionItems SEQUENCE OF DirectoryString (SIZE(1..128)),
    ///     professionOIDs SEQUENCE OF OBJECT IDENTIFIER OPTIONAL,
    ///     registrationNumber PrintableString (SIZE(1..128)) OPTIONAL,
    ///     addProfessionInfo OCTET STRING OPTIONAL }
    /// ```
    public struct ProfessionInfo: Hashable, Sendable {
        /// `namingAuthority [0]`.
        public let namingAuthority: NamingAuthority?
        /// `professionItems`, e.g. `["Ärztin/Arzt"]` or `["E-Rezept"]`.
        public let professionItems: [String]
        /// `professionOIDs` (empty when absent).
        public let professionOIDs: [OID]
        /// `registrationNumber`: the Telematik-ID in TI certificates.
        public let registrationNumber: String?
        /// `addProfessionInfo`.
        public let addProfessionInfo: [UInt8]?

        /// Creates a profession info.
        public init(
            namingAuthority: NamingAuthority? = nil,
            professionItems: [String],
            professionOIDs: [OID],
            registrationNumber: String?,
            addProfessionInfo: [UInt8]? = nil
        ) {
            self.namingAuthority = namingAuthority
            self.professionItems = professionItems
            self.professionOIDs = professionOIDs
            self.registrationNumber = registrationNumber
            self.addProfessionInfo = addProfessionInfo
        }
    }

    /// `NamingAuthority ::= SEQUENCE { namingAuthorityId OBJECT IDENTIFIER OPTIONAL, namingAuthorityUrl IA5String
    /// OPTIONAL, namingAuthorityText DirectoryString OPTIONAL }` (Common PKI Part 9).
    public struct NamingAuthority: Hashable, Sendable {
        /// `namingAuthorityId`.
        public let id: OID?
        /// `namingAuthorityUrl`.
        public let url: String?
        /// `namingAuthorityText`.
        public let text: String?

        /// Creates a naming authority.
        public init(id: OID?, url: String?, text: String?) {
            self.id = id
            self.url = url
            self.text = text
        }
    }
}
