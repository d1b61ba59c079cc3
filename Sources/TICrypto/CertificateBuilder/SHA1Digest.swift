// SPDX-License-Identifier: Apache-2.0

internal import Crypto

/// SHA-1, used only for key identifiers (RFC 5280 §4.2.1.2 method 1), never for signatures.
enum SHA1Digest {
    /// The 20-byte SHA-1 digest of `bytes`.
    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        Array(Insecure.SHA1.hash(data: bytes))
    }
}
