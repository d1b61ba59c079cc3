// SPDX-License-Identifier: Apache-2.0

import TICrypto
import TestSupport
import Testing

/// ECDSA and ECDH against the `openssl` CLI, both directions, both curves.
struct OpenSSLSignatureInteropTests {
    @Test("our signature verifies with `openssl dgst -verify`; openssl's verifies with us", arguments: SigningCurve.allCases)
    func signatures(curve: SigningCurve) throws {
        try Self.signatures(curve.type)
    }

    private static func signatures<Key: SigningKeyUnderTest>(_: Key.Type) throws {
        let directory = try ScratchDirectory()
        let message = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let messagePath = try directory.write(message, to: "message.bin")

        let ours = try Key()
        let publicPath = try directory.write(ours.publicKey.pemRepresentation, to: "pub.pem")
        let signaturePath = try directory.write(try ours.signature(for: message).derRepresentation, to: "ours.der")
        let verified = try ExternalTool.openssl(["dgst", "-sha256", "-verify", publicPath, "-signature", signaturePath, messagePath])
        #expect(verified.text.contains("Verified OK"))

        let keyPath = directory.path("theirs.pem")
        try ExternalTool.openssl(["ecparam", "-name", Key.opensslCurveName, "-genkey", "-noout", "-out", keyPath])
        let theirSignaturePath = directory.path("theirs.der")
        try ExternalTool.openssl(["dgst", "-sha256", "-sign", keyPath, "-out", theirSignaturePath, messagePath])
        let theirs = try Key(pemRepresentation: String(decoding: try directory.read("theirs.pem"), as: UTF8.self))
        let theirSignature = try ECDSASignature(derRepresentation: try directory.read("theirs.der"))
        #expect(theirs.publicKey.isValidSignature(theirSignature, for: message))
        #expect(!theirs.publicKey.isValidSignature(theirSignature, for: message.dropLast()))
        #expect(!ours.publicKey.isValidSignature(theirSignature, for: message))
    }

    @Test("ECDH equals `openssl pkeyutl -derive`, also for a secret with a leading zero byte", arguments: AgreementCurve.allCases)
    func derive(curve: AgreementCurve) throws {
        try Self.derive(curve.type)
    }

    private static func derive<Key: AgreementKeyUnderTest>(_: Key.Type) throws {
        let ours = try Key()
        let peer = try Key()
        #expect(try Self.opensslSecret(ours, peer.publicKey) == ours.sharedSecret(with: peer.publicKey))
    }

    @Test("brainpool ECDH with a leading zero byte equals `openssl pkeyutl -derive`")
    func deriveLeadingZero() throws {
        let pair = try LeadingZeroPair.find()
        let expected = try Self.opensslSecret(pair.alice, pair.bob.publicKey)
        #expect(expected.count == 32)
        #expect(expected == pair.secret)
    }

    private static func opensslSecret<Key: AgreementKeyUnderTest>(_ key: Key, _ peer: Key.PublicKey) throws -> [UInt8] {
        let directory = try ScratchDirectory()
        let keyPath = try directory.write(key.pemRepresentation, to: "key.pem")
        let peerPath = try directory.write(peer.pemRepresentation, to: "peer.pem")
        return try ExternalTool.openssl(["pkeyutl", "-derive", "-inkey", keyPath, "-peerkey", peerPath]).standardOutput
    }
}
