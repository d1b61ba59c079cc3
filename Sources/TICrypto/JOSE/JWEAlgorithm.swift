// SPDX-License-Identifier: Apache-2.0

/// The JWE key-management algorithms `TICrypto` implements, always with content encryption `A256GCM`.
///
/// The gematik IDP encrypts signed challenges and key verifiers with `ECDH-ES` to its `puk_idp_enc` key, and the
/// `code`, access and ID tokens with `dir` under a symmetric key (spec/ref-impl.md C.2).
public enum JWEAlgorithm: String, Hashable, Sendable, CaseIterable {
    /// Direct key agreement: ECDH with an ephemeral key, Concat KDF to the content key (RFC 7518 §4.6).
    case ecdhES = "ECDH-ES"
    /// A shared symmetric key used directly as the content key (RFC 7518 §4.5).
    case direct = "dir"

    /// The only content-encryption algorithm: AES-256-GCM (RFC 7518 §5.3).
    public static let contentEncryption = "A256GCM"

    /// The algorithm a JWE header names, after checking `enc` and `zip`.
    /// - Throws: `malformedJOSE` when `alg` or `enc` is missing or not a string; `unsupportedJOSEAlgorithm` for another
    ///   `alg`, an `enc` other than `A256GCM`, or any `zip`.
    init(header: JOSEHeader) throws(TICryptoError) {
        guard let name = header.alg, let enc = header.enc else {
            throw TICryptoError(.malformedJOSE, reason: "the JWE header needs string members alg and enc")
        }
        guard let algorithm = JWEAlgorithm(rawValue: name) else {
            throw TICryptoError(.unsupportedJOSEAlgorithm, reason: "JWE alg \(name) is not supported")
        }
        guard enc == Self.contentEncryption else {
            throw TICryptoError(.unsupportedJOSEAlgorithm, reason: "JWE enc \(enc) is not supported, only A256GCM")
        }
        guard header["zip"] == nil else {
            throw TICryptoError(.unsupportedJOSEAlgorithm, reason: "compressed JWE (zip) are not supported")
        }
        self = algorithm
    }
}
