// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import TestSupport
import Testing

@Suite("TestPKI: issuing special certificates, revocations and trust anchors")
struct TestPKIIssueTests {
    static func hbaProfile(name: String, professionOID: OID = TelematikOID.arzt) -> GeneratedPKI.Profile {
        .hba(
            name: name,
            displayName: "Dr. med. Test \(name)",
            title: "Dr. med.",
            givenName: "Test",
            surname: name,
            professionItem: "Ärztin/Arzt",
            professionOID: professionOID,
            telematikID: "1-HBA-Testkarte-883110000999999"
        )
    }

    @Test("an expired HBA: validity in the past, still chains to the CA")
    func expired() throws {
        var pki = try SeededPKI.get()
        let start = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01
        let end = Date(timeIntervalSince1970: 1_609_459_200)  // 2021-01-01
        let identity = try pki.issue(Self.hbaProfile(name: "doctor-expired"), by: "hba-ca", validity: start...end)
        #expect(identity.certificate.notBefore == start)
        #expect(identity.certificate.notAfter == end)
        #expect(!identity.certificate.isWithinValidityPeriod(at: Date()))
        #expect(identity.issuer == "hba-ca")
        #expect(identity.certificate.issuerDER == (try pki.identity(named: "hba-ca")).certificate.subjectDER)
        try pki.add(identity)
        #expect(throws: TICryptoError(.duplicateIdentity)) { try pki.add(identity) }
        try withPKIDirectory { directory in
            try pki.write(to: directory)
            let root = directory.appendingPathComponent("certs/root-ca.pem").path
            let ca = directory.appendingPathComponent("certs/hba-ca.pem").path
            let leaf = directory.appendingPathComponent("certs/doctor-expired.pem").path
            let output = try ExternalTool.run("openssl", ["verify", "-CAfile", root, "-untrusted", ca, leaf], installHint: "apt-get install openssl")
            #expect(output.status != 0)
            #expect((output.standardError + output.text).contains("certificate has expired"))
            #expect(try GeneratedPKI.load(from: directory).identity(named: "doctor-expired").certificate == identity.certificate)
        }
    }

    @Test("an HBA without Admission and a non-doctor HBA")
    func admissionVariants() throws {
        let pki = try SeededPKI.get()
        var profile = Self.hbaProfile(name: "doctor-no-admission")
        profile.admission = nil
        let bare = try pki.issue(profile, by: "hba-ca")
        #expect(bare.certificate.admission == nil)
        #expect(bare.professionOID == nil)
        #expect(bare.telematikID == nil)
        #expect(bare.certificate.hasPolicy(TelematikOID.hbaQES))
        let pharmacist = try pki.issue(Self.hbaProfile(name: "pharmacist", professionOID: TelematikOID.apotheker), by: "hba-ca")
        #expect(pharmacist.professionOID == TelematikOID.apotheker)
        #expect(!pharmacist.certificate.hasProfessionOID(TelematikOID.arzt))
    }

    @Test("seeded issuing is reproducible; unseeded starts an hour before now")
    func seededIssue() throws {
        let pki = try SeededPKI.get()
        let first = try pki.issue(Self.hbaProfile(name: "doctor-c"), by: "hba-ca", seed: 5)
        let second = try pki.issue(Self.hbaProfile(name: "doctor-c"), by: "hba-ca", seed: 5)
        #expect(first.certificate == second.certificate)
        #expect(first.certificate.notBefore == GeneratedPKI.Lifetime.seededNotBefore)
        let now = Date()
        let random = try pki.issue(Self.hbaProfile(name: "doctor-c"), by: "hba-ca", now: now)
        #expect(random.certificate != first.certificate)
        #expect(abs(random.certificate.notBefore.timeIntervalSince(now) + 3_600) <= 1)
    }

    @Test("a certificate from a foreign CA does not verify against this PKI's root")
    func foreignCA() throws {
        let pki = try SeededPKI.get()
        let foreign = try GeneratedPKI.generate(seed: 99)
        let intruder = try foreign.issue(Self.hbaProfile(name: "doctor-foreign"), by: "hba-ca")
        #expect(intruder.certificate.issuer == (try pki.identity(named: "hba-ca")).certificate.subject)
        #expect(intruder.certificate.authorityKeyIdentifier != (try pki.identity(named: "hba-ca")).certificate.subjectKeyIdentifier)
        try withPKIDirectory { directory in
            try pki.write(to: directory)
            let leaf = directory.appendingPathComponent("foreign.pem")
            try Data(intruder.certificate.pemEncoded.utf8).write(to: leaf)
            let root = directory.appendingPathComponent("certs/root-ca.pem").path
            let ca = directory.appendingPathComponent("certs/hba-ca.pem").path
            #expect(throws: (any Error).self) { try ExternalTool.openssl(["verify", "-CAfile", root, "-untrusted", ca, leaf.path]) }
        }
    }

