// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import TICrypto
import Testing

/// Keys derived from a given scalar are deterministic and agree with independent implementations.
struct DeterministicKeyTests {
    @Test("the VAU test key's scalar yields the published public point (spec/ref-impl.md B.4)")
    func vauVectorScalar() throws {
        let key = try BrainpoolP256r1.KeyAgreement.PrivateKey(rawRepresentation: VAUTestVector.serverScalar)
        #expect(key.publicKey.x963Representation == VAUTestVector.serverPublicKey)
    }

    @Test("P-256 keys from a scalar agree with swift-crypto's P256")
    func p256MatchesSwiftCrypto() throws {
        for _ in 0..<20 {
            let reference = Crypto.P256.Signing.PrivateKey()
            let ours = try TICrypto.P256.Signing.PrivateKey(rawRepresentation: reference.rawRepresentation)
            #expect(ours.publicKey.x963Representation == Array(reference.publicKey.x963Representation))
            #expect(ours.derRepresentation == Array(reference.derRepresentation))
            #expect(ours.publicKey.derRepresentation == Array(reference.publicKey.derRepresentation))
            #expect(ours.pemRepresentation == reference.pemRepresentation + (reference.pemRepresentation.hasSuffix("\n") ? "" : "\n"))
            let back = try Crypto.P256.Signing.PrivateKey(derRepresentation: ours.derRepresentation)
            #expect(back.rawRepresentation == Data(ours.rawRepresentation))
        }
    }

    @Test("a scalar with leading zero bytes keeps its 32-byte form")
    func shortScalar() throws {
        let scalar = [UInt8](repeating: 0, count: 31) + [0x07]
        let key = try BrainpoolP256r1.Signing.PrivateKey(rawRepresentation: scalar)
        #expect(key.rawRepresentation == scalar)
        let again = try BrainpoolP256r1.Signing.PrivateKey(derRepresentation: key.derRepresentation)
        #expect(again.rawRepresentation == scalar)
    }
}
