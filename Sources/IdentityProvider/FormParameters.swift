// SPDX-License-Identifier: Apache-2.0

internal import Foundation

/// The parameters of a query string or an `application/x-www-form-urlencoded` body (WHATWG URL "urlencoded
/// parsing": `&`-separated pairs, `+` for space, percent-decoding). For repeated names the first value counts.
struct FormParameters: Sendable {
    private let values: [String: String]

    /// Parses `text`; pairs that do not percent-decode are dropped.
    init(_ text: String) {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if values[name] == nil, let value { values[name] = value }
        }
        self.values = values
    }

    /// The value of `name`; nil when absent or empty (the gematik IDP treats both as missing).
    subscript(name: String) -> String? {
        guard let value = self.values[name], !value.isEmpty else { return nil }
        return value
    }

    /// `values` encoded as a query string, in the given order.
    static func encode(_ values: [(String, String)]) -> String {
        values.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? text
    }
}
