// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// Compact JWE: `ECDH-ES` + `A256GCM` (RFC 7518 §4.6, gematik IDP with `crv: BP-256`) and `dir` + `A256GCM`.
struct JWETests {
    private static let plaintext = Array(#"{"njwt":"eyJhbGciOiJCUDI1NlIxIn0.e30.c2ln"}"#.utf8)

    @Test("ECDH-ES round-trips on brainpoolP256r1 with an epk of crv BP-256 and header members kept")
    func brainpoolRoundTrip() throws {
        let recipient = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        let header = JOSEHeader(cty: "NJWT", kid: "puk_idp_enc", exp: 1_700_000_000)
        let jwe = try JWE.encrypt(Self.plaintext, header: header, recipient: recipient.publicKey)
        let parsed = try JWE(compact: jwe.compactSerialization)
        #expect(parsed == jwe && parsed.algorithm == .ecdhES)
        #expect(parsed.header.alg == "ECDH-ES" && parsed.header.enc == "A256GCM" && parsed.header.cty == "NJWT")
        #expect(parsed.header.kid == "puk_idp_enc" && parsed.header.exp == 1_700_000_000)
        #expect(parsed.header.epk?.curve == .brainpoolP256r1)
        #expect(parsed.initializationVector.count == 12 && parsed.authenticationTag.count == 16)
        #expect(parsed.ciphertext.count == Self.plaintext.count)
        #expect(JOSECompactEdit.segments(jwe.compactSerialization)[1].isEmpty)
        let headerJSON = String(decoding: try Base64URL.decode(JOSECompactEdit.segments(jwe.compactSerialization)[0]), as: UTF8.self)
        #expect(headerJSON.contains(#""crv":"BP-256""#) && headerJSON.contains(#""kty":"EC""#))
        #expect(try parsed.decrypt(with: recipient) == Self.plaintext)
    }

    @Test("ECDH-ES round-trips on P-256, with and without apu/apv, and with an empty plaintext")
    func p256RoundTrip() throws {
        let recipient = try P256.KeyAgreement.PrivateKey()
        var header = JOSEHeader()
        header.apu = Array("Alice".utf8)
        header.apv = Array("Bob".utf8)
        for (plaintext, header) in [(Self.plaintext, JOSEHeader()), (Self.plaintext, header), ([], JOSEHeader())] as [([UInt8], JOSEHeader)] {
            let jwe = try JWE(compact: JWE.encrypt(plaintext, header: header, recipient: recipient.publicKey).compactSerialization)
            #expect(jwe.header.epk?.curve == .p256 && jwe.header.apu == header.apu)
            #expect(try jwe.decrypt(with: recipient) == plaintext)
        }
    }

    @Test("apu and apv enter the key derivation: changing them breaks decryption")
    func partyInfoIsBound() throws {
        let recipient = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        var header = JOSEHeader()
        header.apu = Array("client".utf8)
        let compact = try JWE.encrypt(Self.plaintext, header: header, recipient: recipient.publicKey).compactSerialization
        let changed = try JOSECompactEdit.editingHeader(compact) { $0["apu"] = .string(Base64URL.encode(Array("server".utf8))) }
        #expect(throws: TICryptoError(.decryptionFailed)) { try JWE(compact: changed).decrypt(with: recipient) }
    }

    @Test("with the RFC 7518 Appendix C keys as sender and recipient, the epk is Alice's key and Bob decrypts")
    func rfc7518Keys() throws {
        let alice = try P256.KeyAgreement.PrivateKey(rawRepresentation: Base64URL.decode(ConcatKDFTests.RFC7518C.aliceD))
        let bob = try P256.KeyAgreement.PrivateKey(rawRepresentation: Base64URL.decode(ConcatKDFTests.RFC7518C.bobD))
        var header = JOSEHeader()
        header.apu = Array("Alice".utf8)
        header.apv = Array("Bob".utf8)
        let jwe = try JWE.encrypt(Self.plaintext, header: header, recipient: bob.publicKey, ephemeralKey: alice)
        #expect(jwe.header.epk == JWK(alice.publicKey))
        #expect(Base64URL.encode(try #require(jwe.header.epk).x) == ConcatKDFTests.RFC7518C.aliceX)
        #expect(try JWE(compact: jwe.compactSerialization).decrypt(with: bob) == Self.plaintext)
    }

    @Test("dir + A256GCM round-trips with the 32-byte token key")
    func directRoundTrip() throws {
        let key = (0..<32).map { UInt8($0) }
        let jwe = try JWE.encrypt(Self.plaintext, header: JOSEHeader(cty: "NJWT", exp: 1_700_000_300), directKey: key)
        let parsed = try JWE(compact: jwe.compactSerialization)
        #expect(parsed.algorithm == .direct && parsed.header.alg == "dir" && parsed.header.enc == "A256GCM")
        #expect(parsed.header.epk == nil && parsed.header.exp == 1_700_000_300)
        #expect(try parsed.decrypt(directKey: key) == Self.plaintext)
        for length in [0, 16, 31, 33] {
            #expect(throws: TICryptoError(.invalidParameter)) { try JWE.encrypt([1], directKey: [UInt8](repeating: 1, count: length)) }
            #expect(throws: TICryptoError(.invalidParameter)) { try parsed.decrypt(directKey: [UInt8](repeating: 1, count: length)) }
        }
    }

    @Test("a wrong key does not decrypt")
    func wrongKey() throws {
        let recipient = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        let jwe = try JWE.encrypt(Self.plaintext, recipient: recipient.publicKey)
        #expect(throws: TICryptoError(.decryptionFailed)) { try jwe.decrypt(with: BrainpoolP256r1.KeyAgreement.PrivateKey()) }
        let direct = try JWE.encrypt(Self.plaintext, directKey: [UInt8](repeating: 1, count: 32))
        #expect(throws: TICryptoError(.decryptionFailed)) { try direct.decrypt(directKey: [UInt8](repeating: 2, count: 32)) }
    }

    @Test("a changed header, IV, ciphertext or tag does not decrypt")
    func tampering() throws {
        let recipient = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        let key = [UInt8](repeating: 9, count: 32)
        let ecdh = try JWE.encrypt(Self.plaintext, header: JOSEHeader(kid: "a"), recipient: recipient.publicKey).compactSerialization
        let direct = try JWE.encrypt(Self.plaintext, header: JOSEHeader(kid: "a"), directKey: key).compactSerialization
        for compact in [ecdh, direct] {
            let variants = [
                try JOSECompactEdit.editingHeader(compact) { $0["kid"] = .string("b") },
                try JOSECompactEdit.editingHeader(compact) { $0["exp"] = .integer(1) },
                try JOSECompactEdit.flippingBit(compact, segment: 2),
                try JOSECompactEdit.flippingBit(compact, segment: 3, byte: 10),
                try JOSECompactEdit.flippingBit(compact, segment: 4, byte: 15),
                JOSECompactEdit.replacing(compact, segment: 3, bytes: Array(try Base64URL.decode(JOSECompactEdit.segments(compact)[3]).dropLast())),
                JOSECompactEdit.replacing(compact, segment: 3, bytes: []),
            ]
            for variant in variants {
                let jwe = try JWE(compact: variant)
                #expect(throws: TICryptoError(.decryptionFailed)) {
                    _ = try jwe.algorithm == .direct ? jwe.decrypt(directKey: key) : jwe.decrypt(with: recipient)
                }
            }
        }
    }

