// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import TICrypto
import Testing

/// ECDSA with SHA-256 on both curves.
struct ECDSATests {
    @Test("sign and verify; wrong message, wrong key and altered signature fail", arguments: SigningCurve.allCases)
    func signVerify(curve: SigningCurve) throws {
        try Self.signVerify(curve.type)
    }

    @Test("signing a precomputed SHA-256 digest matches signing the message", arguments: SigningCurve.allCases)
    func digestSigning(curve: SigningCurve) throws {
        try Self.digestSigning(curve.type)
    }

    private static func signVerify<Key: SigningKeyUnderTest>(_: Key.Type) throws {
        let key = try Key()
        let message = Array("E-Rezept".utf8)
        let signature = try key.signature(for: message)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: Array("E-Rezepte".utf8)))
        #expect(try !Key().publicKey.isValidSignature(signature, for: message))
        var raw = signature.rawRepresentation
        raw[10] ^= 0x01
        #expect(!key.publicKey.isValidSignature(try ECDSASignature(rawRepresentation: raw), for: message))
        // Zero components and all-ones components are rejected without crashing.
        for filler: UInt8 in [0x00, 0xFF] {
            let degenerate = try ECDSASignature(rawRepresentation: [UInt8](repeating: filler, count: 64))
            #expect(!key.publicKey.isValidSignature(degenerate, for: message))
        }
        // ECDSA is randomised: two signatures differ but both verify.
        let second = try key.signature(for: message)
        #expect(second != signature)
        #expect(key.publicKey.isValidSignature(second, for: message))
    }

    private static func digestSigning<Key: SigningKeyUnderTest>(_: Key.Type) throws {
        let key = try Key()
        let message = Array("signed attributes".utf8)
        let digest = Array(SHA256.hash(data: message))
        let signature = try key.signature(forSHA256Digest: digest)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(key.publicKey.isValidSignature(try key.signature(for: message), forSHA256Digest: digest))
        #expect(!key.publicKey.isValidSignature(signature, forSHA256Digest: digest.prefix(31)))
        #expect(throws: TICryptoError(.invalidParameter)) { try key.signature(forSHA256Digest: digest.prefix(20)) }
    }

    @Test("P-256 signatures interoperate with swift-crypto in both directions")
    func p256AgainstSwiftCrypto() throws {
        let reference = Crypto.P256.Signing.PrivateKey()
        let ours = try TICrypto.P256.Signing.PrivateKey(rawRepresentation: reference.rawRepresentation)
        let message = Array("cross-check".utf8)
        let ourSignature = try ours.signature(for: message)
        let asReference = try Crypto.P256.Signing.ECDSASignature(derRepresentation: ourSignature.derRepresentation)
        #expect(reference.publicKey.isValidSignature(asReference, for: message))
        let referenceSignature = try reference.signature(for: message)
        let parsed = try ECDSASignature(rawRepresentation: Array(referenceSignature.rawRepresentation))
        #expect(ours.publicKey.isValidSignature(parsed, for: message))
        #expect(parsed.derRepresentation == Array(referenceSignature.derRepresentation))
    }
}
