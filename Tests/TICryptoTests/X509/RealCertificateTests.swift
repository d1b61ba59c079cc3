// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

@Suite("Real TI test certificates")
struct RealCertificateTests {
    @Test("HBA QES of Sam Schraßer: fields as openssl x509 -text prints them")
    func schrasser() throws {
        let certificate = try X509Fixtures.certificate("hba-qes-schrasser.pem")
        #expect(certificate.version == 3)
        #expect(certificate.serialNumberHex == "0241C1F7D3ABD8")
        #expect(certificate.signatureAlgorithm == TelematikOID.sha256WithRSAEncryption)
        #expect(certificate.issuer.description == "CN=GEM.HBA-qCA24 TEST-ONLY,O=gematik GmbH NOT-VALID,C=DE")
        #expect(certificate.issuer.commonName == "GEM.HBA-qCA24 TEST-ONLY")
        #expect(certificate.subject.description == "C=DE,serialNumber=80276883110000095767,SN=Schraßer,GN=Sam Freiherr,CN=Sam SchraßerTEST-ONLY")
        #expect(certificate.subject.surname == "Schraßer")
        #expect(certificate.subject.givenName == "Sam Freiherr")
        #expect(certificate.subject.serialNumber == "80276883110000095767")
        #expect(certificate.subject.country == "DE")
        #expect(certificate.notBefore == Date(timeIntervalSince1970: 1_541_376_000))  // 2018-11-05T00:00:00Z
        #expect(certificate.notAfter == Date(timeIntervalSince1970: 1_699_142_399))  // 2023-11-04T23:59:59Z
        #expect(certificate.subjectPublicKeyInfo.algorithm == TelematikOID.rsaEncryption)
        #expect(certificate.subjectPublicKeyInfo.namedCurve == nil)
        #expect(certificate.basicConstraints == BasicConstraints(isCA: false, pathLengthConstraint: nil))
        #expect(certificate.keyUsage == .nonRepudiation)
        #expect(
            certificate.certificatePolicies == [
                TelematikOID.hbaQES, "0.4.0.194112.1.2", "1.2.276.0.76.4.145", "1.3.6.1.4.1.42675.1.1",
            ]
        )
        #expect(certificate.hasPolicy(TelematikOID.hbaQES))
        #expect(certificate.subjectKeyIdentifier.map { hex($0) } == "BED7127541ACF5469F7A1804764046B7987E135A")
        #expect(certificate.authorityKeyIdentifier.map { hex($0) } == "679C31B6E9C037EA1D1B81E7A4F53BCC1E170139")
        #expect(certificate.ocspURLs == ["http://ehca.gematik.de/ocsp/"])
        #expect(certificate.caIssuersURLs.isEmpty)
        #expect(certificate.hasQCStatements)
        #expect(certificate.unhandledCriticalExtensions.isEmpty)

