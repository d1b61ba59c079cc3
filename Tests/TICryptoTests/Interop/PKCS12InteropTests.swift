// SPDX-License-Identifier: Apache-2.0

import TICrypto
import TestSupport
import Testing

/// PKCS#12 import and export against the `openssl` CLI.
struct PKCS12InteropTests {
    /// A key, its self-signed certificate and a second certificate standing in for a CA, made by openssl.
    private struct Identity {
        let directory: ScratchDirectory
        let keyPath: String
        let certificatePath: String
        let caPath: String

        init(curve: String) throws {
            self.directory = try ScratchDirectory()
            self.keyPath = self.directory.path("key.pem")
            self.certificatePath = self.directory.path("cert.pem")
            self.caPath = self.directory.path("ca.pem")
            try ExternalTool.openssl(["ecparam", "-name", curve, "-genkey", "-noout", "-out", self.keyPath])
            try ExternalTool.openssl([
                "req", "-x509", "-new", "-key", self.keyPath, "-subj", "/CN=Praxis Test", "-days", "2", "-out", self.certificatePath,
            ])
            let caKey = self.directory.path("ca-key.pem")
            try ExternalTool.openssl(["ecparam", "-name", curve, "-genkey", "-noout", "-out", caKey])
            try ExternalTool.openssl(["req", "-x509", "-new", "-key", caKey, "-subj", "/CN=Test CA", "-days", "2", "-out", self.caPath])
        }

        func der(ofCertificate path: String) throws -> [UInt8] {
            try ExternalTool.openssl(["x509", "-in", path, "-outform", "DER"]).standardOutput
        }
    }

    @Test("a .p12 made by `openssl pkcs12 -export` opens with key, certificate and chain")
    func importFromOpenSSL() throws {
        let identity = try Identity(curve: "brainpoolP256r1")
        let p12Path = identity.directory.path("bundle.p12")
        try ExternalTool.openssl([
            "pkcs12", "-export", "-inkey", identity.keyPath, "-in", identity.certificatePath, "-certfile", identity.caPath,
            "-passout", "pass:Geheim!", "-out", p12Path,
        ])
        let bundle = try PKCS12Bundle<BrainpoolP256r1.Signing.PrivateKey>(
            derRepresentation: try identity.directory.read("bundle.p12"),
            password: "Geheim!"
        )
        let key = try BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: String(decoding: try identity.directory.read("key.pem"), as: UTF8.self))
        #expect(bundle.privateKey.rawRepresentation == key.rawRepresentation)
        #expect(bundle.certificateDER == (try identity.der(ofCertificate: identity.certificatePath)))
        #expect(bundle.chainDER == [try identity.der(ofCertificate: identity.caPath)])

        #expect(throws: TICryptoError(.invalidPassword)) {
            try PKCS12Bundle<BrainpoolP256r1.Signing.PrivateKey>(derRepresentation: try identity.directory.read("bundle.p12"), password: "falsch")
        }
        #expect(throws: TICryptoError(.unsupportedCurve)) {
            try PKCS12Bundle<P256.Signing.PrivateKey>(derRepresentation: try identity.directory.read("bundle.p12"), password: "Geheim!")
        }
    }

    @Test("a .p12 we write opens with `openssl pkcs12` and with us", arguments: ["brainpoolP256r1", "prime256v1"])
    func exportToOpenSSL(curve: String) throws {
        let identity = try Identity(curve: curve)
        let keyPEM = String(decoding: try identity.directory.read("key.pem"), as: UTF8.self)
        let certificate = try identity.der(ofCertificate: identity.certificatePath)
        let ca = try identity.der(ofCertificate: identity.caPath)
        if curve == "prime256v1" {
            try Self.exportRoundTrip(P256.KeyAgreement.PrivateKey(pemRepresentation: keyPEM), certificate, ca, identity)
        } else {
            try Self.exportRoundTrip(BrainpoolP256r1.KeyAgreement.PrivateKey(pemRepresentation: keyPEM), certificate, ca, identity)
        }
    }

    private static func exportRoundTrip<Key: PrivateKeyUnderTest>(
        _ key: Key,
        _ certificate: [UInt8],
        _ ca: [UInt8],
        _ identity: Identity
    ) throws {
        let bundle = PKCS12Bundle(privateKey: key, certificateDER: certificate, chainDER: [ca])
        let p12 = try bundle.derRepresentation(password: "pw 123", friendlyName: "VAU")
        let p12Path = try identity.directory.write(p12, to: "ours.p12")
        let keys = try ExternalTool.openssl(["pkcs12", "-in", p12Path, "-passin", "pass:pw 123", "-nocerts", "-nodes"]).text
        #expect(try Key(pemRepresentation: keys).rawRepresentation == key.rawRepresentation)
        let certificates = try ExternalTool.openssl(["pkcs12", "-in", p12Path, "-passin", "pass:pw 123", "-nokeys", "-clcerts"]).text
        #expect(certificates.contains("CN = Praxis Test") || certificates.contains("CN=Praxis Test"))
        let reopened = try PKCS12Bundle<Key>(derRepresentation: p12, password: "pw 123")
        #expect(reopened.privateKey.rawRepresentation == key.rawRepresentation)
        #expect(reopened.certificateDER == certificate)
        #expect(reopened.chainDER == [ca])
    }

    @Test("a certificate that does not belong to the key is refused on export; garbage does not open")
    func rejections() throws {
        let identity = try Identity(curve: "brainpoolP256r1")
        let stranger = try BrainpoolP256r1.Signing.PrivateKey()
        let bundle = PKCS12Bundle(privateKey: stranger, certificateDER: try identity.der(ofCertificate: identity.certificatePath))
        #expect(throws: TICryptoError(.invalidKey)) { try bundle.derRepresentation(password: "x") }
        let garbage = PKCS12Bundle(privateKey: stranger, certificateDER: [0x30, 0x00])
        #expect(throws: TICryptoError(.invalidEncoding)) { try garbage.derRepresentation(password: "x") }
        for bytes in [[], [0x30, 0x00], Array(repeating: 0x41, count: 100)] as [[UInt8]] {
            #expect(throws: TICryptoError(.invalidEncoding)) {
                try PKCS12Bundle<BrainpoolP256r1.Signing.PrivateKey>(derRepresentation: bytes, password: "x")
            }
        }
    }
}
