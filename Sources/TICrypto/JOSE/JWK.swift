// SPDX-License-Identifier: Apache-2.0

internal import Foundation

/// An elliptic-curve public key as a JSON Web Key (RFC 7517 §4, RFC 7518 §6.2.1): `kty: EC`, `crv`, `x`, `y`.
///
/// The gematik IDP publishes its keys (`puk_idp_sig`, `puk_idp_enc`) this way and puts the ephemeral key of every
/// `ECDH-ES` JWE into the `epk` header as such a JWK, with `crv: "BP-256"` for brainpoolP256r1 (spec/ref-impl.md C.1,
/// C.2). A `JWK` only holds the coordinates; the point is checked to lie on the curve when it becomes a key
/// (`BrainpoolP256r1.Signing.PublicKey(jwk:)` and the like).
public struct JWK: Hashable, Sendable {
    /// The `crv` values `TICrypto` understands.
    public enum Curve: String, Hashable, Sendable, CaseIterable {
        /// brainpoolP256r1, spelled `BP-256` by the gematik IDP (not IANA-registered).
        case brainpoolP256r1 = "BP-256"
        /// NIST P-256 (RFC 7518 §6.2.1.1).
        case p256 = "P-256"
    }

    /// `crv`.
    public let curve: Curve
    /// `x`: the X coordinate, 32 bytes big-endian.
    public let x: [UInt8]
    /// `y`: the Y coordinate, 32 bytes big-endian.
    public let y: [UInt8]
    /// `kid`, the key ID (RFC 7517 §4.5), for example `puk_idp_enc`.
    public var kid: String?
    /// `use`, the intended use (RFC 7517 §4.2): `sig` or `enc`.
    public var use: String?
    /// `x5c` (RFC 7517 §4.7): DER certificates, the first one holding this key; standard base64 in JSON.
    public var x5c: [[UInt8]]?

    /// A JWK from its coordinates.
    /// - Throws: `invalidKey` unless `x` and `y` have 32 bytes each. Whether the point is on the curve is checked only
    ///   when the JWK becomes a key.
    public init(
        curve: Curve,
        x: some Collection<UInt8>,
        y: some Collection<UInt8>,
        kid: String? = nil,
        use: String? = nil,
        x5c: [[UInt8]]? = nil
    ) throws(TICryptoError) {
        guard x.count == ECCurve.coordinateByteCount, y.count == ECCurve.coordinateByteCount else {
            throw TICryptoError(.invalidKey, reason: "JWK coordinates must be 32 bytes each, got \(x.count) and \(y.count)")
        }
        self.curve = curve
        self.x = Array(x)
        self.y = Array(y)
        self.kid = kid
        self.use = use
        self.x5c = x5c
    }

    /// A JWK from a parsed JSON object; unknown members (such as `alg` or `key_ops`) are ignored (RFC 7517 §4).
    /// - Throws: `unsupportedAlgorithm` unless `kty` is `EC`, `unsupportedCurve` for another `crv`, `malformedJOSE` for
    ///   missing or ill-typed members or invalid base64, `invalidKey` for coordinates that are not 32 bytes.
    public init(jsonObject object: [String: JOSEValue]) throws(TICryptoError) {
        guard let kty = object["kty"]?.stringValue else {
            throw TICryptoError(.malformedJOSE, reason: "JWK without string member kty")
        }
        guard kty == "EC" else {
            throw TICryptoError(.unsupportedAlgorithm, reason: "JWK kty \(kty) is not EC")
        }
        guard let crv = object["crv"]?.stringValue else {
            throw TICryptoError(.malformedJOSE, reason: "JWK without string member crv")
        }
        guard let curve = Curve(rawValue: crv) else {
            throw TICryptoError(.unsupportedCurve, reason: "JWK crv \(crv) is neither BP-256 nor P-256")
        }
        try self.init(
            curve: curve,
            x: Self.coordinate("x", in: object),
            y: Self.coordinate("y", in: object),
            kid: Self.optionalString("kid", in: object),
            use: Self.optionalString("use", in: object),
            x5c: Self.certificateChain(in: object)
        )
    }

    /// A JWK from UTF-8 JSON.
    /// - Throws: `malformedJOSE` unless `json` is a JSON object, then as ``init(jsonObject:)``.
    public init(json: some Collection<UInt8>) throws(TICryptoError) {
        try self.init(jsonObject: JOSEValue.decodeObject(json))
    }

    /// The JSON object: `kty`, `crv`, `x`, `y` and whichever of `kid`, `use`, `x5c` are set.
    public var jsonObject: [String: JOSEValue] {
        var object: [String: JOSEValue] = [
            "kty": .string("EC"),
            "crv": .string(self.curve.rawValue),
            "x": .string(Base64URL.encode(self.x)),
            "y": .string(Base64URL.encode(self.y)),
        ]
        if let kid = self.kid { object["kid"] = .string(kid) }
        if let use = self.use { object["use"] = .string(use) }
        if let x5c = self.x5c { object["x5c"] = .array(x5c.map { .string(Data($0).base64EncodedString()) }) }
        return object
    }

    /// Compact UTF-8 JSON with sorted keys.
    public var jsonRepresentation: [UInt8] { JOSEValue.encodeObject(self.jsonObject) }

    private static func coordinate(_ name: String, in object: [String: JOSEValue]) throws(TICryptoError) -> [UInt8] {
        guard let text = object[name]?.stringValue, let bytes = try? Base64URL.decode(text) else {
            throw TICryptoError(.malformedJOSE, reason: "JWK member \(name) is not a base64url string")
        }
        return bytes
    }

    private static func optionalString(_ name: String, in object: [String: JOSEValue]) throws(TICryptoError) -> String? {
        guard let value = object[name] else { return nil }
        guard let text = value.stringValue else {
            throw TICryptoError(.malformedJOSE, reason: "JWK member \(name) is not a string")
        }
        return text
    }

    private static func certificateChain(in object: [String: JOSEValue]) throws(TICryptoError) -> [[UInt8]]? {
        guard let value = object["x5c"] else { return nil }
        guard let elements = value.arrayValue, !elements.isEmpty else {
            throw TICryptoError(.malformedJOSE, reason: "JWK member x5c is not a non-empty array")
        }
        var chain: [[UInt8]] = []
        for element in elements {
            // RFC 7517 §4.7: base64 (not base64url) DER, padding included.
            guard let text = element.stringValue, let der = Data(base64Encoded: text), !der.isEmpty else {
                throw TICryptoError(.malformedJOSE, reason: "JWK x5c entry is not base64 DER")
            }
            chain.append(Array(der))
        }
        return chain
    }
}
