// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

@Suite("TestPKI: generation, identities and reproducibility")
struct TestPKIGenerationTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        let name: String
        let kind: GeneratedPKI.Kind
        let issuer: String?
        let professionOID: OID?
        let telematikID: String?
        var testDescription: String { name }
    }

    static let expected: [Expected] = [
        Expected(name: "root-ca", kind: .rootCA, issuer: nil, professionOID: nil, telematikID: nil),
        Expected(name: "hba-ca", kind: .ca, issuer: "root-ca", professionOID: nil, telematikID: nil),
        Expected(name: "smcb-ca", kind: .ca, issuer: "root-ca", professionOID: nil, telematikID: nil),
        Expected(name: "egk-ca", kind: .ca, issuer: "root-ca", professionOID: nil, telematikID: nil),
        Expected(name: "komp-ca", kind: .ca, issuer: "root-ca", professionOID: nil, telematikID: nil),
        Expected(name: "doctor-a", kind: .hba, issuer: "hba-ca", professionOID: TelematikOID.arzt, telematikID: "1-HBA-Testkarte-883110000900001"),
        Expected(name: "doctor-b", kind: .hba, issuer: "hba-ca", professionOID: TelematikOID.arzt, telematikID: "1-HBA-Testkarte-883110000900002"),
        Expected(name: "dentist", kind: .hba, issuer: "hba-ca", professionOID: TelematikOID.zahnarzt, telematikID: "2-HBA-Testkarte-883110000900003"),
        Expected(
            name: "practice-a",
            kind: .smcb,
            issuer: "smcb-ca",
            professionOID: TelematikOID.praxisArzt,
            telematikID: "1-SMC-B-Testkarte-883110000900011"
        ),
        Expected(
            name: "practice-b",
            kind: .smcb,
            issuer: "smcb-ca",
            professionOID: TelematikOID.praxisArzt,
            telematikID: "1-SMC-B-Testkarte-883110000900012"
        ),
        Expected(
            name: "dental-practice",
            kind: .smcb,
            issuer: "smcb-ca",
            professionOID: TelematikOID.zahnarztpraxis,
            telematikID: "2-SMC-B-Testkarte-883110000900013"
        ),
        Expected(
            name: "hospital",
            kind: .smcb,
            issuer: "smcb-ca",
            professionOID: TelematikOID.krankenhaus,
            telematikID: "5-SMC-B-Testkarte-883110000900014"
        ),
        Expected(
            name: "pharmacy-a",
            kind: .smcb,
            issuer: "smcb-ca",
            professionOID: TelematikOID.oeffentlicheApotheke,
            telematikID: "3-SMC-B-Testkarte-883110000116873"
        ),
        Expected(
            name: "pharmacy-b",
            kind: .smcb,
            issuer: "smcb-ca",
            professionOID: TelematikOID.oeffentlicheApotheke,
            telematikID: "3-SMC-B-Testkarte-883110000129070"
        ),
        Expected(
            name: "payer",
            kind: .smcb,
            issuer: "smcb-ca",
            professionOID: TelematikOID.kostentraeger,
            telematikID: "8-SMC-B-Testkarte-883110000900015"
        ),
        Expected(name: "insurant-a", kind: .egk, issuer: "egk-ca", professionOID: TelematikOID.versicherter, telematikID: nil),
        Expected(name: "insurant-b", kind: .egk, issuer: "egk-ca", professionOID: TelematikOID.versicherter, telematikID: nil),
        Expected(name: "insurant-pkv", kind: .egk, issuer: "egk-ca", professionOID: TelematikOID.versicherter, telematikID: nil),
        Expected(name: "fd-sig", kind: .fdSig, issuer: "komp-ca", professionOID: TelematikOID.erezept, telematikID: "9-E-Rezept-Fachdienst-Test"),
        Expected(name: "fd-enc", kind: .fdEnc, issuer: "komp-ca", professionOID: TelematikOID.erpVAU, telematikID: "9-E-Rezept-Fachdienst-Test"),
        Expected(name: "idp-sig", kind: .idpSig, issuer: "komp-ca", professionOID: TelematikOID.idpd, telematikID: "9-IDP-Dienst-Test"),
        Expected(name: "ocsp", kind: .ocsp, issuer: "komp-ca", professionOID: nil, telematikID: nil),
    ]

    @Test("the seeded PKI holds exactly the documented identities, in order")
    func identityList() throws {
        let pki = try SeededPKI.get()
        #expect(pki.identities.map(\.name) == Self.expected.map(\.name))
    }

    @Test("kind, issuer, profession OID and Telematik-ID of each identity", arguments: expected)
    func identity(_ expected: Expected) throws {
        let pki = try SeededPKI.get()
        let identity = try pki.identity(named: expected.name)
        #expect(identity.kind == expected.kind)
        #expect(identity.issuer == expected.issuer)
        #expect(identity.professionOID == expected.professionOID)
        #expect(identity.telematikID == expected.telematikID)
        #expect(!identity.displayName.isEmpty)
        let certificate = identity.certificate
        #expect(certificate.subjectPublicKeyInfo.isBrainpoolP256r1)
        #expect(certificate.subjectPublicKeyInfo.publicKey == identity.privateKey.publicKey.x963Representation)
        #expect(certificate.isCA == expected.kind.isCertificateAuthority)
        #expect(certificate.unhandledCriticalExtensions.isEmpty)
        let issuer = try pki.identity(named: expected.issuer ?? "root-ca")
        #expect(certificate.issuerDER == issuer.certificate.subjectDER)
        let signature = try ECDSASignature(derRepresentation: certificate.signatureValue)
        #expect(issuer.privateKey.publicKey.isValidSignature(signature, for: certificate.tbsCertificateDER))
        if expected.kind != .rootCA {
            #expect(certificate.authorityKeyIdentifier == issuer.certificate.subjectKeyIdentifier)
            #expect(certificate.ocspURLs == [GeneratedPKI.defaultOCSPURL])
        }
        let years = GeneratedPKI.Lifetime.years(for: expected.kind)
        #expect(certificate.notBefore == GeneratedPKI.Lifetime.seededNotBefore)
        #expect(abs(certificate.notAfter.timeIntervalSince(certificate.notBefore) - Double(years) * 365.25 * 86_400) < 2 * 86_400)
    }

    @Test("role profiles: key usage, policies, names as cards carry them")
    func profiles() throws {
        let pki = try SeededPKI.get()
        let doctor = try pki.identity(named: "doctor-a").certificate
        #expect(doctor.keyUsage == .nonRepudiation)
        #expect(doctor.hasPolicy(TelematikOID.hbaQES))
        #expect(doctor.subject.givenName == "Anna")
        #expect(doctor.subject.surname == "Arzt")
        #expect(doctor.subject.commonName == "Anna Arzt")
        #expect(try pki.identity(named: "doctor-a").displayName == "Dr. med. Anna Arzt")
        #expect(doctor.admission?.professionItems == ["Ärztin/Arzt"])
        #expect(doctor.admission?.admissionAuthority == nil)
        let pharmacy = try pki.identity(named: "pharmacy-a").certificate
        #expect(pharmacy.keyUsage == .digitalSignature)
        #expect(pharmacy.subject.organizationName == "Adler-Apotheke")
        #expect(try pki.identity(named: "payer").telematikID?.hasPrefix("8-") == true)
        #expect(try pki.identity(named: "fd-enc").certificate.keyUsage == .keyAgreement)
        #expect(try pki.identity(named: "ocsp").certificate.extendedKeyUsage == [CertificateExtension.ocspSigning])
        #expect(try pki.identity(named: "root-ca").certificate.basicConstraints == BasicConstraints(isCA: true, pathLengthConstraint: 1))
        #expect(try pki.identity(named: "hba-ca").certificate.basicConstraints == BasicConstraints(isCA: true, pathLengthConstraint: 0))
    }

    @Test("insurants: KVNR in the subject OU as TelematikCertificate.kvnr reads it, IK as another OU, insurance type")
    func insurants() throws {
        let pki = try SeededPKI.get()
        let cases: [(String, String, GeneratedPKI.Insurance)] = [
            ("insurant-a", "K030182229", .gkv), ("insurant-b", "K220635158", .gkv), ("insurant-pkv", "P123464117", .pkv),
        ]
        for (name, kvnr, insurance) in cases {
            let identity = try pki.identity(named: name)
            #expect(identity.certificate.kvnr == kvnr)
            #expect(identity.kvnr == kvnr)
            #expect(identity.insurance == insurance)
            #expect(identity.certificate.subject.organizationalUnitNames.count == 2)
            #expect(identity.certificate.subject.organizationalUnitNames.first?.count == 9)
        }
    }

    @Test("the same seed gives the same bytes; another seed and no seed give others")
    func reproducible() throws {
        let first = try SeededPKI.get()
        let second = try GeneratedPKI.generate(seed: SeededPKI.seed)
        #expect(first.identities.map(\.certificate.derEncoded) == second.identities.map(\.certificate.derEncoded))
        #expect(first.identities.map(\.privateKey.rawRepresentation) == second.identities.map(\.privateKey.rawRepresentation))
        let other = try GeneratedPKI.generate(seed: SeededPKI.seed + 1)
        for (left, right) in zip(first.identities, other.identities) {
            #expect(left.certificate.derEncoded != right.certificate.derEncoded)
            #expect(left.privateKey.rawRepresentation != right.privateKey.rawRepresentation)
            #expect(left.certificate.serialNumber != right.certificate.serialNumber)
        }
        let now = Date()
        let random = try GeneratedPKI.generate(seed: nil, now: now)
        let root = try random.identity(named: "root-ca").certificate
        #expect(abs(root.notBefore.timeIntervalSince(now.addingTimeInterval(-3_600))) <= 1)
        #expect(try random.identity(named: "doctor-a").privateKey.rawRepresentation != first.identity(named: "doctor-a").privateKey.rawRepresentation)
    }

    @Test("serial numbers are positive, 16 bytes, unique")
    func serials() throws {
        let pki = try SeededPKI.get()
        let serials = pki.identities.map(\.certificate.serialNumber)
        #expect(Set(serials).count == serials.count)
        for serial in serials {
            #expect(serial.count == 16)
            #expect(serial[0] & 0x80 == 0 && serial[0] != 0)
        }
    }

    @Test("the identity table lists every identity with its ID")
    func table() throws {
        let table = try SeededPKI.get().identityTable
        #expect(table.split(separator: "\n").count == Self.expected.count + 1)
        #expect(table.contains("3-SMC-B-Testkarte-883110000116873"))
        #expect(table.contains("K030182229"))
    }
}
