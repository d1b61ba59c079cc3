// SPDX-License-Identifier: Apache-2.0

/// The basic constraints extension (RFC 5280 §4.2.1.9, OID 2.5.29.19).
public struct BasicConstraints: Hashable, Sendable {
    /// `cA`: whether the subject is a CA (DEFAULT FALSE).
    public let isCA: Bool
    /// `pathLenConstraint`: the maximum number of non-self-issued intermediate certificates below this CA.
    public let pathLengthConstraint: Int?

    /// Creates basic constraints.
    public init(isCA: Bool, pathLengthConstraint: Int?) {
        self.isCA = isCA
        self.pathLengthConstraint = pathLengthConstraint
    }
}
