// SPDX-License-Identifier: Apache-2.0

/// The revocation status of a validated leaf certificate at the reference time.
public enum RevocationStatus: Hashable, Sendable {
    /// The policy asked for no check (or the leaf is itself a trust anchor).
    case notChecked
    /// The policy checks only when a response is available, and none covering the leaf was given.
    case notAvailable
    /// A verified, fresh OCSP response says `good`.
    case good(OCSPSingleResponse)
    /// A verified OCSP response says `revoked`, but only after the reference time: a signature made at the reference
    /// time (the QES signing time) stays valid.
    case revokedAfterReferenceTime(OCSPSingleResponse)
}
