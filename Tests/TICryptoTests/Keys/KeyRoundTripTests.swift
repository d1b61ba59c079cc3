// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

/// Every import/export form round-trips, for all four key types.
struct KeyRoundTripTests {
    @Test("generated keys round-trip through every private-key form", arguments: KeyKind.allCases)
    func privateKeyForms(kind: KeyKind) throws {
        try Self.privateKeyForms(kind.type)
    }

    @Test("public keys round-trip through every public-key form", arguments: KeyKind.allCases)
    func publicKeyForms(kind: KeyKind) throws {
        try Self.publicKeyForms(kind.type)
    }

    @Test("exported encodings have the fixed sizes of a 256-bit named curve", arguments: KeyKind.allCases)
    func encodingSizes(kind: KeyKind) throws {
        try Self.encodingSizes(kind.type)
    }

    private static func privateKeyForms<Key: PrivateKeyUnderTest>(_: Key.Type) throws {
        let key = try Key()
        #expect(key.rawRepresentation.count == 32)
        let forms: [Key] = [
            try Key(rawRepresentation: key.rawRepresentation),
            try Key(derRepresentation: key.derRepresentation),
            try Key(derRepresentation: key.sec1DERRepresentation),
            try Key(pemRepresentation: key.pemRepresentation),
            try Key(pemRepresentation: key.sec1PEMRepresentation),
        ]
        for imported in forms {
            #expect(imported.rawRepresentation == key.rawRepresentation)
            #expect(imported.publicKey == key.publicKey)
            #expect(imported.derRepresentation == key.derRepresentation)
        }
        #expect(key.pemRepresentation.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(key.sec1PEMRepresentation.hasPrefix("-----BEGIN EC PRIVATE KEY-----\n"))
    }

    private static func publicKeyForms<Key: PrivateKeyUnderTest>(_: Key.Type) throws {
        let publicKey = try Key().publicKey
        #expect(publicKey.x963Representation.count == 65)
        #expect(publicKey.x963Representation.first == 0x04)
        #expect(publicKey.rawRepresentation == Array(publicKey.x963Representation.dropFirst()))
        #expect(publicKey.x + publicKey.y == publicKey.rawRepresentation)
        let forms: [Key.PublicKey] = [
            try Key.PublicKey(x963Representation: publicKey.x963Representation),
            try Key.PublicKey(rawRepresentation: publicKey.rawRepresentation),
            try Key.PublicKey(x: publicKey.x, y: publicKey.y),
            try Key.PublicKey(derRepresentation: publicKey.derRepresentation),
            try Key.PublicKey(pemRepresentation: publicKey.pemRepresentation),
        ]
        for imported in forms {
            #expect(imported == publicKey)
            #expect(imported.derRepresentation == publicKey.derRepresentation)
        }
        #expect(publicKey.pemRepresentation.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
    }

    private static func encodingSizes<Key: PrivateKeyUnderTest>(_: Key.Type) throws {
        let key = try Key()
        // SPKI: 91 bytes for P-256 (8-byte curve OID), 92 for brainpool (9-byte OID).
        let oidExtra = Key.opensslCurveName == "brainpoolP256r1" ? 1 : 0
        #expect(key.publicKey.derRepresentation.count == 91 + oidExtra)
        #expect(key.sec1DERRepresentation.count == 121 + oidExtra)
        #expect(key.derRepresentation.count == 138 + oidExtra)
    }
}
