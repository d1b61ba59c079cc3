// SPDX-License-Identifier: Apache-2.0

internal import Crypto

/// The Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, as JOSE `ECDH-ES` derives keys (RFC 7518 §4.6.2).
///
/// `OtherInfo = AlgorithmID ‖ PartyUInfo ‖ PartyVInfo ‖ SuppPubInfo` with each of the first three prefixed by its
/// 32-bit big-endian length, `SuppPubInfo` = key length in bits (32-bit big-endian) and an empty `SuppPrivInfo`; the
/// key is the leading bits of `SHA-256(counter ‖ Z ‖ OtherInfo)` for counter = 1, 2, …. For direct key agreement the
/// AlgorithmID is the `enc` value, for the gematik IDP `A256GCM` with 256 bits (spec/ref-impl.md C.2).
public enum ConcatKDF {
    /// The largest key length accepted, in bits; JOSE never asks for more than 512.
    private static let maximumKeyBitLength = 8192

    /// The `keyBitLength / 8`-byte key derived from the shared secret `sharedSecret` (Z).
    /// - Parameters:
    ///   - sharedSecret: Z, the ECDH shared secret. Secret.
    ///   - algorithmID: The `enc` value for `ECDH-ES` (for example `A256GCM`), else the `alg` value.
    ///   - partyUInfo: The decoded `apu`, empty when absent.
    ///   - partyVInfo: The decoded `apv`, empty when absent.
    ///   - keyBitLength: The key length in bits, a positive multiple of 8 of at most 8192.
    /// - Throws: `invalidParameter` for another key length.
    public static func deriveKey(
        sharedSecret: some Collection<UInt8>,
        algorithmID: String,
        partyUInfo: some Collection<UInt8> = [UInt8](),
        partyVInfo: some Collection<UInt8> = [UInt8](),
        keyBitLength: Int
    ) throws(TICryptoError) -> [UInt8] {
        guard keyBitLength > 0, keyBitLength.isMultiple(of: 8), keyBitLength <= self.maximumKeyBitLength else {
            throw TICryptoError(.invalidParameter, reason: "Concat KDF key length must be a positive multiple of 8 bits up to 8192")
        }
        let otherInfo =
            self.lengthPrefixed(Array(algorithmID.utf8)) + self.lengthPrefixed(Array(partyUInfo))
            + self.lengthPrefixed(Array(partyVInfo)) + self.bigEndian(UInt32(keyBitLength))
        let secret = Array(sharedSecret)
        var key: [UInt8] = []
        var counter: UInt32 = 1
        while key.count * 8 < keyBitLength {
            var hasher = SHA256()
            hasher.update(data: self.bigEndian(counter))
            hasher.update(data: secret)
            hasher.update(data: otherInfo)
            key += Array(hasher.finalize())
            counter += 1
        }
        return Array(key.prefix(keyBitLength / 8))
    }

    private static func lengthPrefixed(_ bytes: [UInt8]) -> [UInt8] {
        self.bigEndian(UInt32(truncatingIfNeeded: bytes.count)) + bytes
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }
}
