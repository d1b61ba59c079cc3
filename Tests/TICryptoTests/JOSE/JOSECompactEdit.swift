// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto

/// Surgery on compact JWS and JWE strings for negative tests.
enum JOSECompactEdit {
    /// The dot-separated segments.
    static func segments(_ compact: String) -> [String] {
        compact.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// `compact` with segment `index` replaced by `text`.
    static func replacing(_ compact: String, segment index: Int, with text: String) -> String {
        var parts = self.segments(compact)
        parts[index] = text
        return parts.joined(separator: ".")
    }

    /// `compact` with one bit flipped in the decoded bytes of segment `index`, re-encoded canonically.
    static func flippingBit(_ compact: String, segment index: Int, byte: Int = 0) throws -> String {
        var bytes = try Base64URL.decode(self.segments(compact)[index])
        bytes[byte] ^= 0x01
        return self.replacing(compact, segment: index, with: Base64URL.encode(bytes))
    }

    /// `compact` with segment `index` replaced by the base64url of `bytes`.
    static func replacing(_ compact: String, segment index: Int, bytes: [UInt8]) -> String {
        self.replacing(compact, segment: index, with: Base64URL.encode(bytes))
    }

    /// `compact` with its protected header decoded, edited and re-encoded; the other segments are kept.
    static func editingHeader(_ compact: String, _ edit: (inout [String: JOSEValue]) -> Void) throws -> String {
        let data = Data(try Base64URL.decode(self.segments(compact)[0]))
        var fields = try JSONDecoder().decode([String: JOSEValue].self, from: data)
        edit(&fields)
        return self.replacing(compact, segment: 0, bytes: JOSEHeader(fields: fields).jsonRepresentation)
    }

    /// `compact` with the header replaced by the given JSON text.
    static func replacingHeader(_ compact: String, json: String) -> String {
        self.replacing(compact, segment: 0, bytes: Array(json.utf8))
    }
}
