// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// Compact JWS with `BP256R1` (gematik IDP) and `ES256` (RFC 7515, RFC 7518 §3.4).
struct JWSTests {
    /// RFC 7515 Appendix A.3: ES256 over the JWT example claims.
    enum RFC7515A3 {
        static let compact =
            "eyJhbGciOiJFUzI1NiJ9"
            + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
            + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q"
        static let jwk =
            #"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","#
            + #""y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#
        static let payload = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}"
    }

    @Test("the RFC 7515 A.3 ES256 example verifies with its JWK and as a P-256 key")
    func rfc7515A3() throws {
        let jws = try JWS(compact: RFC7515A3.compact)
        #expect(jws.algorithm == .es256 && jws.header.alg == "ES256" && jws.header.fields.count == 1)
        #expect(jws.payload == Array(RFC7515A3.payload.utf8))
        let jwk = try JWK(json: Array(RFC7515A3.jwk.utf8))
        try jws.verify(with: jwk)
        let key = try P256.Signing.PublicKey(jwk: jwk)
        try jws.verify(with: key)
    }

    @Test("the RFC 7515 A.3 example with a changed payload or signature does not verify")
    func rfc7515A3Tampered() throws {
        let key = try P256.Signing.PublicKey(jwk: JWK(json: Array(RFC7515A3.jwk.utf8)))
        for (segment, byte) in [(1, 0), (1, 20), (2, 0), (2, 63)] {
            let tampered = try JWS(compact: JOSECompactEdit.flippingBit(RFC7515A3.compact, segment: segment, byte: byte))
            #expect(throws: TICryptoError(.signatureVerificationFailed)) { try tampered.verify(with: key) }
        }
    }

    @Test("BP256R1 and ES256 round-trip with typ, kid, cty, x5c and exp in the header")
    func roundTrips() throws {
        let header = JOSEHeader(typ: "at+JWT", cty: "NJWT", kid: "puk_idp_sig", x5c: [[0x30, 0x00]], exp: 1_700_000_180)
        let payload = Array(#"{"acr":"gematik-ehealth-loa-high","aud":"https://erp-test.zentral.erp.splitdns.ti-dienste.de/"}"#.utf8)

        let brainpool = try BrainpoolP256r1.Signing.PrivateKey()
        let signed = try JWS.sign(payload: payload, header: header, key: brainpool)
        let parsed = try JWS(compact: signed.compactSerialization)
        #expect(parsed == signed && parsed.algorithm == .bp256r1 && parsed.signature.count == 64)
        #expect(parsed.header.alg == "BP256R1" && parsed.header.typ == "at+JWT" && parsed.header.cty == "NJWT")
        #expect(parsed.header.kid == "puk_idp_sig" && parsed.header.x5c == [[0x30, 0x00]] && parsed.header.exp == 1_700_000_180)
        #expect(parsed.payload == payload)
        try parsed.verify(with: brainpool.publicKey)
        try parsed.verify(with: JWK(brainpool.publicKey))
        #expect(parsed.compactSerialization.split(separator: ".").count == 3 && !parsed.compactSerialization.contains("="))

        let p256 = try P256.Signing.PrivateKey()
        let es256 = try JWS(compact: JWS.sign(payload: payload, header: header, key: p256).compactSerialization)
        #expect(es256.algorithm == .es256 && es256.header.alg == "ES256" && es256.payload == payload)
        try es256.verify(with: p256.publicKey)
    }

    @Test("an empty payload and a header naming the right alg are fine")
    func edgeCases() throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let jws = try JWS.sign(payload: [], header: JOSEHeader(fields: ["alg": .string("BP256R1")]), key: key)
        #expect(JOSECompactEdit.segments(jws.compactSerialization)[1].isEmpty)
        try JWS(compact: jws.compactSerialization).verify(with: key.publicKey)
    }

    @Test("the raw signature is r ‖ s: its DER form verifies with the plain ECDSA API")
    func signatureIsRaw() throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let jws = try JWS.sign(payload: Array("x".utf8), key: key)
        let signingInput = JOSECompactEdit.segments(jws.compactSerialization).prefix(2).joined(separator: ".")
        let signature = try ECDSASignature(rawRepresentation: jws.signature)
        #expect(key.publicKey.isValidSignature(signature, for: Array(signingInput.utf8)))
    }

    @Test("a wrong key or a changed header, payload or signature does not verify")
    func wrongKeyOrTampering() throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let jws = try JWS.sign(payload: Array("claims".utf8), header: JOSEHeader(typ: "JWT"), key: key)
        let compact = jws.compactSerialization
        #expect(throws: TICryptoError(.signatureVerificationFailed)) { try jws.verify(with: BrainpoolP256r1.Signing.PrivateKey().publicKey) }
        let variants = [
            try JOSECompactEdit.editingHeader(compact) { $0["typ"] = .string("at+JWT") },
            try JOSECompactEdit.flippingBit(compact, segment: 1),
            try JOSECompactEdit.flippingBit(compact, segment: 2, byte: 5),
            try JOSECompactEdit.flippingBit(compact, segment: 2, byte: 40),
        ]
        for variant in variants {
            #expect(throws: TICryptoError(.signatureVerificationFailed)) { try JWS(compact: variant).verify(with: key.publicKey) }
        }
    }

    @Test("alg none is refused, in any spelling and with or without a signature")
    func algNone() throws {
        let payload = Base64URL.encode(Array(#"{"sub":"x"}"#.utf8))
        for header in [#"{"alg":"none"}"#, #"{"alg":"None"}"#, #"{"alg":"NONE","typ":"JWT"}"#] {
            let unsecured = Base64URL.encode(Array(header.utf8)) + "." + payload
            #expect(throws: TICryptoError(.unsecuredJWS)) { try JWS(compact: unsecured + ".") }
            #expect(throws: TICryptoError(.unsecuredJWS)) { try JWS(compact: unsecured + "." + Base64URL.encode([UInt8](repeating: 1, count: 64))) }
        }
    }

    @Test("unknown algorithms are refused", arguments: ["HS256", "RS256", "PS256", "ES384", "ES256K", "EdDSA", "bp256r1", "BP256R1 ", ""])
    func unknownAlgorithms(alg: String) throws {
        let compact = try JOSECompactEdit.editingHeader(Self.signedBrainpool()) { $0["alg"] = .string(alg) }
        #expect(throws: TICryptoError(.unsupportedJOSEAlgorithm)) { try JWS(compact: compact) }
    }

    @Test("an alg that does not match the key's curve is refused (no algorithm confusion)")
    func algorithmConfusion() throws {
        let brainpool = try BrainpoolP256r1.Signing.PrivateKey()
        let p256 = try P256.Signing.PrivateKey()
        let bp256r1 = try JWS.sign(payload: [1], key: brainpool)
        let es256 = try JWS.sign(payload: [1], key: p256)
        #expect(throws: TICryptoError(.joseAlgorithmMismatch)) { try bp256r1.verify(with: p256.publicKey) }
        #expect(throws: TICryptoError(.joseAlgorithmMismatch)) { try es256.verify(with: brainpool.publicKey) }
        #expect(throws: TICryptoError(.joseAlgorithmMismatch)) { try bp256r1.verify(with: JWK(p256.publicKey)) }
        #expect(throws: TICryptoError(.joseAlgorithmMismatch)) { try es256.verify(with: JWK(brainpool.publicKey)) }
        // Relabelling the alg is caught by the curve check or, with the matching key, by the signature over the header.
        let relabelled = try JWS(compact: JOSECompactEdit.editingHeader(es256.compactSerialization) { $0["alg"] = .string("BP256R1") })
        #expect(throws: TICryptoError(.joseAlgorithmMismatch)) { try relabelled.verify(with: p256.publicKey) }
        #expect(throws: TICryptoError(.signatureVerificationFailed)) { try relabelled.verify(with: brainpool.publicKey) }
        // Signing refuses a header that asks for the other curve's algorithm.
        #expect(throws: TICryptoError(.joseAlgorithmMismatch)) {
            try JWS.sign(payload: [1], header: JOSEHeader(fields: ["alg": .string("ES256")]), key: brainpool)
        }
        #expect(throws: TICryptoError(.joseAlgorithmMismatch)) {
            try JWS.sign(payload: [1], header: JOSEHeader(fields: ["alg": .string("none")]), key: p256)
        }
    }

    @Test("crit is refused when parsing and when signing")
    func critical() throws {
        let compact = try JOSECompactEdit.editingHeader(Self.signedBrainpool()) { $0["crit"] = .array([.string("b64")]) }
        #expect(throws: TICryptoError(.unsupportedCriticalHeader)) { try JWS(compact: compact) }
        let header = JOSEHeader(fields: ["crit": .array([.string("exp")]), "exp": .integer(1)])
        #expect(throws: TICryptoError(.unsupportedCriticalHeader)) {
            try JWS.sign(payload: [1], header: header, key: BrainpoolP256r1.Signing.PrivateKey())
        }
    }

    @Test("a signature that is not 64 bytes is refused", arguments: [0, 32, 63, 65, 72])
    func signatureLength(length: Int) throws {
        let compact = JOSECompactEdit.replacing(try Self.signedBrainpool(), segment: 2, bytes: [UInt8](repeating: 7, count: length))
        #expect(throws: TICryptoError(.invalidSignature)) { try JWS(compact: compact) }
    }

    @Test("malformed compact forms are refused")
    func malformed() throws {
        let compact = try Self.signedBrainpool()
        let parts = JOSECompactEdit.segments(compact)
        let cases = [
            "", ".", "..", "...", parts[0], parts[0] + "." + parts[1], compact + ".", compact + "." + parts[1],
            parts.joined(separator: ".."), "." + parts[1] + "." + parts[2],
            JOSECompactEdit.replacing(compact, segment: 0, with: parts[0] + "="),
            JOSECompactEdit.replacing(compact, segment: 1, with: parts[1] + "+"),
            JOSECompactEdit.replacing(compact, segment: 2, with: parts[2] + "=="),
            JOSECompactEdit.replacing(compact, segment: 0, with: "e30 "),
            " " + compact, compact + "\n",
            JOSECompactEdit.replacingHeader(compact, json: "not json"),
            JOSECompactEdit.replacingHeader(compact, json: #"["alg","BP256R1"]"#),
            JOSECompactEdit.replacingHeader(compact, json: #""BP256R1""#),
            JOSECompactEdit.replacingHeader(compact, json: "{}"),
            JOSECompactEdit.replacingHeader(compact, json: #"{"alg":256}"#),
            JOSECompactEdit.replacingHeader(compact, json: #"{"alg":null}"#),
            JOSECompactEdit.replacingHeader(compact, json: #"{"alg":"BP256R1""#),
            JOSECompactEdit.replacingHeader(compact, json: #"{"alg":"BP256R1"} trailing"#),
            JOSECompactEdit.replacing(compact, segment: 0, bytes: [0x7B, 0xFF, 0xFE, 0x7D]),
        ]
        for text in cases {
            #expect(throws: TICryptoError(.malformedJOSE), "\(text)") { try JWS(compact: text) }
        }
        // A JWE is not a JWS.
        let jwe = try JWE.encrypt([1], directKey: [UInt8](repeating: 1, count: 32))
        #expect(throws: TICryptoError(.malformedJOSE)) { try JWS(compact: jwe.compactSerialization) }
    }

    private static func signedBrainpool() throws -> String {
        try JWS.sign(payload: Array("payload".utf8), header: JOSEHeader(kid: "k"), key: BrainpoolP256r1.Signing.PrivateKey()).compactSerialization
    }
}
