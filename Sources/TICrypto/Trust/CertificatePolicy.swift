// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// What a ``CertificatePathValidator`` requires of a leaf certificate beyond a valid path.
public struct CertificatePolicy: Hashable, Sendable {
    /// How the revocation status of the leaf is checked.
    public enum RevocationMode: Hashable, Sendable {
        /// No OCSP check; ``RevocationStatus/notChecked``.
        case notChecked
        /// A valid, fresh OCSP response covering the leaf is required (`revocationStatusUnknown` without one).
        case required
        /// An OCSP response covering the leaf is checked when one is given; without one the path passes with
        /// ``RevocationStatus/notAvailable``. A given response that fails its checks still fails the validation.
        case ifAvailable
    }

    /// keyUsage bits the leaf must have (all of them); empty for no requirement.
    public var requiredKeyUsage: KeyUsage
    /// Profession OIDs of which the leaf's Admission must name at least one; nil for no Admission requirement.
    public var allowedProfessionOIDs: Set<OID>?
    /// The revocation check.
    public var revocationMode: RevocationMode
    /// The OCSP grace period: how long before the reference time `producedAt`/`thisUpdate` may lie.
    public var ocspMaximumAge: TimeInterval
    /// Tolerated clock difference between responder and validator.
    public var clockSkew: TimeInterval

    /// Creates a policy.
    public init(
        requiredKeyUsage: KeyUsage = [],
        allowedProfessionOIDs: Set<OID>? = nil,
        revocationMode: RevocationMode = .required,
        ocspMaximumAge: TimeInterval = 12 * 3_600,
        clockSkew: TimeInterval = 300
    ) {
        self.requiredKeyUsage = requiredKeyUsage
        self.allowedProfessionOIDs = allowedProfessionOIDs
        self.revocationMode = revocationMode
        self.ocspMaximumAge = ocspMaximumAge
        self.clockSkew = clockSkew
    }

    /// The QES of a prescription (C.HP.QES): nonRepudiation, OCSP required with a 12 h grace period, and by default
    /// the professions `oid_arzt` and `oid_zahnarzt` (gemSpec_FD_eRp A_19225, spec/ref-impl.md A.6, E.1).
    public static func qes(allowedProfessionOIDs: Set<OID> = [TelematikOID.arzt, TelematikOID.zahnarzt]) -> CertificatePolicy {
        CertificatePolicy(requiredKeyUsage: .nonRepudiation, allowedProfessionOIDs: allowedProfessionOIDs, ocspMaximumAge: 12 * 3_600)
    }

    /// An SMC-B signature (C.HCI.OSIG): nonRepudiation, OCSP required with a 12 h grace period.
    public static let smcbOSIG = CertificatePolicy(requiredKeyUsage: .nonRepudiation, ocspMaximumAge: 12 * 3_600)

    /// The Fachdienst signature (C.FD.SIG): digitalSignature, OCSP required with a 24 h grace period.
    public static let fdSig = CertificatePolicy(requiredKeyUsage: .digitalSignature, ocspMaximumAge: 24 * 3_600)
}
