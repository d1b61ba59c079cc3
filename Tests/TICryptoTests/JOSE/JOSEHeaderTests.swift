// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// Header JSON: typed accessors, duplicate member names (RFC 7515 §4, RFC 7516 §4, RFC 7517 §4) and nesting depth.
struct JOSEHeaderTests {
    @Test("accessors read and write their members; nil removes them")
    func accessors() throws {
        var header = JOSEHeader(typ: "JWT", cty: "NJWT", kid: "puk_idp_sig", x5c: [[0x30, 0x00]], exp: 42)
        #expect(header.fields.count == 5 && header["typ"] == .string("JWT") && header["exp"] == .integer(42))
        #expect(header["x5c"] == .array([.string("MAA=")]) && header.x5c == [[0x30, 0x00]])
        header.apu = Array("Alice".utf8)
        #expect(header["apu"] == .string("QWxpY2U") && header.apu == Array("Alice".utf8))
        header.kid = nil
        header.exp = nil
        #expect(header.kid == nil && header["exp"] == nil && header.fields.count == 4)
        header["exp"] = .string("soon")
        #expect(header.exp == nil)
        let json = String(decoding: header.jsonRepresentation, as: UTF8.self)
        #expect(json.hasPrefix(#"{"apu":"QWxpY2U","cty":"NJWT","exp":"soon","#))
    }

    @Test("duplicate member names are refused in JWS and JWE headers, in epk and in JWKs, also when escaped")
    func duplicates() throws {
        let jws = try JWS.sign(payload: [1], key: BrainpoolP256r1.Signing.PrivateKey()).compactSerialization
        for json in [
            #"{"alg":"BP256R1","alg":"none"}"#, #"{"alg":"BP256R1","kid":"a","kid":"a"}"#, #"{"alg":"BP256R1","a\u006cg":"none"}"#,
            #"{"alg":"BP256R1","x":{"y":1,"y":2}}"#, #"{"alg":"BP256R1","x":[{"y":1},{"z":1,"z":2}]}"#,
        ] {
            #expect(throws: TICryptoError(.malformedJOSE), "\(json)") { try JWS(compact: JOSECompactEdit.replacingHeader(jws, json: json)) }
        }
        // The same names in sibling objects, or as values, are fine.
        let siblings = JOSECompactEdit.replacingHeader(jws, json: #"{"alg":"BP256R1","x":[{"y":1},{"y":2}],"k":"alg"}"#)
        #expect(throws: TICryptoError(.signatureVerificationFailed)) {
            try JWS(compact: siblings).verify(with: BrainpoolP256r1.Signing.PrivateKey().publicKey)
        }

        let jwe = try JWE.encrypt([1], recipient: BrainpoolP256r1.KeyAgreement.PrivateKey().publicKey).compactSerialization
        let header = String(decoding: try Base64URL.decode(JOSECompactEdit.segments(jwe)[0]), as: UTF8.self)
        let duplicatedEnc = "{\"enc\":\"A128GCM\"," + header.dropFirst()
        let duplicatedCurve = header.replacingOccurrences(of: #""crv":"BP-256""#, with: #""crv":"BP-256","crv":"P-256""#)
        for json in [duplicatedEnc, duplicatedCurve] {
            #expect(throws: TICryptoError(.malformedJOSE), "\(json)") { try JWE(compact: JOSECompactEdit.replacingHeader(jwe, json: json)) }
        }
        let jwk = String(decoding: JWK(try P256.Signing.PrivateKey().publicKey).jsonRepresentation, as: UTF8.self)
        #expect(throws: TICryptoError(.malformedJOSE)) { try JWK(json: Array(("{\"x\":\"AA\"," + jwk.dropFirst()).utf8)) }
    }

    @Test("deeply nested header JSON is refused without exhausting the stack")
    func deepNesting() throws {
        let jws = try JWS.sign(payload: [1], key: P256.Signing.PrivateKey()).compactSerialization
        for depth in [1_000, 100_000] {
            let json = #"{"alg":"ES256","x":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
            #expect(throws: TICryptoError(.malformedJOSE)) { try JWS(compact: JOSECompactEdit.replacingHeader(jws, json: json)) }
        }
    }
}
