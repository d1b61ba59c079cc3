// SPDX-License-Identifier: Apache-2.0

/// Base64url without padding, the encoding of every JOSE segment and of JWK coordinates (RFC 7515 §2 and Appendix C,
/// RFC 4648 §5).
///
/// Decoding is strict, so that each byte string has exactly one textual form: padding (`=`), whitespace, characters
/// outside `A–Z a–z 0–9 - _`, a length of 1 mod 4, and non-zero unused bits in the last character are all refused.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The base64url text of `bytes`, without padding.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let input = Array(bytes)
        let count = (input.count * 4 + 2) / 3
        return String(unsafeUninitializedCapacity: count) { output in
            var written = 0
            func put(_ group: UInt32, _ shift: UInt32) {
                output[written] = self.alphabet[Int((group >> shift) & 0x3F)]
                written += 1
            }
            var index = 0
            while index + 3 <= input.count {
                let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
                put(group, 18)
                put(group, 12)
                put(group, 6)
                put(group, 0)
                index += 3
            }
            switch input.count - index {
            case 1:
                let group = UInt32(input[index]) << 16
                put(group, 18)
                put(group, 12)
            case 2:
                let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
                put(group, 18)
                put(group, 12)
                put(group, 6)
            default:
                break
            }
            return written
        }
    }

    /// The bytes of the unpadded base64url text `text`.
    /// - Throws: `invalidEncoding` for padding, a character outside the base64url alphabet, a length of 1 mod 4, or
    ///   non-zero unused trailing bits (a non-canonical encoding).
    public static func decode(_ text: some StringProtocol) throws(TICryptoError) -> [UInt8] {
        try self.decode(utf8: text.utf8)
    }

    /// The bytes of unpadded base64url given as UTF-8 (ASCII) bytes; see ``decode(_:)``.
    static func decode(utf8 text: some Collection<UInt8>) throws(TICryptoError) -> [UInt8] {
        let characters = Array(text)
        guard characters.count % 4 != 1 else {
            throw TICryptoError(.invalidEncoding, reason: "base64url text of \(characters.count) characters is truncated")
        }
        var output: [UInt8] = []
        output.reserveCapacity(characters.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bitCount = 0
        for character in characters {
            guard let value = self.value(of: character) else {
                throw TICryptoError(.invalidEncoding, reason: "byte 0x\(String(character, radix: 16)) is not base64url (no padding)")
            }
            accumulator = (accumulator << 6 | UInt32(value)) & 0xFFFF
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
            }
        }
        // 2 or 4 bits are left over for 2- or 3-character tails; RFC 4648 §3.5 canonical form wants them zero.
        guard accumulator & ((1 << UInt32(bitCount)) - 1) == 0 else {
            throw TICryptoError(.invalidEncoding, reason: "base64url text has non-zero trailing bits (non-canonical)")
        }
        return output
    }

    /// The 6-bit value of one base64url character, nil for anything else.
    private static func value(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
