// SPDX-License-Identifier: Apache-2.0

import Fachdienst
import Foundation
import Hummingbird
import TICrypto
import Testing

/// The server's decrypt and parse path without HTTP: the published test vector, the plaintext fields and the inner
/// HTTP request (gemSpec_Krypt A_20163; spec/ref-impl.md B.1, B.4).
struct VAUDecryptionTests {
    /// The published vector (spec/ref-impl.md B.4; the same bytes as Tests/TICryptoTests/VAU/VAUTestVector.swift).
    enum Vector {
        static let serverScalar = VAUFixture.bytes(hex: "a54a5685b80f71fd5ebee91659afa98c847c5c864e2335844146675afc595e3c")
        static let message = VAUFixture.bytes(
            hex: "01"
                + "754e548941e5cd073fed6d734578a484be9f0bbfa1b6fa3168ed7ffb22878f0f"
                + "9aef9bbd932a020d8828367bd080a3e72b36c41ee40c87253f9b1b0beb8371bf"
                + "257db4604af8ae0dfced37ce"
                + "86c2b491c7a8309e750b"
                + "4e6e307219863938c204dfe85502ee0a"
        )
    }

    @Test("the published test vector decrypts through the server's decryptor to \"Hallo Test\"")
    func publishedVector() throws {
        let decryptor = VAUDecryptor(privateKey: try BrainpoolP256r1.KeyAgreement.PrivateKey(rawRepresentation: Vector.serverScalar))
        #expect(try decryptor.decrypt(Vector.message) == Array("Hallo Test".utf8))
        // Its plaintext is no VAU envelope.
        #expect(throws: VAUError(.malformedPlaintext, reason: "")) { try VAUEnvelope(plaintext: Array("Hallo Test".utf8)) }
    }

    @Test("the published vector with one changed bit is refused with the matching code")
    func spoiledVector() throws {
        let decryptor = VAUDecryptor(privateKey: try BrainpoolP256r1.KeyAgreement.PrivateKey(rawRepresentation: Vector.serverScalar))
        var tag = Vector.message
        tag[tag.count - 1] ^= 0x80
        #expect(throws: VAUError(.decryptionFailed, reason: "")) { try decryptor.decrypt(tag) }
        var version = Vector.message
        version[0] = 0x04
        #expect(throws: VAUError(.unsupportedVersion, reason: "")) { try decryptor.decrypt(version) }
        var point = Vector.message
        point[64] ^= 0x01
        #expect(throws: VAUError(.invalidEphemeralKey, reason: "")) { try decryptor.decrypt(point) }
        #expect(throws: VAUError(.truncated, reason: "")) { try decryptor.decrypt(Vector.message.prefix(92)) }
    }

    @Test("the plaintext's five fields; the request id and key in either case")
    func envelopeFields() throws {
        let key = "00112233445566778899AABBCCDDEEFF"
        let plaintext = Array("1 a.b.c 0123456789ABCDEF0123456789abcdef \(key) GET /metadata HTTP/1.1\r\n\r\n".utf8)
        let envelope = try VAUEnvelope(plaintext: plaintext)
        #expect(envelope.accessToken == "a.b.c")
        #expect(envelope.requestID == "0123456789ABCDEF0123456789abcdef")
        #expect(envelope.responseKey == VAUFixture.bytes(hex: key.lowercased()))
        #expect(envelope.innerRequest == Array("GET /metadata HTTP/1.1\r\n\r\n".utf8))
        let missing = Array("1 a.b.c 0123456789abcdef0123456789abcdef \(key)".utf8)
        #expect(throws: VAUError(.malformedPlaintext, reason: "")) { try VAUEnvelope(plaintext: missing) }
        let badToken = Array("1 a.b{c 0123456789abcdef0123456789abcdef \(key) GET / HTTP/1.1\r\n\r\n".utf8)
        #expect(throws: VAUError(.malformedPlaintext, reason: "")) { try VAUEnvelope(plaintext: badToken) }
    }

    @Test("the inner request: request line, headers without Host, body of Content-Length bytes")
    func innerRequest() throws {
        let text =
            "POST /Task/$create?x=1 HTTP/1.1\r\nHost: erp.example\r\nAuthorization: Bearer t\r\n"
            + "X-AccessCode:  abc \r\nContent-Length: 2\r\n\r\n{}"
        let bytes = Array(text.utf8)
        let inner = try VAUInnerRequest(parsing: bytes)
        #expect(inner.method == .post)
        #expect(inner.target == "/Task/$create?x=1")
        #expect(inner.host == "erp.example")
        #expect(inner.firstPathSegment == "Task")
        #expect(inner.headerFields[HTTPFields.Element.Name("X-AccessCode")!] == "abc")
        #expect(inner.headerFields[.contentLength] == "2")
        #expect(inner.body == Array("{}".utf8))
        let request = inner.request
        #expect(request.uri.path == "/Task/$create")
        #expect(request.head.authority == "erp.example")
    }

    @Test(
        "inner requests that are not strict HTTP/1.1 are refused",
        arguments: [
            "",
            "GET /metadata HTTP/1.1\r\n",
            "GET /metadata HTTP/2\r\n\r\n",
            "GET  /metadata HTTP/1.1\r\n\r\n",
            "GET http://erp.example/metadata HTTP/1.1\r\n\r\n",
            "GET /metadata HTTP/1.1\r\n Folded: value\r\n\r\n",
            "GET /metadata HTTP/1.1\r\nNo colon\r\n\r\n",
            "GET /metadata HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nx",
            "GET /metadata HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            "GET /metadata HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET /metadata HTTP/1.1\r\nX: a\rb\r\n\r\n",
            "G(T /metadata HTTP/1.1\r\n\r\n",
        ]
    )
    func strictInnerRequest(_ text: String) {
        #expect(throws: VAUError(.malformedInnerRequest, reason: "")) { try VAUInnerRequest(parsing: Array(text.utf8)) }
    }

    @Test("pseudonyms: CMAC of sub, stable within the key lifetime, stale for one more period, then unknown")
    func pseudonymRotation() {
        let clock = TestClock(TaskFixture.now)
        let pseudonyms = UserPseudonyms(lifetime: 100, clock: clock)
        let first = pseudonyms.pseudonym(forSubject: "sub-a")
        #expect(first.count == 32)
        #expect(pseudonyms.pseudonym(forSubject: "sub-a") == first)
        #expect(pseudonyms.pseudonym(forSubject: "sub-b") != first)
        #expect(pseudonyms.recognise(first, subject: "sub-a") == .current)
        #expect(pseudonyms.recognise(first.uppercased(), subject: "sub-a") == .current)
        #expect(pseudonyms.recognise(first, subject: "sub-b") == .unknown)
        #expect(pseudonyms.recognise("0", subject: "sub-a") == .unknown)
        clock.advance(by: 100)
        let second = pseudonyms.pseudonym(forSubject: "sub-a")
        #expect(second != first)
        #expect(pseudonyms.recognise(first, subject: "sub-a") == .stale)
        clock.advance(by: 100)
        #expect(pseudonyms.recognise(first, subject: "sub-a") == .unknown)
        #expect(pseudonyms.recognise(second, subject: "sub-a") == .stale)
    }
}