    @Test("an epk off the curve is refused before any decryption")
    func epkOffCurve() throws {
        let recipient = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        let compact = try JWE.encrypt(Self.plaintext, recipient: recipient.publicKey).compactSerialization
        let epk = try #require(try JWE(compact: compact).header.epk)
        var y = epk.y
        y[31] ^= 0x01
        let offCurve = try JOSECompactEdit.editingHeader(compact) {
            $0["epk"] = .object((try? JWK(curve: .brainpoolP256r1, x: epk.x, y: y))?.jsonObject ?? [:])
        }
        #expect(throws: TICryptoError(.invalidKey)) { try JWE(compact: offCurve).decrypt(with: recipient) }
        // The point (0, 0) and a P-256 point labelled BP-256 are not on brainpoolP256r1 either.
        let p256Point = JWK(try P256.KeyAgreement.PrivateKey().publicKey)
        for (x, y) in [([UInt8](repeating: 0, count: 32), [UInt8](repeating: 0, count: 32)), (p256Point.x, p256Point.y)] {
            let forged = try JOSECompactEdit.editingHeader(compact) {
                $0["epk"] = .object((try? JWK(curve: .brainpoolP256r1, x: x, y: y))?.jsonObject ?? [:])
            }
            #expect(throws: TICryptoError(.invalidKey)) { try JWE(compact: forged).decrypt(with: recipient) }
        }
    }

