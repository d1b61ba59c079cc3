// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import TestSupport
import Testing

@Suite("TestPKI on disk: the identities.json contract, byte-identical output, openssl cross-checks")
struct TestPKIDiskTests {
    @Test("a seeded PKI written twice gives identical files; another seed differs")
    func byteIdentical() throws {
        try withPKIDirectory { directory in
            let first = directory.appendingPathComponent("first")
            let second = directory.appendingPathComponent("second")
            let third = directory.appendingPathComponent("third")
            try SeededPKI.get().write(to: first)
            try GeneratedPKI.generate(seed: SeededPKI.seed).write(to: second)
            try GeneratedPKI.generate(seed: SeededPKI.seed + 7).write(to: third)
            let firstFiles = try fileContents(below: first)
            #expect(firstFiles.count == 2 + 2 * 22)
            #expect(firstFiles == (try fileContents(below: second)))
            let thirdFiles = try fileContents(below: third)
            #expect(Set(thirdFiles.keys) == Set(firstFiles.keys))
            for (path, bytes) in firstFiles where path.hasPrefix("certs/") || path.hasPrefix("keys/") {
                #expect(thirdFiles[path] != bytes, "\(path)")
            }
        }
    }

    @Test("identities.json: array of entries with exactly the contract's fields, sorted keys, relative paths")
    func contract() throws {
        try withPKIDirectory { directory in
            let pki = try SeededPKI.get()
            try pki.write(to: directory)
            let data = try Data(contentsOf: directory.appendingPathComponent("identities.json"))
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.hasPrefix("[\n"))
            #expect(text.hasSuffix("]\n"))
            let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: String]])
            #expect(entries.count == pki.identities.count)
            let allowed: Set<String> = [
                "name", "kind", "issuer", "professionOID", "telematikId", "kvnr", "insurance", "displayName", "certificate", "privateKey",
            ]
            let kinds: Set<String> = ["root-ca", "ca", "hba", "smcb", "egk", "fd-sig", "fd-enc", "idp-sig", "ocsp"]
            for entry in entries {
                let name = try #require(entry["name"])
                #expect(Set(entry.keys).isSubset(of: allowed), "\(name)")
                #expect(kinds.contains(entry["kind"] ?? ""), "\(name)")
                #expect(entry["certificate"] == "certs/\(name).pem")
                #expect(entry["privateKey"] == "keys/\(name).key.pem")
                #expect(entry["displayName"]?.isEmpty == false)
                #expect((entry["issuer"] == nil) == (entry["kind"] == "root-ca"))
                #expect((entry["kvnr"] != nil) == (entry["kind"] == "egk"))
                #expect((entry["insurance"] != nil) == (entry["kind"] == "egk"))
                if ["hba", "smcb", "fd-sig", "fd-enc", "idp-sig"].contains(entry["kind"]) {
                    #expect(entry["telematikId"] != nil, "\(name)")
                    #expect(entry["professionOID"] != nil, "\(name)")
                }
                let keyText = try String(contentsOf: directory.appendingPathComponent(entry["privateKey"]!), encoding: .utf8)
                #expect(keyText.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
                let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(entry["privateKey"]!).path)
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(name)")
            }
            let doctor = try #require(entries.first { $0["name"] == "doctor-a" })
            #expect(
                doctor == [
                    "name": "doctor-a", "kind": "hba", "issuer": "hba-ca", "professionOID": "1.2.276.0.76.4.30",
                    "telematikId": "1-HBA-Testkarte-883110000900001", "displayName": "Dr. med. Anna Arzt",
                    "certificate": "certs/doctor-a.pem", "privateKey": "keys/doctor-a.key.pem",
                ]
            )
            let insurant = try #require(entries.first { $0["name"] == "insurant-pkv" })
            #expect(insurant["kvnr"] == "P123464117")
            #expect(insurant["insurance"] == "PKV")
            #expect(insurant["professionOID"] == "1.2.276.0.76.4.49")
            // Sorted keys: "certificate" precedes "displayName" precedes "issuer" within each object.
            #expect(text.range(of: "\"certificate\"")!.lowerBound < text.range(of: "\"displayName\"")!.lowerBound)
            let revocations = try Data(contentsOf: directory.appendingPathComponent("revocations.json"))
            #expect((try JSONSerialization.jsonObject(with: revocations) as? [Any])?.isEmpty == true)
        }
    }

    @Test("load reads back what write wrote")
    func loadRoundTrip() throws {
        try withPKIDirectory { directory in
            let pki = try SeededPKI.get()
            try pki.write(to: directory)
            let loaded = try GeneratedPKI.load(from: directory)
            #expect(loaded.identities.map(\.name) == pki.identities.map(\.name))
            for (left, right) in zip(loaded.identities, pki.identities) {
                #expect(left.certificate == right.certificate)
                #expect(left.privateKey.rawRepresentation == right.privateKey.rawRepresentation)
                #expect(left.kind == right.kind)
                #expect(left.issuer == right.issuer)
                #expect(left.displayName == right.displayName)
                #expect(left.insurance == right.insurance)
            }
        }
    }

    @Test("write refuses an existing PKI unless overwrite is asked for")
    func refuseOverwrite() throws {
        try withPKIDirectory { directory in
            try SeededPKI.get().write(to: directory)
            #expect(throws: TICryptoError(.testPKIExists)) { try GeneratedPKI.generate(seed: 1).write(to: directory) }
            #expect(try GeneratedPKI.load(from: directory).identities.first?.certificate == SeededPKI.get().identities.first?.certificate)
            try GeneratedPKI.generate(seed: 1).write(to: directory, overwrite: true)
            #expect(
                try GeneratedPKI.load(from: directory).identities.first?.certificate == GeneratedPKI.generate(seed: 1).identities.first?.certificate
            )
        }
    }

    @Test("load rejects a missing PKI, malformed JSON and a key that does not match its certificate")
    func loadErrors() throws {
        try withPKIDirectory { directory in
            #expect(throws: TICryptoError(.invalidTestPKI)) { try GeneratedPKI.load(from: directory) }
            try SeededPKI.get().write(to: directory)
            let keys = directory.appendingPathComponent("keys")
            try FileManager.default.removeItem(at: keys.appendingPathComponent("doctor-a.key.pem"))
            try FileManager.default.copyItem(at: keys.appendingPathComponent("doctor-b.key.pem"), to: keys.appendingPathComponent("doctor-a.key.pem"))
            #expect(throws: TICryptoError(.invalidTestPKI)) { try GeneratedPKI.load(from: directory) }
            try Data("{".utf8).write(to: directory.appendingPathComponent("identities.json"))
            #expect(throws: TICryptoError(.invalidTestPKI)) { try GeneratedPKI.load(from: directory) }
        }
    }

    @Test("openssl: every end entity verifies against root and its CA; every key file matches its certificate")
    func opensslCrossCheck() throws {
        try withPKIDirectory { directory in
            let pki = try GeneratedPKI.generate(seed: nil)
            try pki.write(to: directory)
            let root = directory.appendingPathComponent("certs/root-ca.pem").path
            for identity in pki.identities {
                let certificate = directory.appendingPathComponent("certs/\(identity.name).pem").path
                let key = directory.appendingPathComponent("keys/\(identity.name).key.pem").path
                if !identity.kind.isCertificateAuthority {
                    let ca = directory.appendingPathComponent("certs/\(identity.issuer!).pem").path
                    let output = try ExternalTool.openssl(["verify", "-CAfile", root, "-untrusted", ca, certificate])
                    #expect(output.text.contains(": OK"), "\(identity.name)")
                } else if identity.kind == .ca {
                    #expect(try ExternalTool.openssl(["verify", "-CAfile", root, certificate]).text.contains(": OK"))
                }
                let fromKey = try ExternalTool.openssl(["pkey", "-in", key, "-pubout"]).text
                let fromCertificate = try ExternalTool.openssl(["x509", "-in", certificate, "-noout", "-pubkey"]).text
                #expect(fromKey == fromCertificate, "\(identity.name)")
                #expect(fromKey == identity.privateKey.publicKey.pemRepresentation)
                _ = try ExternalTool.openssl(["x509", "-in", certificate, "-noout", "-text"])
            }
        }
    }
}
