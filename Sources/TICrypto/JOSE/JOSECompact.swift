// SPDX-License-Identifier: Apache-2.0

/// Splitting and decoding the compact serializations of JWS (RFC 7515 §7.1) and JWE (RFC 7516 §7.1).
enum JOSECompact {
    /// One segment: its base64url text (as ASCII bytes) and its decoded bytes.
    struct Segment {
        let text: ArraySlice<UInt8>
        let bytes: [UInt8]
    }

    /// The `count` dot-separated segments of `text`, each base64url-decoded.
    /// - Throws: `malformedJOSE` for another number of segments or a segment that is not unpadded base64url.
    static func segments(of text: some StringProtocol, count: Int, kind: String) throws(TICryptoError) -> [Segment] {
        let utf8 = Array(text.utf8)
        let parts = utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == count else {
            throw TICryptoError(.malformedJOSE, reason: "a compact \(kind) has \(count) segments, got \(parts.count)")
        }
        var segments: [Segment] = []
        for (index, part) in parts.enumerated() {
            guard let bytes = try? Base64URL.decode(utf8: part) else {
                throw TICryptoError(.malformedJOSE, reason: "segment \(index + 1) of the \(kind) is not unpadded base64url")
            }
            segments.append(Segment(text: part, bytes: bytes))
        }
        return segments
    }

    /// The protected header in `segment`: a non-empty JSON object without `crit`.
    /// - Throws: `malformedJOSE` unless it is a JSON object, `unsupportedCriticalHeader` when it has `crit`.
    static func header(_ segment: Segment) throws(TICryptoError) -> JOSEHeader {
        let header = JOSEHeader(fields: try JOSEValue.decodeObject(segment.bytes))
        try self.checkNoCriticalExtensions(header)
        return header
    }

    /// Refuses `crit` (RFC 7515 §4.1.11, RFC 7516 §4.1.13): this implementation understands no extension.
    /// - Throws: `unsupportedCriticalHeader`.
    static func checkNoCriticalExtensions(_ header: JOSEHeader) throws(TICryptoError) {
        guard header["crit"] == nil else {
            throw TICryptoError(.unsupportedCriticalHeader, reason: "the header lists crit extensions, none of which are supported")
        }
    }

    /// `segments` joined with dots.
    static func join(_ segments: [String]) -> String {
        segments.joined(separator: ".")
    }
}
