// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

/// Random and mutated inputs into every parser: each must return or throw a `TICryptoError`, never crash.
struct ParserFuzzTests {
    private static let iterations = 2_000

    /// Valid documents to mutate, one set per parser.
    private struct Seeds {
        let privateKey: BrainpoolP256r1.KeyAgreement.PrivateKey
        let p256: P256.Signing.PrivateKey

        init() throws {
            self.privateKey = try BrainpoolP256r1.KeyAgreement.PrivateKey(rawRepresentation: VAUTestVector.serverScalar)
            self.p256 = try P256.Signing.PrivateKey()
        }

        var privateDER: [[UInt8]] { [self.privateKey.derRepresentation, self.privateKey.sec1DERRepresentation, self.p256.derRepresentation] }
        var publicDER: [[UInt8]] { [self.privateKey.publicKey.derRepresentation, self.p256.publicKey.derRepresentation] }
        var pem: [[UInt8]] {
            [self.privateKey.pemRepresentation, self.privateKey.sec1PEMRepresentation, self.privateKey.publicKey.pemRepresentation]
                .map { Array($0.utf8) }
        }
    }

    @Test("key parsers survive random and mutated DER and PEM")
    func keyParsers() throws {
        var random = FuzzRandom(seed: 0x5EED_0001)
        let seeds = try Seeds()
        for round in 0..<Self.iterations {
            let der = random.input(round: round, seeds: seeds.privateDER + seeds.publicDER)
            _ = try? BrainpoolP256r1.Signing.PrivateKey(derRepresentation: der)
            _ = try? P256.KeyAgreement.PrivateKey(derRepresentation: der)
            _ = try? BrainpoolP256r1.Signing.PublicKey(derRepresentation: der)
            _ = try? P256.Signing.PublicKey(derRepresentation: der)
            _ = try? BrainpoolP256r1.KeyAgreement.PublicKey(x963Representation: der.prefix(65))
            _ = try? BrainpoolP256r1.Signing.PrivateKey(rawRepresentation: der.prefix(32))
            let pem = String(decoding: random.input(round: round, seeds: seeds.pem), as: UTF8.self)
            _ = try? BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: pem)
            _ = try? BrainpoolP256r1.Signing.PublicKey(pemRepresentation: pem)
        }
    }

    @Test("signature DER parsing and verification survive random and mutated input")
    func signatureParser() throws {
        var random = FuzzRandom(seed: 0x5EED_0002)
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let message: [UInt8] = [1, 2, 3]
        let seeds = try (0..<4).map { _ in try key.signature(for: message).derRepresentation }
        for round in 0..<Self.iterations {
            let der = random.input(round: round, seeds: seeds)
            if let signature = try? ECDSASignature(derRepresentation: der) {
                #expect(signature.derRepresentation.count <= 72)
                _ = key.publicKey.isValidSignature(signature, for: message)
            }
            if let raw = try? ECDSASignature(rawRepresentation: der.prefix(64)) {
                _ = key.publicKey.isValidSignature(raw, for: message)
            }
        }
    }

    @Test("VAU decryption survives random and mutated messages and never authenticates a forgery")
    func vauDecrypt() throws {
        var random = FuzzRandom(seed: 0x5EED_0003)
        let key = try BrainpoolP256r1.KeyAgreement.PrivateKey(rawRepresentation: VAUTestVector.serverScalar)
        for round in 0..<Self.iterations {
            let message = random.input(round: round, seeds: [VAUTestVector.message])
            if let plaintext = try? VAUCrypto.decrypt(message, with: key) {
                // Only the untouched vector may authenticate.
                #expect(message == VAUTestVector.message && plaintext == VAUTestVector.plaintext)
            }
            _ = try? VAUResponse.open(message, key: Array(VAUTestVector.iv.prefix(16)) + [0, 0, 0, 0])
        }
    }

    @Test("PKCS#12 parsing survives random bytes and truncations")
    func pkcs12Parser() throws {
        // Mutating a real container can set an arbitrary PBKDF2 iteration count, which is a slow input rather than a
        // crash; PKCS#12 files are configuration, not network input, so only random and truncated bytes are tried.
        var random = FuzzRandom(seed: 0x5EED_0004)
        for _ in 0..<Self.iterations {
            let bytes = random.bytes(count: Int(random.next() % 300))
            _ = try? PKCS12Bundle<BrainpoolP256r1.Signing.PrivateKey>(derRepresentation: bytes, password: "x")
            _ = try? PKCS12Bundle<BrainpoolP256r1.Signing.PrivateKey>(derRepresentation: [0x30, 0x82] + bytes, password: "x")
        }
    }
}

/// A seeded generator (SplitMix64) so that a failing fuzz round reproduces.
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: self.next()) }
    }

    /// Every fourth round pure random bytes; otherwise a seed with one to four mutations.
    mutating func input(round: Int, seeds: [[UInt8]]) -> [UInt8] {
        if round % 4 == 0 { return self.bytes(count: Int(self.next() % 200)) }
        var bytes = seeds[Int(self.next() % UInt64(seeds.count))]
        for _ in 0...(self.next() % 4) {
            guard !bytes.isEmpty else { break }
            let index = Int(self.next() % UInt64(bytes.count))
            switch self.next() % 6 {
            case 0: bytes[index] ^= UInt8(1 << (self.next() % 8))
            case 1: bytes[index] = UInt8(truncatingIfNeeded: self.next())
            case 2: bytes.removeSubrange(index...)
            case 3: bytes.insert(UInt8(truncatingIfNeeded: self.next()), at: index)
            case 4: bytes.remove(at: index)
            default: bytes[index] = [0x00, 0x7F, 0x80, 0x81, 0xFF][Int(self.next() % 5)]
            }
        }
        return bytes
    }
}
