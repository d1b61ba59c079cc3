// SPDX-License-Identifier: Apache-2.0

/// A JSON Web Encryption in compact serialization (RFC 7516 §3.1, §7.1):
/// `header.encryptedKey.iv.ciphertext.tag`, with `enc: A256GCM` and `alg` either `ECDH-ES` or `dir`.
///
/// The gematik IDP uses `ECDH-ES` + `A256GCM` with a brainpool ephemeral key (`epk` with `crv: BP-256`) for the
/// signed challenge and the key verifier it receives, and `dir` + `A256GCM` for the tokens it encrypts under the
/// client's `token_key` (spec/ref-impl.md C.2). Both algorithms leave the encrypted-key segment empty. The AAD of the
/// content encryption is the ASCII of the base64url protected header exactly as transmitted (RFC 7516 §5.1 step 14).
public struct JWE: Hashable, Sendable {
    /// The protected header; `alg` and `enc` are always present, `epk` too for `ECDH-ES`.
    public let header: JOSEHeader
    /// The key-management algorithm `alg` names.
    public let algorithm: JWEAlgorithm
    /// The 12-byte initialization vector.
    public let initializationVector: [UInt8]
    /// The ciphertext, as long as the plaintext.
    public let ciphertext: [UInt8]
    /// The 16-byte GCM authentication tag.
    public let authenticationTag: [UInt8]
    /// The five segments joined with dots.
    public let compactSerialization: String
    /// The base64url protected header as ASCII: the AAD.
    let additionalAuthenticatedData: [UInt8]
    /// For `ECDH-ES`: the sender's ephemeral key from `epk`, not yet checked to lie on a curve.
    let ephemeralKey: JWK?
    /// For `ECDH-ES`: the decoded `apu` and `apv`, empty when absent.
    let partyInfo: (u: [UInt8], v: [UInt8])

    /// Parses a compact JWE without decrypting it.
    /// - Throws: `malformedJOSE` unless there are five base64url segments, a JSON-object header with `alg` and `enc`,
    ///   an empty encrypted key, a 12-byte IV and a 16-byte tag, and (for `ECDH-ES`) an `epk` object and base64url
    ///   `apu`/`apv`; `unsupportedJOSEAlgorithm` for other algorithms or a `zip`; `unsupportedCriticalHeader` for
    ///   `crit`; the JWK errors (`unsupportedCurve`, `unsupportedAlgorithm`, `invalidKey`) for an unusable `epk`.
    public init(compact: some StringProtocol) throws(TICryptoError) {
        let segments = try JOSECompact.segments(of: compact, count: 5, kind: "JWE")
        let header = try JOSECompact.header(segments[0])
        self.algorithm = try JWEAlgorithm(header: header)
        guard segments[1].bytes.isEmpty else {
            throw TICryptoError(.malformedJOSE, reason: "\(self.algorithm.rawValue) JWE must have an empty encrypted key")
        }
        guard segments[2].bytes.count == AES256GCM.ivByteCount, segments[4].bytes.count == AES256GCM.tagByteCount else {
            throw TICryptoError(.malformedJOSE, reason: "A256GCM needs a 12-byte IV and a 16-byte tag")
        }
        if self.algorithm == .ecdhES {
            guard let epk = header["epk"]?.objectValue else {
                throw TICryptoError(.malformedJOSE, reason: "ECDH-ES JWE without an epk object")
            }
            self.ephemeralKey = try JWK(jsonObject: epk)
            self.partyInfo = (try Self.partyInfo("apu", in: header), try Self.partyInfo("apv", in: header))
        } else {
            self.ephemeralKey = nil
            self.partyInfo = ([], [])
        }
        self.header = header
        self.initializationVector = segments[2].bytes
        self.ciphertext = segments[3].bytes
        self.authenticationTag = segments[4].bytes
        self.compactSerialization = String(compact)
        self.additionalAuthenticatedData = Array(segments[0].text)
    }

    /// A JWE from its parts (after encryption).
    init(header: JOSEHeader, algorithm: JWEAlgorithm, headerSegment: String, iv: [UInt8], sealed: (ciphertext: [UInt8], tag: [UInt8])) {
        self.header = header
        self.algorithm = algorithm
        self.initializationVector = iv
        self.ciphertext = sealed.ciphertext
        self.authenticationTag = sealed.tag
        self.additionalAuthenticatedData = Array(headerSegment.utf8)
        self.ephemeralKey = header.epk
        self.partyInfo = (header.apu ?? [], header.apv ?? [])
        self.compactSerialization = JOSECompact.join(
            [headerSegment, "", Base64URL.encode(iv), Base64URL.encode(sealed.ciphertext), Base64URL.encode(sealed.tag)]
        )
    }

    /// Equal when the compact serializations are equal.
    public static func == (lhs: JWE, rhs: JWE) -> Bool {
        lhs.compactSerialization == rhs.compactSerialization
    }

    /// Hashes the compact serialization.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.compactSerialization)
    }

    /// The decoded `apu` or `apv`, empty when absent.
    /// - Throws: `malformedJOSE` when present but not a base64url string.
    static func partyInfo(_ name: String, in header: JOSEHeader) throws(TICryptoError) -> [UInt8] {
        guard let value = header[name] else { return [] }
        guard let text = value.stringValue, let bytes = try? Base64URL.decode(text) else {
            throw TICryptoError(.malformedJOSE, reason: "JWE header member \(name) is not a base64url string")
        }
        return bytes
    }
}
