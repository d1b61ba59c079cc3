// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import TestSupport
import Testing

/// Certificate signatures in every algorithm the CMS code verifies: ECDSA (brainpoolP256r1, P-256, SHA-384), RSA
/// PKCS #1 v1.5 and RSASSA-PSS.
struct CertificateSignatureAlgorithmTests {
    /// A CA key type and the `openssl` signing options.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let keyArguments: [String]
        let signArguments: [String]

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "ecdsa-brainpoolP256r1-sha256",
            keyArguments: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:brainpoolP256r1"],
            signArguments: ["-sha256"]
        ),
        Case(name: "ecdsa-p256-sha384", keyArguments: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], signArguments: ["-sha384"]),
        Case(name: "rsa-pkcs1-sha256", keyArguments: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], signArguments: ["-sha256"]),
        Case(
            name: "rsa-pss-sha256",
            keyArguments: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
            signArguments: ["-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32"]
        ),
    ]

    @Test("a leaf signed by the CA verifies; with a flipped signature bit it does not", arguments: cases)
    func algorithm(_ item: Case) throws {
        let directory = try ScratchDirectory()
        try directory.write(
            """
            [ca]
            basicConstraints = critical, CA:TRUE
            keyUsage = critical, keyCertSign
            [leaf]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            """,
            to: "ext.cnf"
        )
        try ExternalTool.openssl(["genpkey"] + item.keyArguments + ["-out", directory.path("ca.key")])
        try ExternalTool.openssl(
            ["req", "-new", "-x509", "-key", directory.path("ca.key"), "-subj", "/CN=Algorithm CA", "-days", "2", "-out", directory.path("ca.pem")]
                + ["-config", directory.path("ext.cnf"), "-extensions", "ca"] + item.signArguments
        )
        try ExternalTool.openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", directory.path("leaf.key")])
        try ExternalTool.openssl([
            "req", "-new", "-key", directory.path("leaf.key"), "-subj", "/CN=Algorithm Leaf", "-out", directory.path("leaf.csr"),
        ])
        try ExternalTool.openssl(
            [
                "x509", "-req", "-in", directory.path("leaf.csr"), "-CA", directory.path("ca.pem"), "-CAkey", directory.path("ca.key"),
                "-days", "1", "-extfile", directory.path("ext.cnf"), "-extensions", "leaf", "-out", directory.path("leaf.pem"),
            ] + item.signArguments
        )
        let ca = try TelematikCertificate(pemEncoded: String(decoding: try directory.read("ca.pem"), as: UTF8.self))
        let leaf = try TelematikCertificate(pemEncoded: String(decoding: try directory.read("leaf.pem"), as: UTF8.self))
        let validator = CertificatePathValidator(
            trustStore: TrustStore(anchors: [ca]),
            policy: CertificatePolicy(requiredKeyUsage: .digitalSignature, revocationMode: .notChecked)
        )
        let now = Date()
        #expect(try validator.validate(leaf, at: now).certificates == [leaf, ca])
        var der = leaf.derEncoded
        der[der.count - 3] ^= 0x10
        let tampered = try TelematikCertificate(derEncoded: der)
        #expect(throws: TICryptoError(.certificateSignatureInvalid)) { try validator.validate(tampered, at: now) }
    }
}
