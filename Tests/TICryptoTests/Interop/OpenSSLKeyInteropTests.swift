// SPDX-License-Identifier: Apache-2.0

import TICrypto
import TestSupport
import Testing

/// Keys against the `openssl` CLI: its keys import, and our encodings are byte-identical to its own.
struct OpenSSLKeyInteropTests {
    @Test("keys from `openssl ecparam -genkey` import, and every encoding we write equals openssl's", arguments: KeyKind.allCases)
    func opensslKeysImport(kind: KeyKind) throws {
        try Self.opensslKeysImport(kind.type)
    }

    private static func opensslKeysImport<Key: PrivateKeyUnderTest>(_: Key.Type) throws {
        let directory = try ScratchDirectory()
        let sec1 = directory.path("sec1.pem")
        try ExternalTool.openssl(["ecparam", "-name", Key.opensslCurveName, "-genkey", "-noout", "-out", sec1])
        let sec1PEM = String(decoding: try directory.read("sec1.pem"), as: UTF8.self)
        let key = try Key(pemRepresentation: sec1PEM)
        #expect(key.sec1PEMRepresentation == sec1PEM)

        let pkcs8PEM = try ExternalTool.openssl(["pkey", "-in", sec1]).text
        #expect(key.pemRepresentation == pkcs8PEM)
        #expect(try Key(pemRepresentation: pkcs8PEM).rawRepresentation == key.rawRepresentation)

        let pkcs8DER = try ExternalTool.openssl(["pkcs8", "-topk8", "-nocrypt", "-in", sec1, "-outform", "DER"]).standardOutput
        #expect(key.derRepresentation == pkcs8DER)
        let sec1DER = try ExternalTool.openssl(["ec", "-in", sec1, "-outform", "DER"]).standardOutput
        #expect(key.sec1DERRepresentation == sec1DER)

        let publicPEM = try ExternalTool.openssl(["pkey", "-in", sec1, "-pubout"]).text
        #expect(key.publicKey.pemRepresentation == publicPEM)
        let publicDER = try ExternalTool.openssl(["pkey", "-in", sec1, "-pubout", "-outform", "DER"]).standardOutput
        #expect(key.publicKey.derRepresentation == publicDER)
        #expect(try Key.PublicKey(derRepresentation: publicDER) == key.publicKey)

        // The private scalar as `openssl ec -text` prints it (the way spec/ref-impl.md B.4 read the VAU key).
        let text = try ExternalTool.openssl(["ec", "-in", sec1, "-noout", "-text"]).text
        #expect(Self.hexBlock(after: "priv:", in: text) == key.rawRepresentation.hexString.trimmingLeadingZeroBytes())
        #expect(Self.hexBlock(after: "pub:", in: text) == key.publicKey.x963Representation.hexString)
    }

    @Test("our PEM keys are accepted by openssl and describe the same key", arguments: KeyKind.allCases)
    func ourKeysImportIntoOpenSSL(kind: KeyKind) throws {
        try Self.ourKeysImportIntoOpenSSL(kind.type)
    }

    private static func ourKeysImportIntoOpenSSL<Key: PrivateKeyUnderTest>(_: Key.Type) throws {
        let directory = try ScratchDirectory()
        let key = try Key()
        let pkcs8 = try directory.write(key.pemRepresentation, to: "pkcs8.pem")
        let sec1 = try directory.write(key.sec1DERRepresentation, to: "sec1.der")
        try ExternalTool.openssl(["pkey", "-in", pkcs8, "-check", "-noout"])
        try ExternalTool.openssl(["ec", "-in", sec1, "-inform", "DER", "-check", "-noout"])
        let publicFromPrivate = try ExternalTool.openssl(["pkey", "-in", pkcs8, "-pubout", "-outform", "DER"]).standardOutput
        #expect(publicFromPrivate == key.publicKey.derRepresentation)
        let spki = try directory.write(key.publicKey.pemRepresentation, to: "pub.pem")
        try ExternalTool.openssl(["pkey", "-pubin", "-in", spki, "-pubcheck", "-noout"])
    }

    @Test("explicit parameters of the named curve import (re-encoded as named); other curves and algorithms do not")
    func foreignKeys() throws {
        let directory = try ScratchDirectory()
        let explicit = try ExternalTool.openssl(["ecparam", "-name", "brainpoolP256r1", "-genkey", "-noout", "-param_enc", "explicit"]).text
        let named = try BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: explicit)
        #expect(!named.sec1DERRepresentation.isEmpty)
        let explicitPublic = try ExternalTool.openssl(["ec", "-pubout"], input: Array(explicit.utf8)).text
        #expect(try BrainpoolP256r1.Signing.PublicKey(pemRepresentation: explicitPublic) == named.publicKey)
        #expect(throws: TICryptoError(.unsupportedCurve)) { try P256.Signing.PrivateKey(pemRepresentation: explicit) }
        let explicitP384 = try ExternalTool.openssl(["ecparam", "-name", "secp384r1", "-genkey", "-noout", "-param_enc", "explicit"]).text
        #expect(throws: TICryptoError(.unsupportedCurve)) { try BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: explicitP384) }
        let secp384 = try ExternalTool.openssl(["ecparam", "-name", "secp384r1", "-genkey", "-noout"]).text
        #expect(throws: TICryptoError(.unsupportedCurve)) { try P256.Signing.PrivateKey(pemRepresentation: secp384) }
        for algorithm in [["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"], ["-algorithm", "ED25519"]] {
            let path = directory.path("foreign.pem")
            try ExternalTool.openssl(["genpkey"] + algorithm + ["-out", path])
            let pem = String(decoding: try directory.read("foreign.pem"), as: UTF8.self)
            #expect(throws: TICryptoError(.unsupportedAlgorithm)) { try BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: pem) }
            let publicPEM = try ExternalTool.openssl(["pkey", "-in", path, "-pubout"]).text
            #expect(throws: TICryptoError(.unsupportedAlgorithm)) { try P256.Signing.PublicKey(pemRepresentation: publicPEM) }
        }
    }

    @Test("an encrypted PEM key fails cleanly instead of prompting for a password")
    func encryptedPEM() throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let encrypted = try ExternalTool.openssl(["pkey", "-aes128", "-passout", "pass:secret"], input: Array(key.pemRepresentation.utf8))
        #expect(encrypted.text.contains("ENCRYPTED"))
        #expect(throws: TICryptoError(.invalidEncoding)) { try BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: encrypted.text) }
    }

    /// The colon-separated hex block after `label` in `openssl ec -text` output, as plain lowercase hex.
    private static func hexBlock(after label: String, in text: String) -> String {
        var collecting = false
        var hex = ""
        for line in text.split(separator: "\n") {
            if line.hasPrefix(label) {
                collecting = true
                continue
            }
            guard collecting else { continue }
            guard line.hasPrefix(" ") else { break }
            hex += line.filter { $0.isHexDigit }
        }
        return hex.lowercased().trimmingLeadingZeroBytes()
    }
}

extension String {
    /// Drops leading "00" byte pairs (openssl prints a sign byte and drops leading zeros of the magnitude).
    fileprivate func trimmingLeadingZeroBytes() -> String {
        var result = Substring(self)
        while result.hasPrefix("00") { result = result.dropFirst(2) }
        return String(result)
    }
}
