// SPDX-License-Identifier: Apache-2.0

/// A JSON Web Signature in compact serialization (RFC 7515 §3.1, §7.1): `header.payload.signature`.
///
/// Signed with ECDSA + SHA-256 as raw `r ‖ s` (RFC 7518 §3.4): `BP256R1` on brainpoolP256r1, as the gematik IDP signs
/// its discovery document, challenges and tokens, or `ES256` on P-256 (spec/ref-impl.md C.1–C.5). Parsing refuses
/// `alg: none`, unknown algorithms and `crit`; verifying refuses a key on another curve than `alg` names, so a token
/// can never choose how it is checked (no algorithm confusion).
public struct JWS: Hashable, Sendable {
    /// The protected header; `alg` is always present.
    public let header: JOSEHeader
    /// The signature algorithm `alg` names.
    public let algorithm: JWSAlgorithm
    /// The payload bytes (for a JWT, the UTF-8 JSON claims).
    public let payload: [UInt8]
    /// The signature, `r ‖ s`, 64 bytes.
    public let signature: [UInt8]
    /// `BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature)`.
    public let compactSerialization: String
    /// `BASE64URL(header) '.' BASE64URL(payload)` as ASCII, the bytes that were signed (RFC 7515 §5.1 step 5).
    private let signingInput: [UInt8]

    /// Parses a compact JWS without verifying it.
    /// - Throws: `malformedJOSE` unless there are three base64url segments with a JSON-object header holding `alg`;
    ///   `unsecuredJWS` for `alg: none`; `unsupportedJOSEAlgorithm` for other algorithms than `BP256R1` and `ES256`;
    ///   `unsupportedCriticalHeader` for `crit`; `invalidSignature` unless the signature has 64 bytes.
    public init(compact: some StringProtocol) throws(TICryptoError) {
        let segments = try JOSECompact.segments(of: compact, count: 3, kind: "JWS")
        let header = try JOSECompact.header(segments[0])
        self.algorithm = try JWSAlgorithm(header: header)
        guard segments[2].bytes.count == 64 else {
            throw TICryptoError(.invalidSignature, reason: "a \(self.algorithm.rawValue) signature has 64 bytes, got \(segments[2].bytes.count)")
        }
        self.header = header
        self.payload = segments[1].bytes
        self.signature = segments[2].bytes
        self.compactSerialization = String(compact)
        self.signingInput = Array(segments[0].text) + [UInt8(ascii: ".")] + Array(segments[1].text)
    }

    private init(header: JOSEHeader, algorithm: JWSAlgorithm, payload: [UInt8], signingInput: String, signature: [UInt8]) {
        self.header = header
        self.algorithm = algorithm
        self.payload = payload
        self.signature = signature
        self.signingInput = Array(signingInput.utf8)
        self.compactSerialization = JOSECompact.join([signingInput, Base64URL.encode(signature)])
    }

    /// Signs `payload` with `BP256R1` (brainpoolP256r1, SHA-256, raw `r ‖ s`), as the gematik IDP does.
    /// - Parameter header: Further members (`typ`, `kid`, `cty`, `x5c`, `exp`, …); `alg` is set to `BP256R1`.
    /// - Throws: `joseAlgorithmMismatch` when `header` already names another `alg`, `unsupportedCriticalHeader` for
    ///   `crit`, `openSSL` if signing fails.
    public static func sign(
        payload: some Collection<UInt8>,
        header: JOSEHeader = JOSEHeader(),
        key: BrainpoolP256r1.Signing.PrivateKey
    ) throws(TICryptoError) -> JWS {
        try self.sign(payload: Array(payload), header: header, key: key.impl)
    }

    /// Signs `payload` with `ES256` (P-256, SHA-256, raw `r ‖ s`; RFC 7518 §3.4).
    /// - Parameter header: Further members (`typ`, `kid`, `cty`, `x5c`, `exp`, …); `alg` is set to `ES256`.
    /// - Throws: `joseAlgorithmMismatch` when `header` already names another `alg`, `unsupportedCriticalHeader` for
    ///   `crit`, `openSSL` if signing fails.
    public static func sign(
        payload: some Collection<UInt8>,
        header: JOSEHeader = JOSEHeader(),
        key: P256.Signing.PrivateKey
    ) throws(TICryptoError) -> JWS {
        try self.sign(payload: Array(payload), header: header, key: key.impl)
    }

    /// Checks the signature with a brainpoolP256r1 key; `alg` must be `BP256R1`.
    /// - Throws: `joseAlgorithmMismatch` for another `alg`, `signatureVerificationFailed` when the signature is wrong.
    public func verify(with publicKey: BrainpoolP256r1.Signing.PublicKey) throws(TICryptoError) {
        try self.verify(with: publicKey.impl)
    }

    /// Checks the signature with a P-256 key; `alg` must be `ES256`.
    /// - Throws: `joseAlgorithmMismatch` for another `alg`, `signatureVerificationFailed` when the signature is wrong.
    public func verify(with publicKey: P256.Signing.PublicKey) throws(TICryptoError) {
        try self.verify(with: publicKey.impl)
    }

    /// Checks the signature with the key a JWK describes (for example from the IDP's `jwks_uri`); `alg` must match `crv`.
    /// - Throws: `joseAlgorithmMismatch` when `alg` does not belong to `crv`, `invalidKey` when the point is not on the
    ///   curve, `signatureVerificationFailed` when the signature is wrong.
    public func verify(with jwk: JWK) throws(TICryptoError) {
        try self.verify(with: jwk.publicKeyImpl(on: jwk.curve.ecCurve))
    }

    private static func sign(payload: [UInt8], header: JOSEHeader, key: ECPrivateKeyImpl) throws(TICryptoError) -> JWS {
        let algorithm = JWSAlgorithm(curve: key.curve)
        var header = header
        if let requested = header["alg"], requested != .string(algorithm.rawValue) {
            throw TICryptoError(.joseAlgorithmMismatch, reason: "a \(key.curve.groupName) key signs \(algorithm.rawValue), not \(requested)")
        }
        try JOSECompact.checkNoCriticalExtensions(header)
        header.alg = algorithm.rawValue
        let signingInput = JOSECompact.join([Base64URL.encode(header.jsonRepresentation), Base64URL.encode(payload)])
        let signature = try ECDSAOperations.sign(digest: ECDSAOperations.digest(Array(signingInput.utf8)), with: key)
        return JWS(header: header, algorithm: algorithm, payload: payload, signingInput: signingInput, signature: signature.rawRepresentation)
    }

    private func verify(with key: ECPublicKeyImpl) throws(TICryptoError) {
        guard self.algorithm.curve == key.curve else {
            throw TICryptoError(
                .joseAlgorithmMismatch,
                reason: "alg \(self.algorithm.rawValue) cannot be verified with a \(key.curve.groupName) key"
            )
        }
        let signature = try ECDSASignature(rawRepresentation: self.signature)
        guard ECDSAOperations.verify(signature, digest: ECDSAOperations.digest(self.signingInput), with: key) else {
            throw TICryptoError(.signatureVerificationFailed, reason: "the \(self.algorithm.rawValue) signature does not verify")
        }
    }
}
