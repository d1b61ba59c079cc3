// SPDX-License-Identifier: Apache-2.0

/// The 256-bit value behind an ``AccessCode`` or a ``Secret``: 32 bytes, written as 64 lower-case hex digits.
///
/// Comparison runs in time independent of where the values differ, so that a caller probing codes learns nothing
/// from response times.
struct HexToken: Sendable {
    static let byteCount = 32

    let bytes: [UInt8]

    init(bytes: [UInt8]) {
        precondition(bytes.count == Self.byteCount)
        self.bytes = bytes
    }

    /// Parses exactly 64 lower-case hex digits (`[0-9a-f]{64}`); `nil` otherwise.
    init?(hex text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 2 * Self.byteCount else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount)
        var index = 0
        while index < utf8.count {
            guard let high = Self.nibble(utf8[index]), let low = Self.nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.bytes = bytes
    }

    /// 256 random bits from `generator`.
    static func random(using generator: inout some RandomNumberGenerator) -> HexToken {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount)
        for _ in 0..<(Self.byteCount / 8) {
            let word = generator.next() as UInt64
            for shift in stride(from: 0, to: 64, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return HexToken(bytes: bytes)
    }

    /// The 64 lower-case hex digits.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var utf8: [UInt8] = []
        utf8.reserveCapacity(2 * Self.byteCount)
        for byte in self.bytes {
            utf8.append(digits[Int(byte >> 4)])
            utf8.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Compares all 32 bytes without an early exit: the OR of the XORs is zero only if every byte is equal.
    func constantTimeEquals(_ other: HexToken) -> Bool {
        guard self.bytes.count == other.bytes.count else { return false }
        var difference: UInt8 = 0
        for index in 0..<self.bytes.count {
            difference |= self.bytes[index] ^ other.bytes[index]
        }
        return difference == 0
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
