// SPDX-License-Identifier: Apache-2.0

/// `CRLReason` (RFC 5280 §5.3.1), the optional `revocationReason` of an OCSP `RevokedInfo` (RFC 6960 §4.2.1).
public enum CRLReason: Int, Hashable, Sendable, CaseIterable {
    /// `unspecified (0)`.
    case unspecified = 0
    /// `keyCompromise (1)`.
    case keyCompromise = 1
    /// `cACompromise (2)`.
    case caCompromise = 2
    /// `affiliationChanged (3)`.
    case affiliationChanged = 3
    /// `superseded (4)`.
    case superseded = 4
    /// `cessationOfOperation (5)`.
    case cessationOfOperation = 5
    /// `certificateHold (6)`.
    case certificateHold = 6
    /// `removeFromCRL (8)`.
    case removeFromCRL = 8
    /// `privilegeWithdrawn (9)`.
    case privilegeWithdrawn = 9
    /// `aACompromise (10)`.
    case aaCompromise = 10

    /// The ASN.1 name of RFC 5280 §5.3.1, e.g. `keyCompromise`; the form `revocations.json` and the CLI use.
    public var name: String {
        switch self {
        case .unspecified: "unspecified"
        case .keyCompromise: "keyCompromise"
        case .caCompromise: "cACompromise"
        case .affiliationChanged: "affiliationChanged"
        case .superseded: "superseded"
        case .cessationOfOperation: "cessationOfOperation"
        case .certificateHold: "certificateHold"
        case .removeFromCRL: "removeFromCRL"
        case .privilegeWithdrawn: "privilegeWithdrawn"
        case .aaCompromise: "aACompromise"
        }
    }

    /// The reason with the ASN.1 name `name` (see ``name``); nil for any other text.
    public init?(name: String) {
        guard let reason = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = reason
    }
}
