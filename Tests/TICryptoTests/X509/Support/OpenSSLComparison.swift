// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// Compares a parsed certificate with what `openssl x509` / `openssl asn1parse` report for the same file.
enum OpenSSLComparison {
    static func assertMatches(file: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let certificate = try TelematikCertificate(pemEncoded: try String(contentsOf: file, encoding: .utf8))
        let nameOptions = ["-nameopt", "RFC2253,-esc_msb"]

        let serial = try OpenSSLCLI.x509Field("-serial", file: file)
        #expect(certificate.serialNumberHex.drop { $0 == "0" } == serial.drop { $0 == "0" }, sourceLocation: sourceLocation)
        #expect(
            certificate.subject.description == (try OpenSSLCLI.x509Field("-subject", file: file, extra: nameOptions)),
            sourceLocation: sourceLocation
        )
        #expect(
            certificate.issuer.description == (try OpenSSLCLI.x509Field("-issuer", file: file, extra: nameOptions)),
            sourceLocation: sourceLocation
        )
        #expect(certificate.notBefore == OpenSSLCLI.date(try OpenSSLCLI.x509Field("-startdate", file: file)), sourceLocation: sourceLocation)
        #expect(certificate.notAfter == OpenSSLCLI.date(try OpenSSLCLI.x509Field("-enddate", file: file)), sourceLocation: sourceLocation)

        // tbsCertificate: the second line of asn1parse gives its offset, header and content length.
        let structure = try OpenSSLCLI.run(["asn1parse", "-in", file.path]).split(separator: "\n")
        let tbsLine = try #require(structure.dropFirst().first, sourceLocation: sourceLocation)
        let numbers = tbsLine.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        // "    4:d=1  hl=4 l= 933 cons: SEQUENCE" → [4, 1, 4, 933]
        let (offset, header, length) = (numbers[0], numbers[2], numbers[3])
        #expect(
            certificate.tbsCertificateDER == Array(certificate.derEncoded[offset..<offset + header + length]),
            sourceLocation: sourceLocation
        )

        let text = try OpenSSLCLI.run(["x509", "-in", file.path, "-noout", "-text"])
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let policies = lines.filter { $0.hasPrefix("Policy: ") }.map { OID(dotted: $0.dropFirst(8)) }
        #expect(certificate.certificatePolicies == policies.compactMap { $0 }, sourceLocation: sourceLocation)
        #expect(certificate.version == 3 && text.contains("Version: 3 (0x2)"), sourceLocation: sourceLocation)
        if let index = lines.firstIndex(of: "X509v3 Key Usage: critical") ?? lines.firstIndex(of: "X509v3 Key Usage:") {
            #expect(keyUsageNames(certificate.keyUsage ?? []) == lines[index + 1], sourceLocation: sourceLocation)
        } else {
            #expect(certificate.keyUsage == nil, sourceLocation: sourceLocation)
        }
        #expect(certificate.isCA == lines.contains { $0.hasPrefix("CA:TRUE") }, sourceLocation: sourceLocation)

        // Admission: OpenSSL prints "registrationNumber: …" and the profession OIDs as "name (dotted)" or "undefined (dotted)".
        if let start = lines.firstIndex(of: "Professional Information or basis for Admission:") {
            let section = lines[(start + 1)...].prefix { !$0.hasPrefix("X509v3") && !$0.hasPrefix("Signature Algorithm") && !$0.isEmpty }
            let registration = section.first { $0.hasPrefix("registrationNumber: ") }.map { String($0.dropFirst(20)) }
            #expect(certificate.telematikID == registration, sourceLocation: sourceLocation)
            // Only the lines under "Profession OIDs:" (naming authorities print OIDs too).
            var oids: [OID] = []
            var inProfessionOIDs = false
            for line in section {
                if line == "Profession OIDs:" {
                    inProfessionOIDs = true
                } else if inProfessionOIDs, line.hasSuffix(")"), let open = line.lastIndex(of: "("),
                    let oid = OID(dotted: line[line.index(after: open)..<line.index(before: line.endIndex)])
                {
                    oids.append(oid)
                } else {
                    inProfessionOIDs = false
                }
            }
            #expect(certificate.professionOIDs == oids, sourceLocation: sourceLocation)
        } else {
            #expect(certificate.admission == nil, sourceLocation: sourceLocation)
        }
        // The public key OpenSSL extracts is the DER SubjectPublicKeyInfo we expose.
        let publicKeyPEM = try OpenSSLCLI.run(["x509", "-in", file.path, "-noout", "-pubkey"])
        let base64 = publicKeyPEM.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        #expect(Data(base64Encoded: base64).map(Array.init) == certificate.subjectPublicKeyInfo.derEncoded, sourceLocation: sourceLocation)
    }

    /// The key usage as OpenSSL's `-text` prints it.
    static func keyUsageNames(_ usage: KeyUsage) -> String {
        let names: [(KeyUsage, String)] = [
            (.digitalSignature, "Digital Signature"), (.nonRepudiation, "Non Repudiation"), (.keyEncipherment, "Key Encipherment"),
            (.dataEncipherment, "Data Encipherment"), (.keyAgreement, "Key Agreement"), (.keyCertSign, "Certificate Sign"),
            (.cRLSign, "CRL Sign"), (.encipherOnly, "Encipher Only"), (.decipherOnly, "Decipher Only"),
        ]
        return names.filter { usage.contains($0.0) }.map(\.1).joined(separator: ", ")
    }
}
