// SPDX-License-Identifier: Apache-2.0

public import TICrypto

/// Who calls an operation, as the access token says (spec/ref-impl.md C.3: `professionOID`, `idNummer`, names).
public struct OperationCaller: Hashable, Sendable {
    /// The profession OID of the token.
    public let professionOID: OID
    /// The workflow role of that OID; nil when it has none (every operation then answers 403).
    public let role: Role?
    /// `idNummer`: the Telematik-ID of an institution or the KVNR of an insurant.
    public let idNumber: String
    /// The display name (organisation or person) for audit entries.
    public let displayName: String

    /// Creates a caller.
    public init(professionOID: OID, idNumber: String, displayName: String) {
        self.professionOID = professionOID
        self.role = Role(professionOID: professionOID)
        self.idNumber = idNumber
        self.displayName = displayName
    }

    /// The Telematik-ID of an institution; nil for insurants or a malformed value.
    public var telematikID: TelematikID? { role == .insurant ? nil : try? TelematikID(idNumber) }

    /// The KVNR of an insurant; nil for institutions or a malformed value.
    public var kvnr: KVNR? { role == .insurant ? try? KVNR(idNumber) : nil }
}
