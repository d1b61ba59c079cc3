// SPDX-License-Identifier: Apache-2.0

extension JWE {
    /// Encrypts `plaintext` with `ECDH-ES` + `A256GCM` to a brainpoolP256r1 key, as clients of the gematik IDP encrypt
    /// the signed challenge and the key verifier to `puk_idp_enc`; `epk` gets `crv: BP-256` (spec/ref-impl.md C.2).
    /// - Parameter header: Further members (`cty`, `exp`, `kid`, `apu`, `apv`, …); `alg`, `enc` and `epk` are set.
    /// - Throws: `joseAlgorithmMismatch` or `unsupportedJOSEAlgorithm` when `header` names another `alg` or `enc`;
    ///   `malformedJOSE` for non-base64url `apu`/`apv`; `unsupportedCriticalHeader` for `crit`.
    public static func encrypt(
        _ plaintext: some Collection<UInt8>,
        header: JOSEHeader = JOSEHeader(),
        recipient: BrainpoolP256r1.KeyAgreement.PublicKey
    ) throws(TICryptoError) -> JWE {
        try self.encrypt(plaintext, header: header, recipient: recipient, ephemeralKey: BrainpoolP256r1.KeyAgreement.PrivateKey())
    }

    /// Encrypts with `ECDH-ES` + `A256GCM` to a brainpoolP256r1 key using the given ephemeral key: for tests and
    /// known-answer vectors only; an ephemeral key must never be used twice.
    public static func encrypt(
        _ plaintext: some Collection<UInt8>,
        header: JOSEHeader = JOSEHeader(),
        recipient: BrainpoolP256r1.KeyAgreement.PublicKey,
        ephemeralKey: BrainpoolP256r1.KeyAgreement.PrivateKey
    ) throws(TICryptoError) -> JWE {
        try self.encrypt(Array(plaintext), header: header, recipient: recipient.impl, ephemeralKey: ephemeralKey.impl)
    }

    /// Encrypts `plaintext` with `ECDH-ES` + `A256GCM` to a P-256 key (RFC 7518 §4.6); `epk` gets `crv: P-256`.
    /// - Parameter header: Further members (`cty`, `exp`, `kid`, `apu`, `apv`, …); `alg`, `enc` and `epk` are set.
    /// - Throws: `joseAlgorithmMismatch` or `unsupportedJOSEAlgorithm` when `header` names another `alg` or `enc`;
    ///   `malformedJOSE` for non-base64url `apu`/`apv`; `unsupportedCriticalHeader` for `crit`.
    public static func encrypt(
        _ plaintext: some Collection<UInt8>,
        header: JOSEHeader = JOSEHeader(),
        recipient: P256.KeyAgreement.PublicKey
    ) throws(TICryptoError) -> JWE {
        try self.encrypt(plaintext, header: header, recipient: recipient, ephemeralKey: P256.KeyAgreement.PrivateKey())
    }

    /// Encrypts with `ECDH-ES` + `A256GCM` to a P-256 key using the given ephemeral key: for tests and known-answer
    /// vectors only; an ephemeral key must never be used twice.
    public static func encrypt(
        _ plaintext: some Collection<UInt8>,
        header: JOSEHeader = JOSEHeader(),
        recipient: P256.KeyAgreement.PublicKey,
        ephemeralKey: P256.KeyAgreement.PrivateKey
    ) throws(TICryptoError) -> JWE {
        try self.encrypt(Array(plaintext), header: header, recipient: recipient.impl, ephemeralKey: ephemeralKey.impl)
    }

    /// Encrypts `plaintext` with `dir` + `A256GCM` under a 32-byte key, as the IDP encrypts tokens under the client's
    /// `token_key` (spec/ref-impl.md C.2, RFC 7518 §4.5).
    /// - Parameter header: Further members (`cty`, `exp`, `kid`, …); `alg` and `enc` are set.
    /// - Throws: `invalidParameter` unless `key` has 32 bytes; `joseAlgorithmMismatch` or `unsupportedJOSEAlgorithm`
    ///   when `header` names another `alg` or `enc`; `unsupportedCriticalHeader` for `crit`.
    public static func encrypt(
        _ plaintext: some Collection<UInt8>,
        header: JOSEHeader = JOSEHeader(),
        directKey: some Collection<UInt8>
    ) throws(TICryptoError) -> JWE {
        let header = try self.completedHeader(header, algorithm: .direct)
        return try self.seal(Array(plaintext), header: header, algorithm: .direct, key: Array(directKey))
    }

    private static func encrypt(
        _ plaintext: [UInt8],
        header: JOSEHeader,
        recipient: ECPublicKeyImpl,
        ephemeralKey: ECPrivateKeyImpl
    ) throws(TICryptoError) -> JWE {
        var header = try self.completedHeader(header, algorithm: .ecdhES)
        header.epk = JWK(impl: ephemeralKey.publicKey, kid: nil, use: nil, x5c: nil)
        let partyUInfo = try self.partyInfo("apu", in: header)
        let partyVInfo = try self.partyInfo("apv", in: header)
        let key = try self.contentKey(
            sharedSecret: ECDHOperation.sharedSecret(ephemeralKey, recipient),
            partyUInfo: partyUInfo,
            partyVInfo: partyVInfo
        )
        return try self.seal(plaintext, header: header, algorithm: .ecdhES, key: key)
    }

    /// `header` with `alg` and `enc` set, after refusing conflicting values, `zip` and `crit`.
    private static func completedHeader(_ header: JOSEHeader, algorithm: JWEAlgorithm) throws(TICryptoError) -> JOSEHeader {
        var header = header
        if let requested = header["alg"], requested != .string(algorithm.rawValue) {
            throw TICryptoError(.joseAlgorithmMismatch, reason: "this operation encrypts \(algorithm.rawValue), not \(requested)")
        }
        if let requested = header["enc"], requested != .string(JWEAlgorithm.contentEncryption) {
            throw TICryptoError(.unsupportedJOSEAlgorithm, reason: "enc \(requested) is not supported, only A256GCM")
        }
        guard header["zip"] == nil else {
            throw TICryptoError(.unsupportedJOSEAlgorithm, reason: "compressed JWE (zip) are not supported")
        }
        try JOSECompact.checkNoCriticalExtensions(header)
        header.alg = algorithm.rawValue
        header.enc = JWEAlgorithm.contentEncryption
        return header
    }

    private static func seal(_ plaintext: [UInt8], header: JOSEHeader, algorithm: JWEAlgorithm, key: [UInt8]) throws(TICryptoError) -> JWE {
        let headerSegment = Base64URL.encode(header.jsonRepresentation)
        let iv = AES256GCM.randomIV()
        let sealed = try AES256GCM.seal(plaintext, key: key, iv: iv, aad: Array(headerSegment.utf8))
        return JWE(header: header, algorithm: algorithm, headerSegment: headerSegment, iv: iv, sealed: sealed)
    }
}
