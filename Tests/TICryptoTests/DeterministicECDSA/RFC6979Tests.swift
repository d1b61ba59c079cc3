// SPDX-License-Identifier: Apache-2.0

import Foundation
import TestSupport
import Testing

@testable import TICrypto

@Suite("Deterministic ECDSA (RFC 6979)")
struct RFC6979Tests {
    /// RFC 6979 Appendix A.2.5: ECDSA, 256 bits (prime field), SHA-256.
    struct Vector: Sendable, CustomTestStringConvertible {
        let message: String
        let k: String
        let r: String
        let s: String
        var testDescription: String { "message \"\(message)\"" }
    }

    static let privateKey = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721"
    static let publicX = "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"
    static let publicY = "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299"
    static let vectors = [
        Vector(
            message: "sample",
            k: "A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60",
            r: "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
            s: "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"
        ),
        Vector(
            message: "test",
            k: "D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0",
            r: "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
            s: "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"
        ),
    ]

    static func bytes(_ hex: String) -> [UInt8] { [UInt8](hexString: hex)! }

    @Test("P-256 / SHA-256: k, r and s of RFC 6979 A.2.5", arguments: vectors)
    func p256Vector(_ vector: Vector) throws {
        let key = try P256.Signing.PrivateKey(rawRepresentation: Self.bytes(Self.privateKey))
        #expect(key.publicKey.x == Self.bytes(Self.publicX))
        #expect(key.publicKey.y == Self.bytes(Self.publicY))
        let digest = ECDSAOperations.digest(Array(vector.message.utf8))
        let k = try RFC6979.nonce(curve: .prime256v1, scalar: Self.bytes(Self.privateKey), digest: digest)
        #expect(k == Self.bytes(vector.k))
        let signature = try key.deterministicSignature(for: Array(vector.message.utf8))
        #expect(signature.r == Self.bytes(vector.r))
        #expect(signature.s == Self.bytes(vector.s))
        #expect(try key.deterministicSignature(forSHA256Digest: digest) == signature)
        #expect(key.publicKey.isValidSignature(signature, for: Array(vector.message.utf8)))
    }

    @Test("brainpoolP256r1: reproducible, verifies with the normal API, differs per message and key")
    func brainpool() throws {
        // The A.2.5 scalar exceeds the brainpoolP256r1 order, so a scalar below it is used.
        let key = try BrainpoolP256r1.Signing.PrivateKey(rawRepresentation: Self.bytes("7" + Self.privateKey.dropFirst()))
        let message = Array("E-Rezept".utf8)
        let first = try key.deterministicSignature(for: message)
        #expect(try key.deterministicSignature(for: message) == first)
        #expect(key.publicKey.isValidSignature(first, for: message))
        #expect(!key.publicKey.isValidSignature(first, for: Array("E-Rezepte".utf8)))
        #expect(try key.deterministicSignature(for: Array("E-Rezepte".utf8)) != first)
        let other = try BrainpoolP256r1.Signing.PrivateKey()
        #expect(try other.deterministicSignature(for: message) != first)
    }

    @Test("a digest above the group order is reduced (bits2octets) and still signs validly")
    func digestAboveOrder() throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let digest = [UInt8](repeating: 0xFF, count: 32)
        let signature = try key.deterministicSignature(forSHA256Digest: digest)
        #expect(key.publicKey.isValidSignature(signature, forSHA256Digest: digest))
        #expect(throws: TICryptoError(.invalidParameter)) { try key.deterministicSignature(forSHA256Digest: [0x01]) }
    }

    @Test("openssl verifies deterministic signatures on both curves", arguments: ["brainpoolP256r1", "P-256"])
    func opensslVerifies(curve: String) throws {
        let message = Array("Verordnung 160.000.033.491.280.78".utf8)
        let publicKeyPEM: String
        let signature: ECDSASignature
        if curve == "P-256" {
            let key = try P256.Signing.PrivateKey()
            publicKeyPEM = key.publicKey.pemRepresentation
            signature = try key.deterministicSignature(for: message)
        } else {
            let key = try BrainpoolP256r1.Signing.PrivateKey()
            publicKeyPEM = key.publicKey.pemRepresentation
            signature = try key.deterministicSignature(for: message)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rfc6979-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(publicKeyPEM.utf8).write(to: directory.appendingPathComponent("pub.pem"))
        try Data(signature.derRepresentation).write(to: directory.appendingPathComponent("sig.der"))
        try Data(message).write(to: directory.appendingPathComponent("msg"))
        let output = try ExternalTool.openssl([
            "dgst", "-sha256", "-verify", directory.appendingPathComponent("pub.pem").path,
            "-signature", directory.appendingPathComponent("sig.der").path, directory.appendingPathComponent("msg").path,
        ])
        #expect(output.text.contains("Verified OK"))
    }
}
