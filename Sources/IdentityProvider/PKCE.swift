// SPDX-License-Identifier: Apache-2.0

internal import Crypto
internal import TICrypto

/// Proof Key for Code Exchange with `S256` only (RFC 7636; spec/ref-impl.md C.2: the IDP supports S256 only).
enum PKCE {
    /// The only supported `code_challenge_method`.
    static let method = "S256"

    /// `BASE64URL(SHA-256(ASCII(verifier)))` (RFC 7636 §4.2).
    static func challenge(for verifier: String) -> String {
        Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
    }

    /// Whether `verifier` has 43–128 characters of `A-Z a-z 0-9 - . _ ~` (RFC 7636 §4.1).
    static func isValidVerifier(_ verifier: String) -> Bool {
        (43...128).contains(verifier.utf8.count) && verifier.utf8.allSatisfy(Self.isUnreserved)
    }

    /// Whether `challenge` is the base64url form of a SHA-256 value: 43 characters decoding to 32 bytes.
    static func isValidChallenge(_ challenge: String) -> Bool {
        challenge.utf8.count == 43 && (try? Base64URL.decode(challenge))?.count == 32
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
