// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// EC public keys as JWK (RFC 7517, RFC 7518 §6.2.1) with the gematik `BP-256` curve name.
struct JWKTests {
    /// RFC 7517 Appendix A.1, the first (EC) key.
    private static let rfc7517Key =
        #"{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","#
        + #""y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","use":"enc","kid":"1"}"#

    @Test("the RFC 7517 A.1 example key parses and becomes a P-256 key")
    func rfc7517Example() throws {
        let jwk = try JWK(json: Array(Self.rfc7517Key.utf8))
        #expect(jwk.curve == .p256 && jwk.kid == "1" && jwk.use == "enc" && jwk.x5c == nil)
        let key = try P256.KeyAgreement.PublicKey(jwk: jwk)
        #expect(key.x == jwk.x && key.y == jwk.y)
        #expect(try JWK(json: jwk.jsonRepresentation) == jwk)
    }

    @Test("keys of both curves and facets round-trip through JSON with kid, use and x5c")
    func roundTrips() throws {
        let brainpool = try BrainpoolP256r1.Signing.PrivateKey().publicKey
        let brainpoolAgreement = try BrainpoolP256r1.KeyAgreement.PrivateKey().publicKey
        let p256 = try P256.Signing.PrivateKey().publicKey
        let p256Agreement = try P256.KeyAgreement.PrivateKey().publicKey
        let chain: [[UInt8]] = [[0x30, 0x03, 0x02, 0x01, 0x01], [0x30, 0x00]]

        let jwk = JWK(brainpool, kid: "puk_idp_sig", use: "sig", x5c: chain)
        let parsed = try JWK(json: jwk.jsonRepresentation)
        #expect(parsed == jwk && parsed.x5c == chain)
        #expect(try BrainpoolP256r1.Signing.PublicKey(jwk: parsed) == brainpool)
        #expect(try BrainpoolP256r1.KeyAgreement.PublicKey(jwk: JWK(json: JWK(brainpoolAgreement).jsonRepresentation)) == brainpoolAgreement)
        #expect(try P256.Signing.PublicKey(jwk: JWK(json: JWK(p256).jsonRepresentation)) == p256)
        #expect(try P256.KeyAgreement.PublicKey(jwk: JWK(json: JWK(p256Agreement).jsonRepresentation)) == p256Agreement)
    }

    @Test("brainpool keys are written as crv BP-256, P-256 keys as crv P-256")
    func curveNames() throws {
        let brainpool = JWK(try BrainpoolP256r1.KeyAgreement.PrivateKey().publicKey, kid: "puk_idp_enc", use: "enc")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(brainpool.jsonRepresentation)) as? [String: Any])
        #expect(object["kty"] as? String == "EC" && object["crv"] as? String == "BP-256")
        #expect(object["kid"] as? String == "puk_idp_enc" && object["use"] as? String == "enc")
        #expect((object["x"] as? String)?.count == 43 && (object["y"] as? String)?.count == 43)
        // Decoded, not searched as text: a base64url coordinate may contain "kid" by chance.
        let p256JSON = Data(JWK(try P256.Signing.PrivateKey().publicKey).jsonRepresentation)
        let p256 = try #require(try JSONSerialization.jsonObject(with: p256JSON) as? [String: Any])
        #expect(p256["crv"] as? String == "P-256" && p256["kid"] == nil)
    }

    @Test("a JWK on one curve does not become a key on the other")
    func curveMismatch() throws {
        let brainpool = JWK(try BrainpoolP256r1.Signing.PrivateKey().publicKey)
        let p256 = JWK(try P256.KeyAgreement.PrivateKey().publicKey)
        #expect(throws: TICryptoError(.unsupportedCurve)) { try P256.Signing.PublicKey(jwk: brainpool) }
        #expect(throws: TICryptoError(.unsupportedCurve)) { try P256.KeyAgreement.PublicKey(jwk: brainpool) }
        #expect(throws: TICryptoError(.unsupportedCurve)) { try BrainpoolP256r1.KeyAgreement.PublicKey(jwk: p256) }
        #expect(throws: TICryptoError(.unsupportedCurve)) { try BrainpoolP256r1.Signing.PublicKey(jwk: p256) }
        // The same coordinates relabelled as the other curve are not a point on it.
        let relabelled = try JWK(curve: .brainpoolP256r1, x: p256.x, y: p256.y)
        #expect(throws: TICryptoError(.invalidKey)) { try BrainpoolP256r1.KeyAgreement.PublicKey(jwk: relabelled) }
    }

    @Test("a point off the curve is refused when the JWK becomes a key")
    func offCurve() throws {
        let key = try BrainpoolP256r1.KeyAgreement.PrivateKey().publicKey
        var y = key.y
        y[31] ^= 0x01
        let jwk = try JWK(curve: .brainpoolP256r1, x: key.x, y: y)
        #expect(throws: TICryptoError(.invalidKey)) { try BrainpoolP256r1.KeyAgreement.PublicKey(jwk: jwk) }
        #expect(throws: TICryptoError(.invalidKey)) { try BrainpoolP256r1.Signing.PublicKey(jwk: jwk) }
    }

    @Test("malformed JWK JSON is refused with a specific code")
    func refusals() throws {
        let x = "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4"
        let y = "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"
        let short = Base64URL.encode([UInt8](repeating: 1, count: 31))
        let long = Base64URL.encode([UInt8](repeating: 1, count: 33))
        let cases: [(String, TICryptoError.Code)] = [
            (#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#, .unsupportedAlgorithm),
            (#"{"kty":"EC","crv":"P-384","x":"\#(x)","y":"\#(y)"}"#, .unsupportedCurve),
            (#"{"kty":"EC","crv":"secp256k1","x":"\#(x)","y":"\#(y)"}"#, .unsupportedCurve),
            (#"{"crv":"P-256","x":"\#(x)","y":"\#(y)"}"#, .malformedJOSE),
            (#"{"kty":"EC","x":"\#(x)","y":"\#(y)"}"#, .malformedJOSE),
            (#"{"kty":"EC","crv":"P-256","y":"\#(y)"}"#, .malformedJOSE),
            (#"{"kty":"EC","crv":"P-256","x":"\#(x)="","y":"\#(y)"}"#, .malformedJOSE),
            (#"{"kty":"EC","crv":"P-256","x":42,"y":"\#(y)"}"#, .malformedJOSE),
            (#"{"kty":"EC","crv":"P-256","x":"\#(x)","y":"\#(y)","kid":7}"#, .malformedJOSE),
            (#"{"kty":"EC","crv":"P-256","x":"\#(x)","y":"\#(y)","x5c":"MAA="}"#, .malformedJOSE),
            (#"{"kty":"EC","crv":"P-256","x":"\#(x)","y":"\#(y)","x5c":["not base64!"]}"#, .malformedJOSE),
            (#"{"kty":"EC","crv":"P-256","x":"\#(short)","y":"\#(y)"}"#, .invalidKey),
            (#"{"kty":"EC","crv":"P-256","x":"\#(x)","y":"\#(long)"}"#, .invalidKey),
            (#"["kty","EC"]"#, .malformedJOSE),
            (#"{"kty":"EC","#, .malformedJOSE),
            ("", .malformedJOSE),
        ]
        for (json, code) in cases {
            #expect(throws: TICryptoError(code), "\(json)") { try JWK(json: Array(json.utf8)) }
        }
    }
}
