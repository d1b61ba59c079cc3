// SPDX-License-Identifier: Apache-2.0

/// The Telematik-ID of an institution or health professional (`https://gematik.de/fhir/sid/telematik-id`), as found
/// in SMC-B and HBA certificates and in IDP tokens (`idNummer`).
public struct TelematikID: Hashable, Sendable, CustomStringConvertible {
    /// The naming system of Telematik-IDs in FHIR identifiers.
    public static let system = "https://gematik.de/fhir/sid/telematik-id"

    /// The longest accepted Telematik-ID.
    // Not specified in spec/fd-api.md §4.6 ("Format details not specified"); chosen: 128 characters, which is the
    // length limit gemSpec_PKI gives for the registrationNumber that carries the Telematik-ID in certificates.
    public static let maximumLength = 128

    /// The identifier, e.g. `3-SMC-B-Testkarte-883110000116873`.
    public let value: String

    /// Validates a Telematik-ID.
    ///
    /// Leading and trailing spaces are removed; what remains must be non-empty, at most ``maximumLength`` characters
    /// and printable ASCII without spaces.
    /// - Throws: ``WorkflowError/Code/invalidTelematikID``.
    public init(_ text: some StringProtocol) throws(WorkflowError) {
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        guard !bytes.isEmpty else {
            throw WorkflowError(.invalidTelematikID, reason: "Telematik-ID is empty")
        }
        guard bytes.count <= Self.maximumLength else {
            throw WorkflowError(.invalidTelematikID, reason: "Telematik-ID is longer than \(Self.maximumLength) characters")
        }
        // Not specified in spec/fd-api.md §4.6; chosen: printable ASCII (0x21–0x7E), the characters of all examples.
        guard bytes.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw WorkflowError(.invalidTelematikID, reason: "Telematik-ID contains characters outside printable ASCII")
        }
        self.value = String(decoding: bytes, as: UTF8.self)
    }

    /// A pharmacy's Telematik-ID: prefix `3-` or `9-` (A_27767-01).
    public var isPharmacy: Bool { self.value.hasPrefix("3-") || self.value.hasPrefix("9-") }

    /// A payer's (Kostenträger) Telematik-ID: prefix `8-` (A_27767-01).
    public var isPayer: Bool { self.value.hasPrefix("8-") }

    /// The identifier.
    public var description: String { self.value }
}
