// SPDX-License-Identifier: Apache-2.0

/// The canonical byte form of identifiers that key derivation and lookup hashes consume.
///
/// Both must map every spelling of one identifier to the same bytes, or data becomes unreachable: a KVNR typed with a
/// trailing space or a lower-case letter would otherwise derive a different key.
enum IdentifierNormalization {
    /// UTF-8 of `value` without leading and trailing ASCII whitespace (space, tab, CR, LF, VT, FF).
    static func trimmed(_ value: String) -> ArraySlice<UInt8> {
        let bytes = Array(value.utf8)
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return []
        }
        return bytes[first...last]
    }

    /// `trimmed(value)` with ASCII `a`…`z` upper-cased; other bytes are unchanged.
    static func trimmedUppercased(_ value: String) -> [UInt8] {
        self.trimmed(value).map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }
    }
}
