// SPDX-License-Identifier: Apache-2.0

internal import Crypto
internal import TICrypto

/// Proof Key for Code Exchange with `S256` (RFC 7636; spec/ref-impl.md C.2 step 1): a verifier of 43 base64url
/// characters from 32 random bytes, and its challenge `BASE64URL(SHA-256(verifier))`.
struct PKCE {
    /// The code verifier, sent in the key verifier of the token request.
    let verifier: String
    /// The code challenge, sent in the authorization request.
    let challenge: String

    /// A fresh verifier and its challenge.
    init() {
        self.init(verifier: Base64URL.encode(PKCE.randomBytes(32)))
    }

    /// The challenge of a given verifier.
    init(verifier: String) {
        self.verifier = verifier
        self.challenge = Base64URL.encode(Array(SHA256.hash(data: Array(verifier.utf8))))
    }

    /// `count` bytes from the system's cryptographically secure generator.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
