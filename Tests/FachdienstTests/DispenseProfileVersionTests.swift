// SPDX-License-Identifier: Apache-2.0

import FHIR
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The resources of a `$dispense` or `$close` body must declare workflow profile versions accepted on the day
/// (spec/fd-api.md §1.4: on 2026-11-21 workflow 1.6); anything else is refused as an unknown or unexpected profile.
@Suite("$dispense and $close refuse workflow profiles not accepted today (spec/fd-api.md §1.4)")
struct DispenseProfileVersionTests {
    /// The example body with one profile declaration changed.
    static func body(id: String, replacing old: String, with new: String) throws -> FHIR.Parameters {
        let parameters = try TaskFixture.dispenseParameters(id: id)
        var text = String(decoding: FHIREncoder(format: .json).encode(parameters), as: UTF8.self)
        #expect(text.contains(old), "the example declares \(old)")
        text = text.replacingOccurrences(of: old, with: new)
        return try FHIRDecoder().decode(FHIR.Parameters.self, from: Array(text.utf8), format: .json)
    }

    static let cases: [(String, String)] = [
        ("GEM_ERP_PR_MedicationDispense|1.6", "GEM_ERP_PR_MedicationDispense|1.4"),
        ("GEM_ERP_PR_MedicationDispense|1.6", "GEM_ERP_PR_MedicationDispense"),
        ("GEM_ERP_PR_Medication|1.6", "GEM_ERP_PR_Medication|1.5"),
        ("GEM_ERP_PR_PAR_DispenseOperation_Input|1.6", "GEM_ERP_PR_PAR_DispenseOperation_Input|1.3"),
        ("GEM_ERP_PR_MedicationDispense|1.6", "GEM_ERP_PR_Task|1.6"),
    ]

    @Test("400 SVC_VALIDATION_FAILED for $dispense and $close, and the task stays in progress without dispenses", arguments: cases)
    func refused(old: String, new: String) async throws {
        try await TaskFixture.withClosingApp { client in
            let task = try await TaskFixture.acceptedTask(client)
            let id = try #require(task.id?.value)
            let secret = TaskFixture.secretQuery(task)
            let wrong = try Self.body(id: id, replacing: old, with: new)
            for operation in ["dispense", "close"] {
                let refused = try await TaskFixture.post(client, operation, task: id, query: secret, body: wrong)
                #expect(refused.status == .badRequest, "\(operation) with \(new)")
                #expect(try TaskFixture.detailCode(refused) == "SVC_VALIDATION_FAILED")
            }
            // Nothing was stored: $close without a body still finds no dispenses (A_24287-01: 403).
            let close = try await TaskFixture.post(client, "close", task: id, query: secret, body: nil)
            #expect(close.status == .forbidden)
            // The unchanged example is accepted.
            let accepted = try await TaskFixture.post(client, "dispense", task: id, query: secret, body: TaskFixture.dispenseParameters(id: id))
            #expect(accepted.status == .noContent)
        }
    }
}
