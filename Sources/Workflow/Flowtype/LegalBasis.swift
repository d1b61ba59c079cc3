// SPDX-License-Identifier: Apache-2.0

/// The KBV legal-basis code of a prescription (`KBV_CS_SFHIR_KBV_STATUSKENNZEICHEN`, two digits), as far as the
/// workflow rules look at it (spec/fd-api.md §6 steps 14 and 15).
public struct LegalBasis: Hashable, Sendable, CustomStringConvertible {
    /// The two-digit code, e.g. `"04"`.
    public let code: String

    /// Wraps a code.
    public init(code: String) {
        self.code = code
    }

    /// A discharge prescription (Entlassrezept): codes 04 and 14 (A_19517-04, A_22629).
    public var isDischargePrescription: Bool { ["04", "14"].contains(self.code) }

    /// A replacement prescription (Ersatzverordnung): codes 10, 11 and 17 (§6 step 14).
    public var isReplacementPrescription: Bool { ["10", "11", "17"].contains(self.code) }

    /// The code.
    public var description: String { self.code }
}
