// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

@Suite("Certificates generated with the OpenSSL CLI", .enabled(if: OpenSSLCLI.isAvailable))
struct GeneratedCertificateTests {
    @Test("CA: brainpoolP256r1, basicConstraints with pathlen, keyCertSign|cRLSign, UTCTime validity")
    func certificateAuthority() throws {
        try withTemporaryDirectory { directory in
            let pki = try TestPKI(directory: directory)
            let ca = try TelematikCertificate(pemEncoded: try String(contentsOf: pki.url("ca.pem"), encoding: .utf8))
            #expect(ca.isCA)
            #expect(ca.basicConstraints == BasicConstraints(isCA: true, pathLengthConstraint: 1))
            #expect(ca.keyUsage == [.keyCertSign, .cRLSign])
            #expect(ca.subjectPublicKeyInfo.isBrainpoolP256r1)
            #expect(ca.subject == ca.issuer)
            #expect(ca.subjectDER == ca.issuerDER)
            #expect(ca.subject.organizationalUnitNames == ["Test-CA der Telematikinfrastruktur"])
            #expect(ca.subjectKeyIdentifier?.count == 20)
            #expect(ca.admission == nil)
            #expect(try pki.run(["asn1parse", "-in", "ca.pem"]).contains("UTCTIME"))
            try OpenSSLComparison.assertMatches(file: pki.url("ca.pem"))
        }
    }

