// SPDX-License-Identifier: Apache-2.0

import Foundation
import TestSupport
import Testing

/// A CA and one leaf made with the `openssl` CLI in a scratch directory, for CMS interop.
struct CMSTestPKI {
    /// The leaf key type.
    enum KeyType: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case brainpoolP256r1
        case p256 = "prime256v1"
        case rsa2048

        var testDescription: String { self.rawValue }
    }

    let directory: ScratchDirectory
    let keyType: KeyType

    var caPath: String { directory.path("ca.pem") }
    var leafPath: String { directory.path("leaf.pem") }
    var leafKeyPath: String { directory.path("leaf.key") }

    /// The leaf certificate as DER.
    var leafDER: [UInt8] { get throws { try directory.read("leaf.der") } }
    /// The CA certificate as DER.
    var caDER: [UInt8] { get throws { try directory.read("ca.der") } }
    /// The leaf key as PEM.
    var leafKeyPEM: String { get throws { String(decoding: try directory.read("leaf.key"), as: UTF8.self) } }

    init(_ keyType: KeyType) throws {
        self.keyType = keyType
        self.directory = try ScratchDirectory()
        let caCurve = keyType == .brainpoolP256r1 ? "brainpoolP256r1" : "prime256v1"
        try directory.write(
            """
            [leaf]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature, nonRepudiation
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            """,
            to: "ext.cnf"
        )
        try run(["ecparam", "-name", caCurve, "-genkey", "-noout", "-out", directory.path("ca.key")])
        try run([
            "req", "-new", "-x509", "-key", directory.path("ca.key"), "-sha256", "-days", "30", "-subj", "/C=DE/O=CMS Test/CN=CMS Test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", caPath,
        ])
        switch keyType {
        case .rsa2048: try run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", leafKeyPath])
        case .brainpoolP256r1, .p256: try run(["ecparam", "-name", keyType.rawValue, "-genkey", "-noout", "-out", leafKeyPath])
        }
        try run(["req", "-new", "-key", leafKeyPath, "-subj", "/C=DE/O=CMS Test/CN=Leaf \(keyType.rawValue)", "-out", directory.path("leaf.csr")])
        try run([
            "x509", "-req", "-in", directory.path("leaf.csr"), "-CA", caPath, "-CAkey", directory.path("ca.key"), "-set_serial", "4660",
            "-days", "30", "-sha256", "-extfile", directory.path("ext.cnf"), "-extensions", "leaf", "-out", leafPath,
        ])
        try run(["x509", "-in", leafPath, "-outform", "DER", "-out", directory.path("leaf.der")])
        try run(["x509", "-in", caPath, "-outform", "DER", "-out", directory.path("ca.der")])
    }

    private func run(_ arguments: [String]) throws {
        try ExternalTool.openssl(arguments)
    }
}
