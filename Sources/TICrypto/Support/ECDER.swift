// SPDX-License-Identifier: Apache-2.0

/// A minimal DER (X.690) writer for the fixed EC key structures this module emits, and a strict element reader.
enum ECDER {
    /// `tag ‖ length ‖ content` with the length in minimal definite form.
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        [tag] + self.length(content.count) + content
    }

    /// A SEQUENCE of already encoded elements.
    static func sequence(_ elements: [UInt8]...) -> [UInt8] {
        self.tlv(0x30, elements.flatMap { $0 })
    }

    /// A non-negative INTEGER with big-endian magnitude `magnitude`, minimally encoded.
    static func unsignedInteger(_ magnitude: [UInt8]) -> [UInt8] {
        var value = Array(magnitude.drop { $0 == 0 })
        if value.isEmpty || value[0] & 0x80 != 0 { value.insert(0, at: 0) }
        return self.tlv(0x02, value)
    }

    /// The OID of `id-ecPublicKey` (1.2.840.10045.2.1, RFC 5480).
    static let ecPublicKeyOID: [UInt8] = [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]

    private static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var remaining = count
        while remaining > 0 {
            bytes.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    /// Reads one element with tag `tag` from `bytes[offset...]`, enforcing minimal definite lengths.
    /// - Returns: The content and the offset just after the element, or nil when malformed.
    static func read(_ tag: UInt8, from bytes: [UInt8], at offset: Int) -> (content: ArraySlice<UInt8>, end: Int)? {
        guard offset + 2 <= bytes.count, bytes[offset] == tag else { return nil }
        let first = bytes[offset + 1]
        var cursor = offset + 2
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let lengthBytes = Int(first & 0x7F)
            // Lengths above 4 bytes cannot occur in the small structures read here; 0x80 (indefinite) is not DER.
            guard (1...4).contains(lengthBytes), cursor + lengthBytes <= bytes.count, bytes[cursor] != 0 else { return nil }
            for byte in bytes[cursor..<(cursor + lengthBytes)] {
                length = length << 8 | Int(byte)
            }
            cursor += lengthBytes
            guard length >= 0x80 else { return nil }
        }
        guard length <= bytes.count - cursor else { return nil }
        return (bytes[cursor..<(cursor + length)], cursor + length)
    }
}
