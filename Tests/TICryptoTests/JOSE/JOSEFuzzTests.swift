// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

/// Random and mutated compact strings into the JWS and JWE parsers: each returns or throws, never crashes, and no
/// mutation ever verifies or decrypts.
struct JOSEFuzzTests {
    private static let iterations = 2_000

    @Test("JWS parsing and verification survive random and mutated compact strings")
    func jwsParser() throws {
        var random = FuzzRandom(seed: 0x5EED_0105)
        let brainpool = try BrainpoolP256r1.Signing.PrivateKey()
        let p256 = try P256.Signing.PrivateKey()
        let header = JOSEHeader(typ: "JWT", kid: "puk_idp_sig", exp: 1_700_000_000)
        let seeds = [
            try JWS.sign(payload: Array(#"{"sub":"a","exp":1}"#.utf8), header: header, key: brainpool).compactSerialization,
            try JWS.sign(payload: [], key: p256).compactSerialization,
            JWSTests.RFC7515A3.compact,
        ]
        let rfcKey = try P256.Signing.PublicKey(jwk: JWK(json: Array(JWSTests.RFC7515A3.jwk.utf8)))
        var parsedCount = 0
        for round in 0..<Self.iterations {
            let text = try Self.input(round: round, seeds: seeds, random: &random)
            guard let jws = try? JWS(compact: text) else { continue }
            parsedCount += 1
            let verified = [
                (try? jws.verify(with: brainpool.publicKey)) != nil,
                (try? jws.verify(with: p256.publicKey)) != nil,
                (try? jws.verify(with: rfcKey)) != nil,
            ]
            if verified.contains(true) {
                // Strict base64url gives every JWS one text, so only an untouched seed can verify.
                #expect(seeds.contains(text), "mutation verified: \(text)")
            }
        }
        // Segment-level mutations still parse, so verification is exercised too.
        #expect(parsedCount > 100)
    }

    @Test("JWE parsing and decryption survive random and mutated compact strings")
    func jweParser() throws {
        var random = FuzzRandom(seed: 0x5EED_0106)
        let brainpool = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        let p256 = try P256.KeyAgreement.PrivateKey()
        let key = [UInt8](repeating: 0x5A, count: 32)
        let plaintext = Array("signed challenge".utf8)
        var header = JOSEHeader(cty: "NJWT", exp: 1_700_000_000)
        header.apu = [1, 2, 3]
        let seeds = [
            try JWE.encrypt(plaintext, header: header, recipient: brainpool.publicKey).compactSerialization,
            try JWE.encrypt(plaintext, recipient: p256.publicKey).compactSerialization,
            try JWE.encrypt(plaintext, header: JOSEHeader(exp: 60), directKey: key).compactSerialization,
        ]
        var parsedCount = 0
        for round in 0..<Self.iterations {
            let text = try Self.input(round: round, seeds: seeds, random: &random)
            guard let jwe = try? JWE(compact: text) else { continue }
            parsedCount += 1
            let opened = [
                try? jwe.decrypt(with: brainpool),
                try? jwe.decrypt(with: p256),
                try? jwe.decrypt(directKey: key),
            ]
            if opened.contains(where: { $0 != nil }) {
                #expect(seeds.contains(text), "mutation decrypted: \(text)")
                #expect(opened.contains(plaintext))
            }
        }
        #expect(parsedCount > 100)
    }

    @Test("JWK parsing survives random and mutated JSON")
    func jwkParser() throws {
        var random = FuzzRandom(seed: 0x5EED_0107)
        let seeds = [
            JWK(try BrainpoolP256r1.Signing.PrivateKey().publicKey, kid: "k", use: "sig", x5c: [[0x30, 0x00]]).jsonRepresentation,
            JWK(try P256.KeyAgreement.PrivateKey().publicKey).jsonRepresentation,
        ]
        for round in 0..<Self.iterations {
            guard let jwk = try? JWK(json: random.input(round: round, seeds: seeds)) else { continue }
            _ = try? BrainpoolP256r1.Signing.PublicKey(jwk: jwk)
            _ = try? P256.KeyAgreement.PublicKey(jwk: jwk)
        }
    }

    /// Every fourth round (offset 1) a bit flip inside one decoded segment, re-encoded canonically, so that the result
    /// usually still parses and reaches verification or decryption; otherwise ``FuzzRandom/input(round:seeds:)``.
    private static func input(round: Int, seeds: [String], random: inout FuzzRandom) throws -> String {
        guard round % 4 == 1 else {
            return String(decoding: random.input(round: round, seeds: seeds.map { Array($0.utf8) }), as: UTF8.self)
        }
        let seed = seeds[Int(random.next() % UInt64(seeds.count))]
        let segments = JOSECompactEdit.segments(seed)
        let candidates = segments.indices.filter { !segments[$0].isEmpty }
        let segment = candidates[Int(random.next() % UInt64(candidates.count))]
        var bytes = try Base64URL.decode(segments[segment])
        let index = Int(random.next() % UInt64(bytes.count))
        bytes[index] ^= UInt8(1 << (random.next() % 8))
        return JOSECompactEdit.replacing(seed, segment: segment, bytes: bytes)
    }
}