    @Test("issuing from an unknown or non-CA identity fails")
    func issueErrors() throws {
        let pki = try SeededPKI.get()
        #expect(throws: TICryptoError(.unknownIdentity)) { try pki.issue(Self.hbaProfile(name: "x"), by: "no-such-ca") }
        #expect(throws: TICryptoError(.notACertificateAuthority)) { try pki.issue(Self.hbaProfile(name: "x"), by: "doctor-a") }
    }

    @Test("revocations.json: name, lower-case hex serial, issuer, ISO 8601 time, reason; read back by load")
    func revocation() throws {
        try withPKIDirectory { directory in
            var pki = try SeededPKI.get()
            try pki.write(to: directory)
            let date = Date(timeIntervalSince1970: 1_748_779_200)  // 2025-06-01T12:00:00Z
            let entry = try pki.revoke("doctor-b", reason: .keyCompromise, at: date)
            #expect(throws: TICryptoError(.revocationRefused)) { try pki.revoke("doctor-b") }
            #expect(throws: TICryptoError(.revocationRefused)) { try pki.revoke("root-ca") }
            #expect(throws: TICryptoError(.unknownIdentity)) { try pki.revoke("nobody") }
            try pki.writeRevocations(to: directory)
            let data = try Data(contentsOf: directory.appendingPathComponent("revocations.json"))
            let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: String]])
            let serial = try pki.identity(named: "doctor-b").certificate.serialNumberHex.lowercased()
            #expect(
                entries == [
                    ["name": "doctor-b", "serial": serial, "issuer": "hba-ca", "revokedAt": "2025-06-01T12:00:00Z", "reason": "keyCompromise"]
                ]
            )
            #expect(serial == serial.lowercased() && serial.count == 32)
            let loaded = try GeneratedPKI.load(from: directory)
            #expect(loaded.revocations == [entry])
            #expect(loaded.isRevoked(try loaded.identity(named: "doctor-b")))
            #expect(!loaded.isRevoked(try loaded.identity(named: "doctor-a")))
            #expect(loaded.identityTable.contains("doctor-b (revoked)"))
            #expect(CRLReason(name: "aACompromise") == .aaCompromise)
        }
    }

    @Test("trust anchors: PEM and DER CA certificates import idempotently; a leaf is refused and nothing written")
    func anchors() throws {
        try withPKIDirectory { directory in
            var pki = try SeededPKI.get()
            try pki.write(to: directory)
            let foreign = try GeneratedPKI.generate(seed: 7)
            let foreignRoot = try foreign.identity(named: "root-ca").certificate
            let foreignCA = try foreign.identity(named: "smcb-ca").certificate
            let fromPEM = try GeneratedPKI.certificates(fileContents: Array((foreignRoot.pemEncoded + foreignCA.pemEncoded).utf8))
            #expect(fromPEM == [foreignRoot, foreignCA])
            #expect(try GeneratedPKI.certificates(fileContents: foreignRoot.derEncoded) == [foreignRoot])
            #expect(throws: TICryptoError.self) { try GeneratedPKI.certificates(fileContents: Array("no certificate".utf8)) }
            let leaf = try foreign.identity(named: "pharmacy-a").certificate
            #expect(throws: TICryptoError(.notACertificateAuthority)) { try pki.importAnchors([foreignRoot, leaf]) }
            #expect(pki.anchors.isEmpty)
            #expect(try pki.importAnchors(fromPEM) == [foreignRoot, foreignCA])
            #expect(try pki.importAnchors([foreignRoot]).isEmpty)
            try pki.writeAnchors(to: directory)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("anchors").path)
            #expect(files.count == 2)
            try pki.writeAnchors(to: directory)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("anchors").path).sorted() == files.sorted())
            #expect(Set(try GeneratedPKI.load(from: directory).anchors) == [foreignRoot, foreignCA])
        }
    }
}