    @Test("an epk on another curve than the recipient's is refused")
    func epkOtherCurve() throws {
        let brainpool = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        let p256 = try P256.KeyAgreement.PrivateKey()
        let toBrainpool = try JWE.encrypt(Self.plaintext, recipient: brainpool.publicKey)
        let toP256 = try JWE.encrypt(Self.plaintext, recipient: p256.publicKey)
        #expect(throws: TICryptoError(.unsupportedCurve)) { try toBrainpool.decrypt(with: p256) }
        #expect(throws: TICryptoError(.unsupportedCurve)) { try toP256.decrypt(with: brainpool) }
        let swapped = try JOSECompactEdit.editingHeader(toBrainpool.compactSerialization) {
            $0["epk"] = .object(JWK(p256.publicKey).jsonObject)
        }
        #expect(throws: TICryptoError(.unsupportedCurve)) { try JWE(compact: swapped).decrypt(with: brainpool) }
        let p384 = try JOSECompactEdit.editingHeader(toBrainpool.compactSerialization) {
            $0["epk"] = .object(["kty": .string("EC"), "crv": .string("P-384"), "x": .string("AA"), "y": .string("AA")])
        }
        #expect(throws: TICryptoError(.unsupportedCurve)) { try JWE(compact: p384) }
    }

