// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

@Suite("PEM (RFC 7468)")
struct PEMTests {
    @Test("Several CERTIFICATE blocks are read in order; surrounding text and other blocks are skipped")
    func severalBlocks() throws {
        let pems = try X509Fixtures.realCertificateNames.map { try X509Fixtures.pem($0) }
        let key = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n"
        let text = "subject=CN=x\n" + pems[0] + key + "\r\n" + pems[1] + "trailing words\n" + pems[2] + pems[3]
        let certificates = try TelematikCertificate.certificates(pemEncoded: text)
        #expect(certificates.count == 4)
        #expect(
            certificates.map(\.subject.commonName) == [
                "Sam SchraßerTEST-ONLY", "Annegret-Heidemarie AdamiçTEST-ONLY", "Christian GõdofskýTEST-ONLY", "erezept",
            ]
        )
        #expect(throws: TICryptoError(.invalidPEM)) { try TelematikCertificate(pemEncoded: text) }
    }

    @Test("pemEncoded round trips and uses 64-character lines")
    func roundTrip() throws {
        let certificate = try X509Fixtures.certificate("fd-sig-erezept.pem")
        let pem = certificate.pemEncoded
        #expect(pem.split(separator: "\n").allSatisfy { $0.count <= 64 })
        #expect(try TelematikCertificate(pemEncoded: pem) == certificate)
    }

    @Test(
        "Broken PEM is invalidPEM",
        arguments: [
            "",
            "no pem here",
            "-----BEGIN CERTIFICATE-----\nMIIB\n",
            "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END X509 CRL-----\n",
            "-----END CERTIFICATE-----\n",
            "-----BEGIN CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n",
            "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\nMIIB\n-----END CERTIFICATE-----\n",
            "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n",
        ]
    )
    func broken(text: String) {
        #expect(throws: TICryptoError(.invalidPEM)) { try TelematikCertificate.certificates(pemEncoded: text) }
    }

    @Test("A PEM block with valid Base64 of garbage reports the DER error")
    func garbageInside() {
        let text = "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n"
        #expect(throws: TICryptoError.self) { try TelematikCertificate.certificates(pemEncoded: text) }
        do {
            _ = try TelematikCertificate.certificates(pemEncoded: text)
        } catch {
            #expect(error.code != .invalidPEM)
        }
    }
}
