// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// One entry of an insurant's access protocol, rendered as a FHIR `AuditEvent` (spec/fd-api.md §10, A_19296-04,
/// A_19284-14). Stored in the same transaction as the change it records.
public struct AuditRecord: Equatable, Sendable {
    /// The restful interaction, `AuditEvent.subtype` and `action` (C, R, U, D).
    public enum Action: String, Hashable, Sendable, CaseIterable {
        case create = "C"
        case read = "R"
        case update = "U"
        case delete = "D"
    }

    /// The `AuditEvent.id`.
    public let id: UUID
    /// The insurant the protocol belongs to (`entity.name`); the store indexes it by keyed hash only.
    public let insurant: KVNR
    /// The affected prescription (`entity.description`), if any.
    public let prescriptionID: PrescriptionID?
    /// The interaction.
    public let action: Action
    /// `agent.name`: the caller's display name.
    public let agentName: String
    /// `agent.who`: the caller's Telematik-ID or KVNR.
    public let agentID: String
    /// `recorded`.
    public let recorded: Date
    /// The plain-language text (`AuditEvent.text`), German.
    public let text: String

    /// Creates a record.
    public init(
        id: UUID = UUID(),
        insurant: KVNR,
        prescriptionID: PrescriptionID?,
        action: Action,
        agentName: String,
        agentID: String,
        recorded: Date,
        text: String
    ) {
        self.id = id
        self.insurant = insurant
        self.prescriptionID = prescriptionID
        self.action = action
        self.agentName = agentName
        self.agentID = agentID
        self.recorded = recorded
        self.text = text
    }
}
