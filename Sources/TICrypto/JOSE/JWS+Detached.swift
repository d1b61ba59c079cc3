// SPDX-License-Identifier: Apache-2.0

/// JWS with detached content (RFC 7515 Appendix F): the payload travels elsewhere, the compact serialization carries an
/// empty payload segment, `BASE64URL(header) '..' BASE64URL(signature)`.
///
/// The signature is the ordinary one of RFC 7515 §5.1: over `ASCII(BASE64URL(header) '.' BASE64URL(payload))`, with
/// the payload base64url-encoded as usual (not the unencoded `b64: false` form of RFC 7797, which would need `crit`).
/// A verifier rebuilds that signing input from the detached payload it holds.
extension JWS {
    /// `BASE64URL(header) '..' BASE64URL(signature)`: the compact serialization without the payload.
    public var detachedCompactSerialization: String {
        // The compact form has exactly two dots (checked when it was made or parsed); drop what lies between them.
        let utf8 = self.compactSerialization.utf8
        guard let first = utf8.firstIndex(of: UInt8(ascii: ".")), let last = utf8.lastIndex(of: UInt8(ascii: ".")) else {
            return self.compactSerialization
        }
        return String(self.compactSerialization[...first]) + String(self.compactSerialization[last...])
    }

    /// Parses a detached compact JWS and joins it with `payload`, the content it was made over, without verifying it.
    /// - Parameters:
    ///   - detachedCompact: `BASE64URL(header) '..' BASE64URL(signature)`.
    ///   - payload: the detached content.
    /// - Throws: `malformedJOSE` unless there are three segments and the middle one is empty; otherwise what
    ///   ``init(compact:)`` throws (`unsecuredJWS`, `unsupportedJOSEAlgorithm`, `unsupportedCriticalHeader`,
    ///   `invalidSignature`).
    public init(detachedCompact: some StringProtocol, payload: some Collection<UInt8>) throws(TICryptoError) {
        let segments = detachedCompact.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3 else {
            throw TICryptoError(.malformedJOSE, reason: "a detached compact JWS has 3 segments, got \(segments.count)")
        }
        guard segments[1].isEmpty else {
            throw TICryptoError(.malformedJOSE, reason: "a detached compact JWS has an empty payload segment")
        }
        try self.init(compact: JOSECompact.join([String(segments[0]), Base64URL.encode(payload), String(segments[2])]))
    }
}
