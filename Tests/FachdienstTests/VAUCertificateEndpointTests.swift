// SPDX-License-Identifier: Apache-2.0

import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing

/// `GET /VAUCertificate`, `/VAUCertificateOCSPResponse`, `/CertList` and `/OCSPList` (spec/ref-impl.md B.3, E.1):
/// public, C.FD.ENC and its status from the configured OCSP responder.
struct VAUCertificateEndpointTests {
    private struct CertList: Decodable {
        let addRoots: [String]
        let caCerts: [String]
        let eeCerts: [String]

        enum CodingKeys: String, CodingKey {
            case addRoots = "add_roots"
            case caCerts = "ca_certs"
            case eeCerts = "ee_certs"
        }
    }

    private struct OCSPList: Decodable {
        let responses: [String]

        enum CodingKeys: String, CodingKey { case responses = "OCSP Responses" }
    }

    @Test("GET /VAUCertificate: DER of C.FD.ENC as application/pkix-cert, without a token")
    func certificate() async throws {
        let pki = try TaskFixture.pki.get()
        let expected = try pki.identity(named: "fd-enc").certificate
        try await VAUFixture.withApp { client, _ in
            let response = try await client.execute(uri: "/VAUCertificate", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/pkix-cert")
            let certificate = try TelematikCertificate(derEncoded: Array(buffer: response.body))
            #expect(certificate == expected)
            #expect(certificate.professionOIDs.contains(TelematikOID.erpVAU))
        }
    }

    @Test("GET /VAUCertificateOCSPResponse: a signed answer 'good' for C.FD.ENC from the test PKI's responder")
    func ocspResponse() async throws {
        let pki = try TaskFixture.pki.get()
        let certificate = try pki.identity(named: "fd-enc").certificate
        let issuer = try pki.identity(named: "komp-ca").certificate
        try await VAUFixture.withApp { client, _ in
            let response = try await client.execute(uri: "/VAUCertificateOCSPResponse", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/ocsp-response")
            let ocsp = try OCSPResponse(derEncoded: Array(buffer: response.body))
            let status = try ocsp.checkStatus(of: certificate, issuer: issuer, trustStore: pki.trustStore, at: TaskFixture.now, maximumAge: 60)
            #expect(status.status == .good)
        }
    }

    @Test("GET /CertList and /OCSPList: C.FD.ENC and the IDP signer with their CA and OCSP answers")
    func lists() async throws {
        let pki = try TaskFixture.pki.get()
        let endEntities = [try pki.identity(named: "fd-enc").certificate, try pki.identity(named: "idp-sig").certificate]
        let ca = try pki.identity(named: "komp-ca").certificate
        try await VAUFixture.withApp { client, _ in
            let response = try await client.execute(uri: "/CertList", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let list = try JSONDecoder().decode(CertList.self, from: Data(Array(buffer: response.body)))
            #expect(list.addRoots.isEmpty)
            #expect(list.eeCerts == endEntities.map { Data($0.derEncoded).base64EncodedString() })
            #expect(list.caCerts == [Data(ca.derEncoded).base64EncodedString()])

            let ocsp = try await client.execute(uri: "/OCSPList", method: .get)
            #expect(ocsp.status == .ok)
            let answers = try JSONDecoder().decode(OCSPList.self, from: Data(Array(buffer: ocsp.body))).responses
            #expect(answers.count == 2)
            for (answer, certificate) in zip(answers, endEntities) {
                let der = try #require(Data(base64Encoded: answer))
                let status = try OCSPResponse(derEncoded: Array(der))
                    .checkStatus(of: certificate, issuer: ca, trustStore: pki.trustStore, at: TaskFixture.now, maximumAge: 60)
                #expect(status.status == .good)
            }
        }
    }

    @Test("without a VAU configuration none of the VAU routes exists")
    func absentWithoutConfiguration() async throws {
        try await Fixture.withApp { client in
            let certificate = try await client.execute(uri: "/VAUCertificate", method: .get)
            #expect(certificate.status == .unauthorized)
            let channel = try await client.execute(
                uri: "/VAU/0",
                method: .post,
                headers: [.contentType: "application/octet-stream"],
                body: ByteBuffer(bytes: [1])
            )
            #expect(channel.status == .unauthorized)
        }
    }
}
