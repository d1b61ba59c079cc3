// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import TICrypto
import Testing

/// ECDH on both curves, including the 32-byte padding of a short X coordinate (spec/ref-impl.md B.1).
struct ECDHTests {
    @Test("both sides derive the same 32-byte secret", arguments: AgreementCurve.allCases)
    func agreement(curve: AgreementCurve) throws {
        try Self.agreement(curve.type)
    }

    private static func agreement<Key: AgreementKeyUnderTest>(_: Key.Type) throws {
        let alice = try Key()
        let bob = try Key()
        let secret = try alice.sharedSecret(with: bob.publicKey)
        #expect(secret.count == 32)
        #expect(try bob.sharedSecret(with: alice.publicKey) == secret)
        #expect(try Key().sharedSecret(with: bob.publicKey) != secret)
    }

    @Test("P-256 secrets equal swift-crypto's")
    func p256AgainstSwiftCrypto() throws {
        let reference = Crypto.P256.KeyAgreement.PrivateKey()
        let ours = try TICrypto.P256.KeyAgreement.PrivateKey()
        let referencePublic = try TICrypto.P256.KeyAgreement.PublicKey(x963Representation: reference.publicKey.x963Representation)
        let ourPublic = try Crypto.P256.KeyAgreement.PublicKey(x963Representation: ours.publicKey.x963Representation)
        let expected = try reference.sharedSecretFromKeyAgreement(with: ourPublic).withUnsafeBytes { Array($0) }
        #expect(try ours.sharedSecret(with: referencePublic) == expected)
    }

    @Test("a secret whose X coordinate starts with 0x00 is still 32 bytes and agrees on both sides")
    func leadingZeroSecret() throws {
        let pair = try LeadingZeroPair.find()
        #expect(pair.secret.count == 32)
        #expect(pair.secret[0] == 0x00)
        #expect(try pair.bob.sharedSecret(with: pair.alice.publicKey) == pair.secret)
    }

    @Test("a P-256 secret with a leading zero byte matches swift-crypto")
    func leadingZeroP256() throws {
        for _ in 0..<8192 {
            let reference = Crypto.P256.KeyAgreement.PrivateKey()
            let peer = Crypto.P256.KeyAgreement.PrivateKey()
            let expected = try reference.sharedSecretFromKeyAgreement(with: peer.publicKey).withUnsafeBytes { Array($0) }
            guard expected[0] == 0 else { continue }
            let ours = try TICrypto.P256.KeyAgreement.PrivateKey(rawRepresentation: reference.rawRepresentation)
            let peerPublic = try TICrypto.P256.KeyAgreement.PublicKey(x963Representation: peer.publicKey.x963Representation)
            #expect(try ours.sharedSecret(with: peerPublic) == expected)
            return
        }
        Issue.record("no P-256 secret with a leading zero byte in 8192 tries (probability about 1e-14)")
    }
}

/// A brainpool key pair whose shared secret starts with 0x00, found by search (about 256 tries on average).
struct LeadingZeroPair {
    var alice: BrainpoolP256r1.KeyAgreement.PrivateKey
    var bob: BrainpoolP256r1.KeyAgreement.PrivateKey
    var secret: [UInt8]

    struct NotFound: Error {}

    static func find() throws -> LeadingZeroPair {
        let bob = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        for _ in 0..<8192 {
            let alice = try BrainpoolP256r1.KeyAgreement.PrivateKey()
            let secret = try alice.sharedSecret(with: bob.publicKey)
            if secret[0] == 0 { return LeadingZeroPair(alice: alice, bob: bob, secret: secret) }
        }
        throw NotFound()
    }
}
