// SPDX-License-Identifier: Apache-2.0

extension TestPKI {
    /// What to put into a certificate the PKI issues: subject, key usages, policies, Admission and the bookkeeping facts.
    ///
    /// The factories (``hba(name:displayName:title:givenName:surname:professionItem:professionOID:telematikID:)``,
    /// ``smcb(name:organization:professionItem:professionOID:telematikID:)`` …) give the usual TI profiles; every
    /// property is mutable, so tests can derive special cases, e.g. an HBA without Admission:
    ///
    /// ```swift
    /// var profile = TestPKI.Profile.hba(name: "doctor-no-admission", …)
    /// profile.admission = nil
    /// let identity = try pki.issue(profile, by: "hba-ca")
    /// ```
    public struct Profile: Sendable {
        /// The identity name (unique in the PKI).
        public var name: String
        /// The role.
        public var kind: Kind
        /// The human-friendly name.
        public var displayName: String
        /// The certificate subject.
        public var subject: DistinguishedName
        /// keyUsage (critical).
        public var keyUsage: KeyUsage
        /// extKeyUsage purposes; none when empty.
        public var extendedKeyUsage: [OID]
        /// certificatePolicies; none when empty.
        public var policies: [OID]
        /// The Admission extension; none when `nil`.
        public var admission: Admission?
        /// subjectAltName entries; none when empty.
        public var subjectAlternativeNames: [GeneralName]
        /// For CAs: the basicConstraints `pathLenConstraint`.
        public var pathLengthConstraint: Int?
        /// The insurance type (eGK only).
        public var insurance: Insurance?

        /// Creates a profile.
        public init(
            name: String,
            kind: Kind,
            displayName: String,
            subject: DistinguishedName,
            keyUsage: KeyUsage,
            extendedKeyUsage: [OID] = [],
            policies: [OID] = [],
            admission: Admission? = nil,
            subjectAlternativeNames: [GeneralName] = [],
            pathLengthConstraint: Int? = nil,
            insurance: Insurance? = nil
        ) {
            self.name = name
            self.kind = kind
            self.displayName = displayName
            self.subject = subject
            self.keyUsage = keyUsage
            self.extendedKeyUsage = extendedKeyUsage
            self.policies = policies
            self.admission = admission
            self.subjectAlternativeNames = subjectAlternativeNames
            self.pathLengthConstraint = pathLengthConstraint
            self.insurance = insurance
        }

        /// An Admission as the TI writes it: no admission authority, one `Admissions` with one `ProfessionInfo`.
        public static func admission(professionItem: String, professionOID: OID?, registrationNumber: String?) -> Admission {
            let info = Admission.ProfessionInfo(
                professionItems: [professionItem],
                professionOIDs: professionOID.map { [$0] } ?? [],
                registrationNumber: registrationNumber
            )
            return Admission(
                admissionAuthority: nil,
                contentsOfAdmissions: [Admission.Admissions(admissionAuthority: nil, namingAuthority: nil, professionInfos: [info])]
            )
        }

        /// An issuing CA (kind `ca`): keyCertSign and cRLSign, `pathLenConstraint` 0.
        public static func ca(name: String, unit: String, commonName: String) -> Profile {
            Profile(
                name: name,
                kind: .ca,
                displayName: commonName,
                subject: DistinguishedName(organization: TestPKI.organization, organizationalUnits: [unit], commonName: commonName),
                keyUsage: [.keyCertSign, .cRLSign],
                policies: [TestPKI.PolicyOID.gematikCertificatePolicy],
                pathLengthConstraint: 0
            )
        }