    @Test("a JWE is only opened with the algorithm it was made for")
    func algorithmMismatch() throws {
        let recipient = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        let key = [UInt8](repeating: 3, count: 32)
        let ecdh = try JWE.encrypt(Self.plaintext, recipient: recipient.publicKey)
        let direct = try JWE.encrypt(Self.plaintext, directKey: key)
        #expect(throws: TICryptoError(.joseAlgorithmMismatch)) { try ecdh.decrypt(directKey: key) }
        #expect(throws: TICryptoError(.joseAlgorithmMismatch)) { try direct.decrypt(with: recipient) }
        #expect(throws: TICryptoError(.joseAlgorithmMismatch)) { try direct.decrypt(with: P256.KeyAgreement.PrivateKey()) }
        // An ECDH-ES JWE relabelled as dir (with the epk left in) is still dir, and the CEK is not the ECDH one.
        let relabelled = try JWE(compact: JOSECompactEdit.editingHeader(ecdh.compactSerialization) { $0["alg"] = .string("dir") })
        #expect(throws: TICryptoError(.joseAlgorithmMismatch)) { try relabelled.decrypt(with: recipient) }
        #expect(throws: TICryptoError(.decryptionFailed)) { try relabelled.decrypt(directKey: key) }
        // Encryption refuses a header that names another algorithm.
        #expect(throws: TICryptoError(.joseAlgorithmMismatch)) {
            try JWE.encrypt([1], header: JOSEHeader(fields: ["alg": .string("dir")]), recipient: recipient.publicKey)
        }
        #expect(throws: TICryptoError(.joseAlgorithmMismatch)) {
            try JWE.encrypt([1], header: JOSEHeader(fields: ["alg": .string("ECDH-ES")]), directKey: key)
        }
        #expect(throws: TICryptoError(.unsupportedJOSEAlgorithm)) {
            try JWE.encrypt([1], header: JOSEHeader(fields: ["enc": .string("A128GCM")]), recipient: recipient.publicKey)
        }
    }

    @Test("unknown alg, enc or a zip are refused when parsing")
    func unsupported() throws {
        let compact = try JWE.encrypt(Self.plaintext, recipient: BrainpoolP256r1.KeyAgreement.PrivateKey().publicKey).compactSerialization
        let edits: [(inout [String: JOSEValue]) -> Void] = [
            { $0["alg"] = .string("RSA-OAEP") },
            { $0["alg"] = .string("ECDH-ES+A256KW") },
            { $0["alg"] = .string("A256KW") },
            { $0["alg"] = .string("none") },
            { $0["alg"] = .string("ecdh-es") },
            { $0["enc"] = .string("A128GCM") },
            { $0["enc"] = .string("A256CBC-HS512") },
            { $0["zip"] = .string("DEF") },
        ]
        for edit in edits {
            let variant = try JOSECompactEdit.editingHeader(compact, edit)
            #expect(throws: TICryptoError(.unsupportedJOSEAlgorithm), "\(variant)") { try JWE(compact: variant) }
        }
        let critical = try JOSECompactEdit.editingHeader(compact) { $0["crit"] = .array([.string("exp")]) }
        #expect(throws: TICryptoError(.unsupportedCriticalHeader)) { try JWE(compact: critical) }
    }

    @Test("malformed compact forms are refused")
    func malformed() throws {
        let compact = try JWE.encrypt(Self.plaintext, recipient: BrainpoolP256r1.KeyAgreement.PrivateKey().publicKey).compactSerialization
        let parts = JOSECompactEdit.segments(compact)
        var cases = [
            "", "....", ".....", parts.prefix(4).joined(separator: "."), compact + ".", compact + "." + parts[3],
            JOSECompactEdit.replacing(compact, segment: 1, bytes: [UInt8](repeating: 1, count: 40)),
            JOSECompactEdit.replacing(compact, segment: 2, bytes: [UInt8](repeating: 1, count: 11)),
            JOSECompactEdit.replacing(compact, segment: 2, bytes: [UInt8](repeating: 1, count: 16)),
            JOSECompactEdit.replacing(compact, segment: 2, bytes: []),
            JOSECompactEdit.replacing(compact, segment: 4, bytes: [UInt8](repeating: 1, count: 15)),
            JOSECompactEdit.replacing(compact, segment: 4, bytes: [UInt8](repeating: 1, count: 12)),
            JOSECompactEdit.replacing(compact, segment: 3, with: parts[3] + "="),
            JOSECompactEdit.replacing(compact, segment: 3, with: parts[3] + "*"),
            JOSECompactEdit.replacingHeader(compact, json: "not json"),
            JOSECompactEdit.replacingHeader(compact, json: "[]"),
            JOSECompactEdit.replacingHeader(compact, json: #"{"alg":"ECDH-ES"}"#),
            JOSECompactEdit.replacingHeader(compact, json: #"{"enc":"A256GCM"}"#),
            JOSECompactEdit.replacingHeader(compact, json: #"{"alg":"ECDH-ES","enc":"A256GCM"}"#),
            JOSECompactEdit.replacingHeader(compact, json: #"{"alg":"ECDH-ES","enc":"A256GCM","epk":"key"}"#),
            JOSECompactEdit.replacingHeader(compact, json: #"{"alg":["dir"],"enc":"A256GCM"}"#),
        ]
        cases += [
            try JOSECompactEdit.editingHeader(compact) { $0["apu"] = .string("QWxpY2U=") },
            try JOSECompactEdit.editingHeader(compact) { $0["apv"] = .integer(5) },
            try JOSECompactEdit.editingHeader(compact) { $0["epk"] = .object(["kty": .string("EC"), "crv": .string("BP-256")]) },
        ]
        for text in cases {
            #expect(throws: TICryptoError(.malformedJOSE), "\(text)") { try JWE(compact: text) }
        }
        #expect(throws: TICryptoError(.malformedJOSE)) {
            try JWE(compact: JWS.sign(payload: [1], key: P256.Signing.PrivateKey()).compactSerialization)
        }
        // A dir JWE with an encrypted key is malformed too.
        let direct = try JWE.encrypt([1], directKey: [UInt8](repeating: 1, count: 32)).compactSerialization
        #expect(throws: TICryptoError(.malformedJOSE)) { try JWE(compact: JOSECompactEdit.replacing(direct, segment: 1, bytes: [1])) }
    }
}