    @Test("HBA-like leaf on P-256: admission round trip, AIA, SAN, EKU, GeneralizedTime notAfter, AKI = CA's SKI")
    func hbaLeaf() throws {
        try withTemporaryDirectory { directory in
            let pki = try TestPKI(directory: directory)
            let file = try pki.issue(
                name: "hba",
                curve: "prime256v1",
                subject: "/C=DE/SN=Drombusch+GN=Waltraut+serialNumber=80276883110000123456+CN=Waltraut DrombuschTEST-ONLY",
                section: "hba_ext",
                days: 20_000,
                multiValued: true
            )
            let leaf = try TelematikCertificate(pemEncoded: try String(contentsOf: file, encoding: .utf8))
            let ca = try TelematikCertificate(pemEncoded: try String(contentsOf: pki.url("ca.pem"), encoding: .utf8))

            #expect(leaf.serialNumberHex == "0FEDCBA987654321")
            #expect(leaf.subjectPublicKeyInfo.algorithm == TelematikOID.ecPublicKey)
            #expect(leaf.subjectPublicKeyInfo.namedCurve == TelematikOID.prime256v1)
            #expect(leaf.signatureAlgorithm == TelematikOID.ecdsaWithSHA256)
            #expect(leaf.issuerDER == ca.subjectDER)
            #expect(leaf.authorityKeyIdentifier == ca.subjectKeyIdentifier)
            #expect(leaf.subject.rdns.count == 2)
            #expect(leaf.subject.surname == "Drombusch")
            #expect(leaf.subject.commonName == "Waltraut DrombuschTEST-ONLY")
            #expect(!leaf.isCA)
            #expect(leaf.keyUsage == .nonRepudiation)
            #expect(leaf.certificatePolicies == [TelematikOID.hbaQES, "1.2.276.0.76.4.145"])
            #expect(leaf.extendedKeyUsage == ["1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4"])
            #expect(leaf.ocspURLs == ["http://ocsp.test.invalid/ocsp"])
            #expect(leaf.caIssuersURLs == ["http://ca.test.invalid/ca.der"])
            #expect(
                leaf.subjectAlternativeNames == [
                    .email("arzt@praxis.test.invalid"), .dns("praxis.test.invalid"), .uri("https://praxis.test.invalid/"),
                ]
            )
            #expect(leaf.unhandledCriticalExtensions.isEmpty)

            let admission = try #require(leaf.admission)
            #expect(admission.professionOIDs == [TelematikOID.arzt])
            #expect(admission.professionItems == ["Ärztin/Arzt"])
            #expect(admission.registrationNumber == "1-HBA-Testkarte-883110000123456")
            #expect(leaf.telematikID == "1-HBA-Testkarte-883110000123456")
            guard case .directoryName(let authority) = admission.admissionAuthority else {
                Issue.record("expected a directoryName admission authority")
                return
            }
            #expect(authority.description == "O=Ärztekammer Test,C=DE")

            // RFC 5280 §4.1.2.5: dates from 2050 on are GeneralizedTime.
            #expect(try pki.run(["asn1parse", "-in", "hba.pem"]).contains("GENERALIZEDTIME"))
            #expect(leaf.notAfter > Date(timeIntervalSince1970: 2_524_608_000))  // 2050-01-01
            try OpenSSLComparison.assertMatches(file: file)

            // The exposed tbsCertificate, signature and the CA's SubjectPublicKeyInfo verify with OpenSSL.
            try Data(leaf.tbsCertificateDER).write(to: pki.url("tbs.der"))
            try Data(leaf.signatureValue).write(to: pki.url("signature.der"))
            try Data(ca.subjectPublicKeyInfo.derEncoded).write(to: pki.url("ca-pub.der"))
            let verified = try pki.run([
                "dgst", "-sha256", "-verify", "ca-pub.der", "-keyform", "DER", "-signature", "signature.der", "tbs.der",
            ])
            #expect(verified.contains("Verified OK"))
        }
    }

    @Test("SMC-B-like leaf on brainpoolP256r1: naming authorities, BMPString item, addProfessionInfo, unknown critical extension")
    func smcbLeaf() throws {
        try withTemporaryDirectory { directory in
            let pki = try TestPKI(directory: directory)
            let file = try pki.issue(
                name: "smcb",
                curve: "brainpoolP256r1",
                subject: "/C=DE/O=Apotheke am Markt TEST-ONLY/OU=883110000116948/CN=Apotheke am MarktTEST-ONLY",
                section: "smcb_ext",
                days: 365
            )
            let leaf = try TelematikCertificate(pemEncoded: try String(contentsOf: file, encoding: .utf8))
            #expect(leaf.subjectPublicKeyInfo.isBrainpoolP256r1)
            #expect(leaf.keyUsage == [.digitalSignature, .keyEncipherment])
            #expect(leaf.unhandledCriticalExtensions == ["1.2.3.4.5.6.7"])
            #expect(leaf.extension("1.2.3.4.5.6.7")?.value == [0x05, 0x00])
            #expect(leaf.kvnr == nil)  // a 15-digit OU is no KVNR

            let admission = try #require(leaf.admission)
            let admissions = try #require(admission.contentsOfAdmissions.first)
            let naming = Admission.NamingAuthority(id: "1.2.276.0.76.3.1.91", url: "https://www.gematik.de/", text: nil)
            #expect(admissions.namingAuthority == naming)
            let info = try #require(admissions.professionInfos.first)
            #expect(info.namingAuthority == naming)
            #expect(info.professionItems == ["Öffentliche Apotheke", "Apotheke am Markt"])
            #expect(info.professionOIDs == [TelematikOID.oeffentlicheApotheke])
            #expect(info.registrationNumber == "3-SMC-B-Testkarte-883110000116948")
            #expect(info.addProfessionInfo == [0xCA, 0xFE])
            #expect(leaf.hasProfessionOID(TelematikOID.oeffentlicheApotheke))
            try OpenSSLComparison.assertMatches(file: file)
        }
    }

    @Test("eGK-like subject: the KVNR is read from the organizationalUnitName")
    func egkSubject() throws {
        try withTemporaryDirectory { directory in
            let pki = try TestPKI(directory: directory)
            let file = try pki.issue(
                name: "egk",
                curve: "brainpoolP256r1",
                subject: "/C=DE/O=Test BKK NOT-VALID/OU=109500969/OU=X110580065/SN=Muster/GN=Max/CN=Max Muster",
                section: "smcb_ext",
                days: 30
            )
            let leaf = try TelematikCertificate(pemEncoded: try String(contentsOf: file, encoding: .utf8))
            #expect(leaf.subject.organizationalUnitNames == ["109500969", "X110580065"])
            #expect(leaf.kvnr == "X110580065")
        }
    }
}
