// SPDX-License-Identifier: Apache-2.0

internal import Crypto

extension TestPKI {
    /// Where keys and serial numbers come from: derived from a seed (reproducible) or random.
    struct KeyMaterial: Sendable {
        /// The seed, or `nil` for random material.
        let seed: UInt64?

        private static let salt = Array("erezept-test-pki-v1".utf8)

        /// The private key of identity `name`: HKDF-SHA256(seed, salt, "key|name|counter") as the scalar, with the
        /// counter raised until the scalar lies in [1, n-1]; a random key without a seed.
        func privateKey(for name: String) throws(TICryptoError) -> BrainpoolP256r1.Signing.PrivateKey {
            guard self.seed != nil else { return try BrainpoolP256r1.Signing.PrivateKey() }
            for counter in 0..<64 {
                let scalar = self.derive("key|\(name)|\(counter)", count: 32)
                if let key = try? BrainpoolP256r1.Signing.PrivateKey(rawRepresentation: scalar) { return key }
            }
            throw TICryptoError(.invalidKey, reason: "no valid scalar derived for \(name)")
        }

        /// A 16-byte positive serial number whose first byte is in 0x40…0x7F, so that its DER content is exactly these
        /// bytes: HKDF-SHA256(seed, salt, "serial|name"), random without a seed.
        func serialNumber(for name: String) -> [UInt8] {
            var bytes: [UInt8]
            if self.seed != nil {
                bytes = self.derive("serial|\(name)", count: 16)
            } else {
                var generator = SystemRandomNumberGenerator()
                bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
            }
            bytes[0] = bytes[0] & 0x3F | 0x40
            return bytes
        }

        private func derive(_ info: String, count: Int) -> [UInt8] {
            var seedBytes: [UInt8] = []
            let value = self.seed ?? 0
            for shift in stride(from: 56, through: 0, by: -8) { seedBytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
            let key = HKDF<SHA256>.deriveKey(
                inputKeyMaterial: SymmetricKey(data: seedBytes),
                salt: Self.salt,
                info: Array(info.utf8),
                outputByteCount: count
            )
            return key.withUnsafeBytes { Array($0) }
        }
    }
}