        let admission = try #require(certificate.admission)
        #expect(
            admission.admissionAuthority
                == .directoryName(
                    DistinguishedName(rdns: [
                        .init(attributes: [.init(oid: DistinguishedName.AttributeType.countryName, value: "DE")]),
                        .init(attributes: [.init(oid: DistinguishedName.AttributeType.organizationName, value: "gematik Berlin")]),
                    ])
                )
        )
        #expect(admission.professionItems == ["Ärztin/Arzt"])
        #expect(admission.professionOIDs == [TelematikOID.arzt])
        #expect(admission.registrationNumber == nil)
        #expect(certificate.hasProfessionOID(TelematikOID.arzt))
        #expect(!certificate.hasProfessionOID(TelematikOID.zahnarzt))
        #expect(certificate.telematikID == nil)
        #expect(certificate.kvnr == nil)
    }

    @Test("Revoked HBA QES: multi-valued RDN and Telematik-ID as registration number")
    func revokedHBA() throws {
        let certificate = try X509Fixtures.certificate("hba-qes-revoked-adamic.pem")
        #expect(certificate.serialNumberHex == "02A161FB9306BD")
        #expect(certificate.subject.rdns.count == 2)
        #expect(certificate.subject.rdns[1].attributes.count == 4)
        #expect(
            certificate.subject.description
                == "CN=Annegret-Heidemarie AdamiçTEST-ONLY+GN=Annegret-Heidemarie Freifrau+serialNumber=80276883110000129185+SN=Adamiç,C=DE"
        )
        #expect(certificate.notBefore == Date(timeIntervalSince1970: 1_618_876_800))  // 2021-04-20T00:00:00Z
        #expect(certificate.notAfter == Date(timeIntervalSince1970: 1_619_308_799))  // 2021-04-24T23:59:59Z
        #expect(certificate.keyUsage == .contentCommitment)
        #expect(certificate.professionOIDs == [TelematikOID.arzt])
        #expect(certificate.telematikID == "1-HBA-Testkarte-883110000129185")
        #expect(certificate.admission?.professionInfos.first?.registrationNumber == "1-HBA-Testkarte-883110000129185")
        #expect(certificate.hasPolicy(TelematikOID.hbaQES))
    }

    @Test("HBA QES of Christian Gõdofský: CPS qualifier, QC statements with PDS, admission authority ÄK Berlin")
    func godofsky() throws {
        let certificate = try X509Fixtures.certificate("hba-qes-godofsky.pem")
        #expect(certificate.serialNumberHex == "037176A88F8AC0")
        #expect(certificate.issuer.organizationalUnitNames == ["HBA-qCA der Telematikinfrastruktur mit Anbieterakkreditierung"])
        #expect(
            certificate.certificatePolicies == [
                TelematikOID.hbaQES, "1.3.36.8.1.1", "1.2.276.0.76.4.145", "1.3.6.1.4.1.42675.1.1", "0.4.0.194112.1.2",
            ]
        )
        #expect(certificate.ocspURLs == ["http://ocsp.pki.telematik-test:8080/CMOCSP/OCSP"])
        #expect(certificate.qcStatements?.contains("0.4.0.1862.1.1") == true)
        #expect(certificate.professionOIDs == [TelematikOID.arzt])
        guard case .directoryName(let authority) = certificate.admission?.admissionAuthority else {
            Issue.record("admission authority is not a directory name")
            return
        }
        #expect(authority.organizationName == "ÄK Berlin")
    }

    @Test("C.FD.SIG of the Fachdienst: brainpoolP256r1 key and professionOID E-Rezept")
    func fdSig() throws {
        let certificate = try X509Fixtures.certificate("fd-sig-erezept.pem")
        #expect(certificate.serialNumberHex == "4DE7")
        #expect(certificate.signatureAlgorithm == TelematikOID.ecdsaWithSHA256)
        #expect(certificate.subject.description == "CN=erezept,serialNumber=08747-RUDEVSIG003,O=IBM TEST-ONLY - NOT-VALID,C=DE")
        #expect(certificate.issuer.organizationalUnitNames == ["Komponenten-CA der Telematikinfrastruktur"])
        #expect(certificate.subjectPublicKeyInfo.algorithm == TelematikOID.ecPublicKey)
        #expect(certificate.subjectPublicKeyInfo.namedCurve == TelematikOID.brainpoolP256r1)
        #expect(certificate.subjectPublicKeyInfo.isBrainpoolP256r1)
        #expect(certificate.subjectPublicKeyInfo.publicKey.count == 65)
        #expect(certificate.subjectPublicKeyInfo.publicKey.first == 0x04)
        #expect(certificate.certificatePolicies == ["1.2.276.0.76.4.163", "1.2.276.0.76.4.283"])
        #expect(certificate.keyUsage == .nonRepudiation)
        #expect(certificate.ocspURLs == ["http://ocsp2-testref.komp-ca.telematik-test/ocsp/ec"])
        #expect(!certificate.hasQCStatements)
        #expect(certificate.admission?.admissionAuthority == nil)
        #expect(certificate.admission?.professionItems == ["E-Rezept"])
        #expect(certificate.professionOIDs == [TelematikOID.erezept])
        #expect(certificate.isWithinValidityPeriod(at: Date(timeIntervalSince1970: 1_700_000_000)))
        #expect(!certificate.isWithinValidityPeriod(at: Date(timeIntervalSince1970: 1_900_000_000)))
    }

    @Test("The three QES samples of the same prescription carry the same certificate")
    func sameCertificateInAllSamples() throws {
        let first = try X509Fixtures.certificate("hba-qes-schrasser.pem")
        let reparsed = try TelematikCertificate(derEncoded: first.derEncoded)
        #expect(first == reparsed)
        #expect(first.hashValue == reparsed.hashValue)
        #expect(try TelematikCertificate(pemEncoded: first.pemEncoded) == first)
    }

    @Test("Parsed fields equal OpenSSL's view", .enabled(if: OpenSSLCLI.isAvailable), arguments: X509Fixtures.realCertificateNames)
    func matchesOpenSSL(name: String) throws {
        try OpenSSLComparison.assertMatches(file: X509Fixtures.url(name))
    }

    @Test(
        "The fixtures are the signer certificates of the shared signed examples",
        .enabled(if: OpenSSLCLI.isAvailable && SharedFolder.contains("fhir-examples/signed")),
        arguments: [
            ("4fe2013d-ae94-441a-a1b1-78236ae65680_S_KOCOC_kocobox_3.6.0_2.3.24.p7", "hba-qes-schrasser.pem"),
            ("4fe2013d-ae94-441a-a1b1-78236ae65680_S_RISEG_RKONN_4.8.1_3.0.7.p7", "hba-qes-schrasser.pem"),
            ("4fe2013d-ae94-441a-a1b1-78236ae65680_S_SECUN_secu_kon_4.8.2_4.1.3.p7", "hba-qes-schrasser.pem"),
            ("revoked-HBA_690a7f01_S_SECUN.p7", "hba-qes-revoked-adamic.pem"),
        ]
    )
    func fixtureProvenance(example: String, fixture: String) throws {
        try withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("certs.pem")
            try OpenSSLCLI.run([
                "cms", "-verify", "-noverify", "-inform", "DER", "-in", SharedFolder.url("fhir-examples/signed/\(example)").path,
                "-certsout", output.path, "-out", "/dev/null",
            ])
            let extracted = try TelematikCertificate.certificates(pemEncoded: try String(contentsOf: output, encoding: .utf8))
            #expect(extracted == [try X509Fixtures.certificate(fixture)])
        }
    }

    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02X", $0) }.joined() }
}
