// SPDX-License-Identifier: Apache-2.0

extension Array where Element == UInt8 {
    /// Bytes from a hex string; spaces and newlines are ignored. Nil for odd length or a non-hex character.
    init?(hexString: String) {
        let digits = hexString.filter { !$0.isWhitespace }
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            guard let byte = UInt8(digits[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self = bytes
    }

    /// Lowercase hex.
    var hexString: String {
        self.map { byte in
            let text = String(byte, radix: 16)
            return byte < 0x10 ? "0" + text : text
        }.joined()
    }
}
