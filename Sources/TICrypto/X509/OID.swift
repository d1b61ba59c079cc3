// SPDX-License-Identifier: Apache-2.0

/// An ASN.1 OBJECT IDENTIFIER (ITU-T X.660), kept as its arcs.
///
/// `TICrypto` exposes its own OID type so that callers (workflow role checks, path validation) can compare
/// certificate OIDs with the telematics constants in ``TelematikOID`` without importing an ASN.1 library.
/// Written and parsed in dotted decimal form, e.g. `"1.2.276.0.76.4.30"`.
public struct OID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The arcs of the identifier, e.g. `[1, 2, 276, 0, 76, 4, 30]`.
    public let arcs: [UInt]

    /// Creates an OID from its arcs.
    /// - Parameter arcs: at least two arcs, as X.690 §8.19 requires for an encodable identifier.
    /// - Returns: `nil` when fewer than two arcs are given or the first two arcs are out of range (X.690 §8.19.4).
    public init?(arcs: [UInt]) {
        guard arcs.count >= 2, arcs[0] <= 2, arcs[0] == 2 || arcs[1] < 40 else { return nil }
        self.arcs = arcs
    }

    /// Parses dotted decimal notation, e.g. `"1.3.36.8.3.3"`.
    /// - Parameter dotted: the identifier; no leading, trailing or doubled dots, no signs or spaces.
    /// - Returns: `nil` when the text is not a valid dotted OID.
    public init?(dotted: some StringProtocol) {
        var arcs: [UInt] = []
        for part in dotted.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let arc = UInt(part) else { return nil }
            arcs.append(arc)
        }
        self.init(arcs: arcs)
    }

    /// Creates an OID from a literal; traps on an invalid literal (a programming error, never input data).
    public init(stringLiteral value: String) {
        guard let oid = OID(dotted: value) else { preconditionFailure("invalid OID literal \(value)") }
        self = oid
    }

    /// The dotted decimal form, e.g. `"1.2.276.0.76.4.30"`.
    public var dotted: String { arcs.map(String.init).joined(separator: ".") }

    /// The dotted decimal form.
    public var description: String { dotted }

    /// Orders arc by arc (numerically), so `1.2.9 < 1.2.10`.
    public static func < (lhs: OID, rhs: OID) -> Bool {
        lhs.arcs.lexicographicallyPrecedes(rhs.arcs)
    }
}
