// SPDX-License-Identifier: Apache-2.0

/// An ECDSA signature (r, s) over a 256-bit curve (brainpoolP256r1 or P-256).
///
/// Two encodings: ``derRepresentation``, the X9.62 `Ecdsa-Sig-Value` SEQUENCE used in CMS and X.509, and
/// ``rawRepresentation``, `r ‖ s` with each left-padded to 32 bytes, the JOSE form (RFC 7518 §3.4) used by the
/// gematik IDP for `BP256R1` tokens (spec/ref-impl.md C.5).
public struct ECDSASignature: Hashable, Sendable {
    /// The component byte length of a 256-bit curve.
    private static let componentByteCount = 32

    /// `r ‖ s`, 64 bytes.
    public let rawRepresentation: [UInt8]

    /// A signature from its JOSE form `r ‖ s` (exactly 64 bytes).
    /// - Throws: `invalidSignature` for any other length.
    public init(rawRepresentation: some Collection<UInt8>) throws(TICryptoError) {
        let bytes = Array(rawRepresentation)
        guard bytes.count == 2 * Self.componentByteCount else {
            throw TICryptoError(.invalidSignature, reason: "expected 64 bytes r‖s, got \(bytes.count)")
        }
        self.rawRepresentation = bytes
    }

    /// A signature from strict DER `SEQUENCE { r INTEGER, s INTEGER }`.
    /// - Throws: `invalidSignature` for BER leniencies (long-form or non-minimal lengths, padded or negative
    ///   integers), trailing bytes, or a component wider than 32 bytes.
    public init(derRepresentation: some Collection<UInt8>) throws(TICryptoError) {
        let bytes = Array(derRepresentation)
        guard let sequence = ECDER.read(0x30, from: bytes, at: 0), sequence.end == bytes.count else {
            throw TICryptoError(.invalidSignature, reason: "not a DER SEQUENCE without trailing bytes")
        }
        let start = sequence.content.startIndex
        guard let r = Self.readInteger(bytes, at: start),
            let s = Self.readInteger(bytes, at: r.end),
            s.end == sequence.content.endIndex
        else {
            throw TICryptoError(.invalidSignature, reason: "not two minimal non-negative INTEGERs of at most 32 bytes")
        }
        self.rawRepresentation = r.value + s.value
    }

    /// `r`, 32 bytes big-endian.
    public var r: [UInt8] { Array(self.rawRepresentation.prefix(Self.componentByteCount)) }

    /// `s`, 32 bytes big-endian.
    public var s: [UInt8] { Array(self.rawRepresentation.suffix(Self.componentByteCount)) }

    /// Strict DER `SEQUENCE { r INTEGER, s INTEGER }`.
    public var derRepresentation: [UInt8] {
        ECDER.sequence(ECDER.unsignedInteger(self.r), ECDER.unsignedInteger(self.s))
    }

    /// One minimal, non-negative INTEGER of at most 32 magnitude bytes, returned left-padded to 32 bytes.
    private static func readInteger(_ bytes: [UInt8], at offset: Int) -> (value: [UInt8], end: Int)? {
        guard let element = ECDER.read(0x02, from: bytes, at: offset) else { return nil }
        var content = element.content
        guard let first = content.first, first & 0x80 == 0 else { return nil }
        if first == 0x00, content.count > 1 {
            // A leading zero is only allowed (and required) before a byte with the high bit set.
            guard content[content.startIndex + 1] & 0x80 != 0 else { return nil }
            content = content.dropFirst()
        }
        guard content.count <= Self.componentByteCount else { return nil }
        return ([UInt8](repeating: 0, count: Self.componentByteCount - content.count) + content, element.end)
    }
}
