// SPDX-License-Identifier: Apache-2.0

/// The JWS signature algorithms `TICrypto` implements; each is bound to one curve, so a key decides the algorithm.
///
/// `BP256R1` is ECDSA on brainpoolP256r1 with SHA-256, the gematik IDP's algorithm for every token and the only one
/// the E-Rezept Fachdienst accepts; `ES256` is the same on P-256 (RFC 7518 §3.4), which the reference IDP selects for
/// prime256v1 keys (spec/ref-impl.md C.4, C.5). Both sign as raw `r ‖ s`, 64 bytes.
public enum JWSAlgorithm: String, Hashable, Sendable, CaseIterable {
    /// ECDSA brainpoolP256r1 + SHA-256 (gematik).
    case bp256r1 = "BP256R1"
    /// ECDSA P-256 + SHA-256 (RFC 7518 §3.4).
    case es256 = "ES256"

    /// The algorithm of keys on `curve`.
    init(curve: ECCurve) {
        switch curve {
        case .brainpoolP256r1: self = .bp256r1
        case .prime256v1: self = .es256
        }
    }

    /// The curve this algorithm signs on.
    var curve: ECCurve {
        switch self {
        case .bp256r1: .brainpoolP256r1
        case .es256: .prime256v1
        }
    }

    /// The algorithm a JWS header names.
    /// - Throws: `malformedJOSE` when `alg` is missing or not a string, `unsecuredJWS` for `none` (in any letter case),
    ///   `unsupportedJOSEAlgorithm` for anything else unknown (HS256, RS256, ES384, …).
    init(header: JOSEHeader) throws(TICryptoError) {
        guard let name = header.alg else {
            throw TICryptoError(.malformedJOSE, reason: "the JWS header has no string member alg")
        }
        guard name.lowercased() != "none" else {
            throw TICryptoError(.unsecuredJWS, reason: "unsecured JWS (alg \(name)) are never accepted")
        }
        guard let algorithm = JWSAlgorithm(rawValue: name) else {
            throw TICryptoError(.unsupportedJOSEAlgorithm, reason: "JWS alg \(name) is not supported")
        }
        self = algorithm
    }
}
