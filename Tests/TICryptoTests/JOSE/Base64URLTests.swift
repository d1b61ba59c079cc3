// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

/// Strict unpadded base64url (RFC 7515 §2, Appendix C; RFC 4648 §5).
struct Base64URLTests {
    @Test("RFC 4648 §10 vectors, unpadded, and the RFC 7515 Appendix C example")
    func knownAnswers() throws {
        let vectors: [(String, String)] = [
            ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
        ]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(try Base64URL.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64URL.encode([3, 236, 255, 224, 193]) == "A-z_4ME")
        #expect(try Base64URL.decode("A-z_4ME") == [3, 236, 255, 224, 193])
    }

    @Test("every length from 0 to 100 round-trips, and the URL-safe characters appear")
    func roundTrips() throws {
        var random = FuzzRandom(seed: 0xB64)
        for length in 0...100 {
            let bytes = random.bytes(count: length)
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(try Base64URL.decode(text) == bytes)
        }
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
    }

    @Test(
        "padding, foreign characters, truncation and non-canonical trailing bits are refused",
        arguments: ["Zg==", "Zm8=", "Zm9v YmFy", "Zm+v", "Zm/v", "Z", "Zm9vY", "Zh", "Zm9", "Zm9v\n", "Zm9vé", "Zm9v.", "=", "Zg=="]
    )
    func refusals(text: String) {
        #expect(throws: TICryptoError(.invalidEncoding)) { try Base64URL.decode(text) }
    }
}
