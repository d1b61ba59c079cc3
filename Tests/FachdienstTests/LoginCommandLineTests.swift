// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// `erezept login --identity NAME --pki DIR --url URL` against a running `erezept serve`: the card login at the
/// server's IDP with a software card of the server's test PKI (docs/idp.md).
@Suite("erezept login: card login at the IDP of erezept serve", .serialized)
struct LoginCommandLineTests {
    @Test("practice-a logs in: exit 0, the claims carry its idNummer and professionOID; fd-enc is refused")
    func loginAndRefusal() async throws {
        let directory = try ErezeptProcess.temporaryDirectory("login")
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = Int.random(in: 20_000...60_000)
        let base = "http://127.0.0.1:\(port)"
        let data = directory.appendingPathComponent("data")
        let server = try ErezeptProcess.Server(["--data", data.path, "--port", String(port)])
        defer { server.process.terminate() }
        try await server.waitUntilAnswering(base + "/idp/.well-known/openid-configuration")
        let pki = data.appendingPathComponent("pki")
        let practice = try TestPKI.load(from: pki).identity(named: "practice-a")
        let idNummer = try #require(practice.telematikID)
        let professionOID = try #require(practice.certificate.professionOIDs.first).dotted

        let login = try await ErezeptProcess.run(["login", "--identity", "practice-a", "--pki", pki.path, "--url", base])
        #expect(login.status == 0, "\(login.standardError)")
        let claims = try #require(try JSONSerialization.jsonObject(with: Data(login.standardOutput.utf8)) as? [String: Any])
        #expect(claims["idNummer"] as? String == idNummer)
        #expect(claims["professionOID"] as? String == professionOID)

        // fd-enc's certificate may not sign: the IDP refuses the signed challenge (gematik_code 2020).
        let refused = try await ErezeptProcess.run(["login", "--identity", "fd-enc", "--pki", pki.path, "--url", base])
        #expect(refused.status != 0)
        #expect(refused.standardOutput.isEmpty)
        #expect(refused.standardError.hasPrefix("erezept login: "), "\(refused.standardError)")
        #expect(refused.standardError.contains("fd-enc could not log in"), "\(refused.standardError)")
        #expect(refused.standardError.contains("idpRefused"), "\(refused.standardError)")
        #expect(try await server.stop() == 0)
    }
}
