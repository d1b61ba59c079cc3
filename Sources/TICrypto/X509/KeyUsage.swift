// SPDX-License-Identifier: Apache-2.0

/// The key usage extension (RFC 5280 §4.2.1.3, OID 2.5.29.15): a named BIT STRING; bit *n* is `1 << n` here.
public struct KeyUsage: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// Bit *n* of the BIT STRING is `1 << n`.
    public let rawValue: UInt16

    /// Creates a key usage from its bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `digitalSignature (0)`: e.g. C.HCI.AUT / C.HP.AUT authentication signatures.
    public static let digitalSignature = KeyUsage(rawValue: 1 << 0)
    /// `nonRepudiation (1)`, renamed `contentCommitment` by X.509 (2008): the only usage of HBA QES certificates.
    public static let nonRepudiation = KeyUsage(rawValue: 1 << 1)
    /// Alias of ``nonRepudiation`` (X.509 2008 name).
    public static let contentCommitment = nonRepudiation
    /// `keyEncipherment (2)`.
    public static let keyEncipherment = KeyUsage(rawValue: 1 << 2)
    /// `dataEncipherment (3)`.
    public static let dataEncipherment = KeyUsage(rawValue: 1 << 3)
    /// `keyAgreement (4)`: ECDH keys such as C.FD.ENC.
    public static let keyAgreement = KeyUsage(rawValue: 1 << 4)
    /// `keyCertSign (5)`: CA certificates (RFC 5280 §4.2.1.9 requires `cA` then).
    public static let keyCertSign = KeyUsage(rawValue: 1 << 5)
    /// `cRLSign (6)`.
    public static let cRLSign = KeyUsage(rawValue: 1 << 6)
    /// `encipherOnly (7)`.
    public static let encipherOnly = KeyUsage(rawValue: 1 << 7)
    /// `decipherOnly (8)`.
    public static let decipherOnly = KeyUsage(rawValue: 1 << 8)

    private static let names: [(KeyUsage, String)] = [
        (.digitalSignature, "digitalSignature"), (.nonRepudiation, "nonRepudiation"), (.keyEncipherment, "keyEncipherment"),
        (.dataEncipherment, "dataEncipherment"), (.keyAgreement, "keyAgreement"), (.keyCertSign, "keyCertSign"),
        (.cRLSign, "cRLSign"), (.encipherOnly, "encipherOnly"), (.decipherOnly, "decipherOnly"),
    ]

    /// The RFC 5280 names of the set bits, e.g. `[digitalSignature, keyAgreement]`.
    public var description: String { "[" + Self.names.filter { contains($0.0) }.map(\.1).joined(separator: ", ") + "]" }

    /// Decodes the BIT STRING content (bit 0 is the most significant bit of the first byte, X.690 §8.6.2).
    init(bitStringBytes bytes: [UInt8]) throws(TICryptoError) {
        guard bytes.count <= 2 else { throw TICryptoError(.invalidExtension, reason: "keyUsage: more than 9 bits") }
        var value: UInt16 = 0
        for (byteIndex, byte) in bytes.enumerated() {
            for bit in 0..<8 where byte & (0x80 >> bit) != 0 {
                let number = byteIndex * 8 + bit
                guard number <= 8 else { throw TICryptoError(.invalidExtension, reason: "keyUsage: unknown bit \(number)") }
                value |= 1 << number
            }
        }
        self.init(rawValue: value)
    }
}