        /// An HBA qualified signature certificate (C.HP.QES, kind `hba`): nonRepudiation, policy `oid_hba_qes`, and an
        /// Admission with the profession OID (e.g. ``TelematikOID/arzt``) and the Telematik-ID.
        public static func hba(
            name: String,
            displayName: String,
            title: String?,
            givenName: String,
            surname: String,
            professionItem: String,
            professionOID: OID,
            telematikID: String
        ) -> Profile {
            Profile(
                name: name,
                kind: .hba,
                displayName: displayName,
                subject: DistinguishedName(title: title, givenName: givenName, surname: surname, commonName: "\(givenName) \(surname)"),
                keyUsage: .nonRepudiation,
                policies: [TelematikOID.hbaQES, TestPKI.PolicyOID.gematikCertificatePolicy],
                admission: admission(professionItem: professionItem, professionOID: professionOID, registrationNumber: telematikID)
            )
        }

        /// An SMC-B authentication certificate (C.HCI.AUT, kind `smcb`): digitalSignature, the institution in `O` and
        /// `CN`, an Admission with the institution's profession OID and Telematik-ID.
        public static func smcb(
            name: String,
            organization: String,
            professionItem: String,
            professionOID: OID,
            telematikID: String
        ) -> Profile {
            Profile(
                name: name,
                kind: .smcb,
                displayName: organization,
                subject: DistinguishedName(organization: organization, commonName: organization),
                keyUsage: .digitalSignature,
                extendedKeyUsage: [CertificateExtension.clientAuth],
                policies: [TestPKI.PolicyOID.smcbAuthentication, TestPKI.PolicyOID.gematikCertificatePolicy],
                admission: admission(professionItem: professionItem, professionOID: professionOID, registrationNumber: telematikID)
            )
        }

        /// An eGK authentication certificate (C.CH.AUT, kind `egk`): digitalSignature, the insurer's IK and the KVNR
        /// as two `OU`s (the form ``TelematikCertificate/kvnr`` reads), profession OID ``TelematikOID/versicherter``.
        public static func egk(
            name: String,
            givenName: String,
            surname: String,
            kvnr: String,
            insurance: Insurance,
            insurerName: String,
            insurerIK: String
        ) -> Profile {
            Profile(
                name: name,
                kind: .egk,
                displayName: "\(givenName) \(surname)",
                subject: DistinguishedName(
                    organization: insurerName,
                    organizationalUnits: [insurerIK, kvnr],
                    givenName: givenName,
                    surname: surname,
                    commonName: "\(givenName) \(surname)"
                ),
                keyUsage: .digitalSignature,
                extendedKeyUsage: [CertificateExtension.clientAuth],
                policies: [TestPKI.PolicyOID.egkAuthentication, TestPKI.PolicyOID.gematikCertificatePolicy],
                admission: admission(professionItem: "Versicherte/-r", professionOID: TelematikOID.versicherter, registrationNumber: nil),
                insurance: insurance
            )
        }

        /// A service certificate of the TI (kinds `fd-sig`, `fd-enc`, `idp-sig`) with an Admission naming the service.
        public static func service(
            name: String,
            kind: Kind,
            displayName: String,
            commonName: String,
            keyUsage: KeyUsage,
            professionItem: String,
            professionOID: OID,
            telematikID: String,
            dnsName: String?
        ) -> Profile {
            Profile(
                name: name,
                kind: kind,
                displayName: displayName,
                subject: DistinguishedName(organization: TestPKI.organization, commonName: commonName),
                keyUsage: keyUsage,
                policies: [TestPKI.PolicyOID.gematikCertificatePolicy],
                admission: admission(professionItem: professionItem, professionOID: professionOID, registrationNumber: telematikID),
                subjectAlternativeNames: dnsName.map { [.dns($0)] } ?? []
            )
        }

        /// An OCSP responder certificate (kind `ocsp`): digitalSignature and extKeyUsage `id-kp-OCSPSigning`.
        public static func ocspResponder(name: String, commonName: String) -> Profile {
            Profile(
                name: name,
                kind: .ocsp,
                displayName: commonName,
                subject: DistinguishedName(organization: TestPKI.organization, commonName: commonName),
                keyUsage: .digitalSignature,
                extendedKeyUsage: [CertificateExtension.ocspSigning],
                policies: [TestPKI.PolicyOID.gematikCertificatePolicy]
            )
        }
    }
}
