// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import TestSupport
import Testing

@Suite("erezept cms: sign and verify over the built executable")
struct CMSCommandLineTests {
    /// The JSON report of `cms verify --json`.
    private struct Report: Decodable {
        struct Part: Decodable {
            var status: String?
            var valid: Bool?
            var error: String?
        }

        struct Signer: Decodable {
            var professionOID: String?
            var telematikId: String?
            var kvnr: String?
        }

        var signature: Part
        var chain: Part
        var revocation: Part
        var signer: Signer
        var signingTime: String?
    }

    private static let content = Array("<Bundle xmlns=\"http://hl7.org/fhir\"><id value=\"x\"/></Bundle>\n".utf8)

    /// A seeded PKI on disk, the content in `content.xml`, and `body` run with the directory.
    private func withSignedContent(_ body: (URL) throws -> Void) throws {
        try withPKIDirectory { directory in
            try SeededPKI.get().write(to: directory.appendingPathComponent("pki"))
            try Data(Self.content).write(to: directory.appendingPathComponent("content.xml"))
            try body(directory)
        }
    }

    private func report(_ output: ExternalTool.Output) throws -> Report {
        try JSONDecoder().decode(Report.self, from: Data(output.standardOutput))
    }

    @Test("a signature by doctor-a verifies with and without --pki, openssl accepts it, and --content gives the bytes back")
    func signAndVerify() throws {
        try withSignedContent { directory in
            let pki = directory.appendingPathComponent("pki").path
            let signature = directory.appendingPathComponent("signed.p7").path
            let signed = try ErezeptBinary.run([
                "cms", "sign", "--identity", "doctor-a", "--pki", pki, "--out", signature, directory.appendingPathComponent("content.xml").path,
            ])
            #expect(signed.status == 0, "\(signed.standardError)")

            let mathematicsOnly = try ErezeptBinary.run(["cms", "verify", signature])
            #expect(mathematicsOnly.status == 0)
            #expect(mathematicsOnly.text.contains("not checked (no --pki)"))
            #expect(mathematicsOnly.text.contains("1.2.276.0.76.4.30 (oid_arzt)"))

            let extracted = directory.appendingPathComponent("extracted.xml").path
            let checked = try ErezeptBinary.run(["cms", "verify", "--pki", pki, "--json", "--content", extracted, signature])
            #expect(checked.status == 0, "\(checked.text)")
            let result = try report(checked)
            #expect(result.signature.valid == true)
            #expect(result.chain.status == "valid")
            #expect(result.revocation.status == "good")
            #expect(result.signer.professionOID == "1.2.276.0.76.4.30")
            #expect(result.signer.telematikId == (try SeededPKI.get().identity(named: "doctor-a").telematikID))
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: extracted))) == Self.content)

            // An independent verifier: openssl with the PKI's root as the only trusted certificate.
            let root = directory.appendingPathComponent("pki/certs/root-ca.pem").path
            let openssl = try ExternalTool.openssl(["cms", "-verify", "-inform", "DER", "-in", signature, "-CAfile", root, "-purpose", "any"])
            #expect(openssl.status == 0, "\(openssl.standardError)")
            #expect(openssl.standardOutput == Self.content)
        }
    }

    @Test("the reference time decides: signed before the certificate was valid fails at signing-time, passes at now")
    func referenceTime() throws {
        try withSignedContent { directory in
            let pki = directory.appendingPathComponent("pki").path
            let signature = directory.appendingPathComponent("early.p7").path
            let signed = try ErezeptBinary.run([
                "cms", "sign", "--identity", "insurant-a", "--pki", pki, "--signing-time", "2024-06-01T08:00:00Z", "--out", signature,
                directory.appendingPathComponent("content.xml").path,
            ])
            #expect(signed.status == 0, "\(signed.standardError)")
            let atSigning = try ErezeptBinary.run(["cms", "verify", "--pki", pki, "--json", signature])
            #expect(atSigning.status == 1)
            #expect(try report(atSigning).chain.error == "certificateNotYetValid")
            #expect(try report(atSigning).signingTime == "2024-06-01T08:00:00Z")
            #expect(try report(atSigning).signer.kvnr == "K030182229")
            let atNow = try ErezeptBinary.run(["cms", "verify", "--pki", pki, "--json", "--at", "now", signature])
            #expect(atNow.status == 0, "\(atNow.text)")
            let atDate = try ErezeptBinary.run(["cms", "verify", "--pki", pki, "--json", "--at", "2099-01-01", signature])
            #expect(try report(atDate).chain.error == "certificateExpired")
        }
    }

    @Test("an embedded OCSP response is used; a revoked signer fails; a foreign PKI does not anchor the signer")
    func revocationAndTrust() throws {
        try withSignedContent { directory in
            let pki = directory.appendingPathComponent("pki").path
            let signature = directory.appendingPathComponent("ocsp.p7").path
            let signed = try ErezeptBinary.run([
                "cms", "sign", "--identity", "pharmacy-a", "--pki", pki, "--embed-ocsp", "--out", signature,
                directory.appendingPathComponent("content.xml").path,
            ])
            #expect(signed.status == 0, "\(signed.standardError)")
            let parsed = try CMSSignedData(derEncoded: Array(try Data(contentsOf: URL(fileURLWithPath: signature))))
            let embedded = try #require(parsed.embeddedOCSPResponseDER)
            #expect(try OCSPResponse(derEncoded: embedded).basicResponse?.responses.first?.status == .good)
            #expect(try ErezeptBinary.run(["cms", "verify", "--pki", pki, signature]).status == 0)

            let revoked = try ErezeptBinary.run(["pki", "revoke", "--pki", pki, "--reason", "keyCompromise", "pharmacy-a"])
            #expect(revoked.status == 0)
            let afterRevocation = try ErezeptBinary.run(["cms", "verify", "--pki", pki, "--json", "--at", "now", signature])
            #expect(afterRevocation.status == 1)
            #expect(try report(afterRevocation).chain.error == "certificateRevoked")
            #expect(try report(afterRevocation).revocation.status == "revoked")

            let foreign = directory.appendingPathComponent("foreign").path
            #expect(try ErezeptBinary.run(["pki", "init", "--out", foreign, "--seed", "99"]).status == 0)
            let untrusted = try ErezeptBinary.run(["cms", "verify", "--pki", foreign, "--json", signature])
            #expect(untrusted.status == 1)
            #expect(try report(untrusted).chain.error == "untrustedIssuer")
        }
    }

    @Test("a tampered signature fails but its content is still written; garbage and missing files fail with one line")
    func badInput() throws {
        try withSignedContent { directory in
            let pki = directory.appendingPathComponent("pki").path
            let signature = directory.appendingPathComponent("signed.p7")
            let signed = try ErezeptBinary.run([
                "cms", "sign", "--identity", "doctor-b", "--pki", pki, "--out", signature.path, directory.appendingPathComponent("content.xml").path,
            ])
            #expect(signed.status == 0)
            var bytes = Array(try Data(contentsOf: signature))
            let offset = try #require(bytes.firstRange(of: Array("id value".utf8))).lowerBound
            bytes[offset] = UInt8(ascii: "I")
            let tampered = directory.appendingPathComponent("tampered.p7")
            try Data(bytes).write(to: tampered)
            let extracted = directory.appendingPathComponent("tampered.xml").path
            let result = try ErezeptBinary.run(["cms", "verify", "--pki", pki, "--json", "--content", extracted, tampered.path])
            #expect(result.status == 1)
            #expect(try report(result).signature.valid == false)
            #expect(FileManager.default.fileExists(atPath: extracted))

            let garbage = directory.appendingPathComponent("garbage.p7")
            try Data(Array("not a signature".utf8)).write(to: garbage)
            for arguments in [["cms", "verify", garbage.path], ["cms", "verify", directory.appendingPathComponent("missing.p7").path]] {
                let failed = try ErezeptBinary.run(arguments)
                #expect(failed.status == 1)
                #expect(failed.standardError.hasPrefix("erezept cms verify: "))
                #expect(failed.standardError.split(separator: "\n").count == 1)
            }
            let unknown = try ErezeptBinary.run(["cms", "sign", "--identity", "nobody", "--pki", pki, garbage.path])
            #expect(unknown.status == 1)
            #expect(unknown.standardError.contains("unknownIdentity"))
        }
    }
}
