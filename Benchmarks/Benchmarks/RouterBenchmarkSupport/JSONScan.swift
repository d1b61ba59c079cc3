// SPDX-License-Identifier: Apache-2.0

/// Reads single values from JSON responses with a byte search, so that the client side of a benchmark costs next to
/// nothing inside the measured region (no FHIR decoder).
public enum JSONScan {
    /// The value of the identifier with `system` in a JSON body (`system` precedes `value` in FHIR's order).
    public static func identifier(_ system: String, in bytes: [UInt8]) -> String? {
        let marker = Array("\"system\":\"\(system)\"".utf8)
        guard let start = self.range(of: marker, in: bytes, from: 0) else { return nil }
        return self.value(after: "\"value\":\"", in: bytes, from: start)
    }

    /// The string after the first `prefix` at or after `from`, up to the next quote.
    public static func value(after prefix: String, in bytes: [UInt8], from: Int = 0) -> String? {
        let marker = Array(prefix.utf8)
        guard let start = self.range(of: marker, in: bytes, from: from) else { return nil }
        let begin = start + marker.count
        guard let end = bytes[begin...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: bytes[begin..<end], as: UTF8.self)
    }

    /// The first index at or after `from` where `marker` starts in `bytes`.
    public static func range(of marker: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard bytes.count >= marker.count, from <= bytes.count - marker.count else { return nil }
        var index = from
        while index <= bytes.count - marker.count {
            if bytes[index] == marker[0], bytes[index..<index + marker.count].elementsEqual(marker) { return index }
            index += 1
        }
        return nil
    }
}
