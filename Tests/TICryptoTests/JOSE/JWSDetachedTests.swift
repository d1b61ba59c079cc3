// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import TestSupport
import Testing

/// JWS with detached content (RFC 7515 Appendix F), as the Fachdienst signs the patient copy.
struct JWSDetachedTests {
    private static let content = Array(#"{"id":"4e1f5a9c-0b7d-4c61-9a43-2f8e6d1b7c35","resourceType":"Bundle","type":"document"}"#.utf8)

    @Test("the detached form is the compact form with an empty payload segment, and verifies with the content")
    func roundTrip() throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let signed = try JWS.sign(payload: Self.content, header: JOSEHeader(typ: "application/jose", x5c: [[0x30, 0x00]]), key: key)
        let compact = JOSECompactEdit.segments(signed.compactSerialization)
        let detached = JOSECompactEdit.segments(signed.detachedCompactSerialization)
        #expect(detached == [compact[0], "", compact[2]])

        let joined = try JWS(detachedCompact: signed.detachedCompactSerialization, payload: Self.content)
        #expect(joined == signed)
        #expect(joined.payload == Self.content && joined.algorithm == .bp256r1 && joined.header.x5c == [[0x30, 0x00]])
        try joined.verify(with: key.publicKey)
    }

    @Test("other content, another key or a changed signature do not verify")
    func tampered() throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let detached = try JWS.sign(payload: Self.content, key: key).detachedCompactSerialization
        for index in [0, Self.content.count / 2, Self.content.count - 1] {
            var changed = Self.content
            changed[index] ^= 0x01
            let joined = try JWS(detachedCompact: detached, payload: changed)
            #expect(throws: TICryptoError(.signatureVerificationFailed)) { try joined.verify(with: key.publicKey) }
        }
        let other = try BrainpoolP256r1.Signing.PrivateKey()
        #expect(throws: TICryptoError(.signatureVerificationFailed)) {
            try JWS(detachedCompact: detached, payload: Self.content).verify(with: other.publicKey)
        }
        let flipped = try JOSECompactEdit.flippingBit(detached, segment: 2, byte: 17)
        #expect(throws: TICryptoError(.signatureVerificationFailed)) {
            try JWS(detachedCompact: flipped, payload: Self.content).verify(with: key.publicKey)
        }
    }

    @Test("a payload segment, a wrong number of segments or alg none is refused")
    func malformed() throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let signed = try JWS.sign(payload: Self.content, key: key)
        #expect(throws: TICryptoError(.malformedJOSE)) { try JWS(detachedCompact: signed.compactSerialization, payload: Self.content) }
        let segments = JOSECompactEdit.segments(signed.detachedCompactSerialization)
        #expect(throws: TICryptoError(.malformedJOSE)) { try JWS(detachedCompact: segments[0] + "." + segments[2], payload: Self.content) }
        #expect(throws: TICryptoError(.malformedJOSE)) {
            try JWS(detachedCompact: signed.detachedCompactSerialization + ".", payload: Self.content)
        }
        let unsecured = JOSECompactEdit.replacingHeader(signed.detachedCompactSerialization, json: #"{"alg":"none"}"#)
        #expect(throws: TICryptoError(.unsecuredJWS)) { try JWS(detachedCompact: unsecured, payload: Self.content) }
    }

    @Test("openssl verifies the detached signature over the rebuilt signing input; a changed content fails there too")
    func opensslVerifies() throws {
        let directory = try ScratchDirectory()
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let detached = try JWS.sign(payload: Self.content, key: key).detachedCompactSerialization
        let segments = JOSECompactEdit.segments(detached)
        // RFC 7515 §5.2 step 8, rebuilt by hand: ASCII(BASE64URL(header) '.' BASE64URL(content)).
        let signingInput = Array((segments[0] + "." + Self.base64URL(Self.content)).utf8)
        let signature = try ECDSASignature(rawRepresentation: Base64URL.decode(segments[2]))
        let publicKey = try directory.write(key.publicKey.pemRepresentation, to: "pub.pem")
        let signaturePath = try directory.write(signature.derRepresentation, to: "sig.der")
        let input = try directory.write(signingInput, to: "input.bin")
        let verified = try ExternalTool.openssl(["dgst", "-sha256", "-verify", publicKey, "-signature", signaturePath, input])
        #expect(verified.text.contains("Verified OK"))

        var changed = signingInput
        changed[changed.count - 3] ^= 0x01
        let changedInput = try directory.write(changed, to: "changed.bin")
        #expect(throws: ExternalTool.Failure.self) {
            try ExternalTool.openssl(["dgst", "-sha256", "-verify", publicKey, "-signature", signaturePath, changedInput])
        }
    }

    /// Unpadded base64url written with Foundation, independent of ``Base64URL``.
    private static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
