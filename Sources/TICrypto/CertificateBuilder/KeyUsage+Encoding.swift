// SPDX-License-Identifier: Apache-2.0

extension KeyUsage {
    /// The DER named BIT STRING content: trailing zero bits removed (X.690 §11.2.2), bit 0 the first byte's high bit.
    var bitStringEncoding: (bytes: [UInt8], unusedBits: Int) {
        guard let highest = (0...8).last(where: { self.rawValue & (1 << $0) != 0 }) else { return ([], 0) }
        let byteCount = highest / 8 + 1
        var bytes = [UInt8](repeating: 0, count: byteCount)
        for bit in 0...highest where self.rawValue & (1 << bit) != 0 {
            bytes[bit / 8] |= 0x80 >> UInt8(bit % 8)
        }
        return (bytes, byteCount * 8 - highest - 1)
    }
}
