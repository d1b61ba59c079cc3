// SPDX-License-Identifier: Apache-2.0

/// A keyed hash of an identifier, stored in an indexed column instead of the identifier itself.
///
/// `HMAC-SHA256(lookupKey, label ‖ 0x00 ‖ normalized value)`, where the lookup key comes from
/// ``PersonalDataCipher`` and `label` names the ``Kind`` (`kvnr`, `telematik-id`). The label separates the domains: the
/// same string hashed as a KVNR and as a Telematik-ID gives unrelated hashes, so one kind of hash cannot be matched
/// against a column of another kind. Without the master key the hashes cannot be recomputed, so a copy of the database
/// does not reveal which rows belong to a known KVNR.
///
/// The hash is the 32 raw bytes of the HMAC (``bytes``; a `BLOB` in SQLite, `bytea` in PostgreSQL), which keeps the index
/// half the size of hex; ``hex`` gives lower-case hexadecimal for text columns and logs.
public struct LookupHash: Hashable, Sendable, CustomStringConvertible {
    /// The kind of identifier hashed, which fixes its normalisation and its domain label.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        let label: String
        let uppercases: Bool

        /// A Krankenversichertennummer: ASCII whitespace around it is removed and ASCII letters are upper-cased.
        public static let kvnr = Kind(label: "kvnr", uppercases: true)
        /// A Telematik-ID: ASCII whitespace around it is removed; case is kept, as Telematik-IDs are compared exactly.
        public static let telematikID = Kind(label: "telematik-id", uppercases: false)

        /// The domain label, for example `kvnr`.
        public var description: String { self.label }

        /// The normalised bytes of `value` for this kind.
        func normalize(_ value: String) -> [UInt8] {
            self.uppercases ? IdentifierNormalization.trimmedUppercased(value) : Array(IdentifierNormalization.trimmed(value))
        }
    }

    /// The 32 bytes of the HMAC-SHA256 output.
    public let bytes: [UInt8]

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The bytes in lower-case hexadecimal (64 characters).
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(self.bytes.count * 2)
        for byte in self.bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// ``hex``.
    public var description: String { self.hex }
}
