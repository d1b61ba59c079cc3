// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// `CertStatus` of an OCSP `SingleResponse` (RFC 6960 §4.2.1), also what an ``OCSPResponder`` status lookup returns.
public enum OCSPCertStatus: Hashable, Sendable {
    /// `good [0] IMPLICIT NULL`: not revoked at the time of the response.
    case good
    /// `revoked [1] IMPLICIT RevokedInfo`: revoked at `time`, with an optional reason.
    case revoked(time: Date, reason: CRLReason?)
    /// `unknown [2] IMPLICIT UnknownInfo`: the responder does not know the certificate.
    case unknown
}
