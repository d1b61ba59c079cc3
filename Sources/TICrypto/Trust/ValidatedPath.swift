// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// The result of a successful ``CertificatePathValidator`` run.
public struct ValidatedPath: Hashable, Sendable {
    /// The path from the leaf (first) to the trust anchor (last); one element when the leaf is itself an anchor.
    public let certificates: [TelematikCertificate]
    /// The revocation status of the leaf.
    public let revocationStatus: RevocationStatus
    /// The time the path was validated at (for a QES its signing time).
    public let referenceTime: Date

    /// The leaf certificate.
    public var leaf: TelematikCertificate { certificates[0] }
    /// The trust anchor that ends the path.
    public var anchor: TelematikCertificate { certificates[certificates.count - 1] }
}
