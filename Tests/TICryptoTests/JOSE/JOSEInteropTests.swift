// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import TestSupport
import Testing

/// JWS and JWE against an independent implementation: `Interop/jose_interop.py` (Python `cryptography`, and `joserfc`
/// for P-256). A missing python3, `cryptography` or `joserfc` fails the test with an installation hint.
struct JOSEInteropTests {
    private static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Interop").appendingPathComponent("jose_interop.py").path

    /// Sends one JSON request to the script and returns its JSON answer.
    private static func python(_ request: [String: Any]) throws -> [String: Any] {
        let hint = "pip install joserfc==1.6.5 cryptography"
        let check = try ExternalTool.run("python3", ["-c", "import cryptography, joserfc"], installHint: hint)
        guard check.status == 0 else {
            throw ExternalTool.Failure(description: "Python packages `cryptography` and `joserfc` are needed (\(hint)): \(check.standardError)")
        }
        let input = try JSONSerialization.data(withJSONObject: request)
        let output = try ExternalTool.python([Self.script], input: Array(input))
        return try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput)) as? [String: Any])
    }

    private static func string(_ answer: [String: Any], _ name: String) throws -> String {
        try #require(answer[name] as? String, "no \(name) in \(answer)")
    }

    private static func jsonObject(_ jwk: JWK) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(jwk.jsonRepresentation))
    }

    private static let claims = Array(#"{"iss":"https://idp.zentral.idp.splitdns.ti-dienste.de","exp":1700000300}"#.utf8)

    @Test("Python verifies our BP256R1 and ES256 signatures, with the header members intact")
    func pythonVerifiesOurJWS() throws {
        let header = JOSEHeader(typ: "at+JWT", kid: "puk_idp_sig", exp: 1_700_000_300)
        let brainpool = try BrainpoolP256r1.Signing.PrivateKey()
        let p256 = try P256.Signing.PrivateKey()
        let signed = [
            (try JWS.sign(payload: Self.claims, header: header, key: brainpool), JWK(brainpool.publicKey)),
            (try JWS.sign(payload: Self.claims, header: header, key: p256), JWK(p256.publicKey)),
        ]
        for (jws, jwk) in signed {
            let answer = try Self.python(["op": "jws-verify", "compact": jws.compactSerialization, "jwk": Self.jsonObject(jwk)])
            #expect(try Base64URL.decode(Self.string(answer, "payload")) == Self.claims)
            let header = try #require(answer["header"] as? [String: Any])
            #expect(header["alg"] as? String == jws.algorithm.rawValue && header["kid"] as? String == "puk_idp_sig")
            #expect((header["exp"] as? NSNumber)?.int64Value == 1_700_000_300 && header["typ"] as? String == "at+JWT")
        }
    }

    @Test("Python refuses our JWS after a change (the oracle is not a yes-man)")
    func pythonRefusesTamperedJWS() throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let compact = try JOSECompactEdit.flippingBit(JWS.sign(payload: Self.claims, key: key).compactSerialization, segment: 1)
        #expect(throws: ExternalTool.Failure.self) {
            try Self.python(["op": "jws-verify", "compact": compact, "jwk": Self.jsonObject(JWK(key.publicKey))])
        }
    }

    @Test("we verify BP256R1 and ES256 signatures made by Python", arguments: ["BP-256", "P-256"])
    func weVerifyPythonJWS(crv: String) throws {
        let extra: [String: Any] = ["typ": "JWT", "kid": "discSig", "exp": 1_700_000_300]
        let answer = try Self.python(["op": "jws-sign", "crv": crv, "payload": Base64URL.encode(Self.claims), "header": extra])
        let jws = try JWS(compact: Self.string(answer, "compact"))
        let jwkData = try JSONSerialization.data(withJSONObject: try #require(answer["jwk"]))
        let jwk = try JWK(json: Array(jwkData))
        #expect(jwk.curve.rawValue == crv && jws.payload == Self.claims)
        #expect(jws.header.kid == "discSig" && jws.header.exp == 1_700_000_300 && jws.header.typ == "JWT")
        try jws.verify(with: jwk)
        if crv == "BP-256" {
            #expect(jws.algorithm == .bp256r1)
            try jws.verify(with: BrainpoolP256r1.Signing.PublicKey(jwk: jwk))
        } else {
            #expect(jws.algorithm == .es256)
            try jws.verify(with: P256.Signing.PublicKey(jwk: jwk))
        }
    }

    @Test("Python decrypts our ECDH-ES + A256GCM JWEs on both curves, with and without apu/apv")
    func pythonDecryptsOurJWE() throws {
        let brainpool = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        let p256 = try P256.KeyAgreement.PrivateKey()
        var withPartyInfo = JOSEHeader(cty: "NJWT", exp: 1_700_000_300)
        withPartyInfo.apu = Array("Alice".utf8)
        withPartyInfo.apv = Array("Bob".utf8)
        for header in [JOSEHeader(cty: "NJWT"), withPartyInfo] {
            let cases = [
                ("BP-256", try JWE.encrypt(Self.claims, header: header, recipient: brainpool.publicKey), brainpool.rawRepresentation),
                ("P-256", try JWE.encrypt(Self.claims, header: header, recipient: p256.publicKey), p256.rawRepresentation),
            ]
            for (crv, jwe, scalar) in cases {
                let answer = try Self.python(["op": "jwe-decrypt", "compact": jwe.compactSerialization, "crv": crv, "d": Base64URL.encode(scalar)])
                #expect(try Base64URL.decode(Self.string(answer, "plaintext")) == Self.claims)
            }
        }
    }

    @Test("we decrypt ECDH-ES + A256GCM JWEs that Python made for our keys", arguments: ["BP-256", "P-256"])
    func weDecryptPythonJWE(crv: String) throws {
        let brainpool = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        let p256 = try P256.KeyAgreement.PrivateKey()
        let jwk = crv == "BP-256" ? JWK(brainpool.publicKey) : JWK(p256.publicKey)
        for extra in [["cty": "NJWT"], ["cty": "NJWT", "apu": Base64URL.encode(Array("Alice".utf8)), "apv": "Qm9i"]] as [[String: Any]] {
            let request: [String: Any] = [
                "op": "jwe-encrypt", "jwk": try Self.jsonObject(jwk), "plaintext": Base64URL.encode(Self.claims), "header": extra,
            ]
            let jwe = try JWE(compact: Self.string(try Self.python(request), "compact"))
            #expect(jwe.algorithm == .ecdhES && jwe.header.epk?.curve.rawValue == crv && jwe.header.cty == "NJWT")
            let plaintext = try crv == "BP-256" ? jwe.decrypt(with: brainpool) : jwe.decrypt(with: p256)
            #expect(plaintext == Self.claims)
        }
    }

    @Test("dir + A256GCM interoperates with joserfc in both directions")
    func direct() throws {
        let key = (0..<32).map { UInt8(255 - $0) }
        let ours = try JWE.encrypt(Self.claims, header: JOSEHeader(exp: 1_700_000_300), directKey: key)
        let answer = try Self.python(["op": "dir-decrypt", "compact": ours.compactSerialization, "key": Base64URL.encode(key)])
        #expect(try Base64URL.decode(Self.string(answer, "plaintext")) == Self.claims)
        let request: [String: Any] = [
            "op": "dir-encrypt", "key": Base64URL.encode(key), "plaintext": Base64URL.encode(Self.claims), "header": ["exp": 1_700_000_300],
        ]
        let theirs = try JWE(compact: Self.string(try Self.python(request), "compact"))
        #expect(theirs.algorithm == .direct && theirs.header.exp == 1_700_000_300)
        #expect(try theirs.decrypt(directKey: key) == Self.claims)
    }
}
