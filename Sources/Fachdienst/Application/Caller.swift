// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto
public import Workflow

/// The authenticated party of a request, taken from a verified IDP access token (spec/ref-impl.md C.3).
public struct Caller: Hashable, Sendable {
    /// How the caller is identified: an insurant by KVNR, an institution by Telematik-ID.
    public enum Identifier: Hashable, Sendable, CustomStringConvertible {
        /// An insurant's KVNR (`idNummer` of a token with `oid_versicherter`).
        case kvnr(KVNR)
        /// An institution's Telematik-ID (`idNummer` of every other token).
        case telematikID(TelematikID)

        /// The identifier's value.
        public var description: String {
            switch self {
            case .kvnr(let kvnr): kvnr.value
            case .telematikID(let telematikID): telematikID.value
            }
        }
    }

    /// The workflow role derived from ``professionOID``.
    public let role: Role
    /// The token's `professionOID`.
    public let professionOID: OID
    /// The token's `idNummer`, parsed.
    public let identifier: Identifier
    /// The display name (`display_name`, else `given_name family_name`), for AuditEvent agents.
    public let displayName: String?
    /// The token's `organizationName`.
    public let organizationName: String?
    /// The token's pairwise subject `sub`.
    public let subject: String
    /// The token's expiry `exp`.
    public let expiresAt: Date

    /// Creates a caller.
    public init(
        role: Role,
        professionOID: OID,
        identifier: Identifier,
        displayName: String?,
        organizationName: String?,
        subject: String,
        expiresAt: Date
    ) {
        self.role = role
        self.professionOID = professionOID
        self.identifier = identifier
        self.displayName = displayName
        self.organizationName = organizationName
        self.subject = subject
        self.expiresAt = expiresAt
    }
}
