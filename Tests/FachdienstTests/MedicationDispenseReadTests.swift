// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing
import Workflow

@Suite("GET /MedicationDispense (spec/fd-api.md §2.12)")
struct MedicationDispenseReadTests {
    private typealias Fixture = TaskFixture

    @Test("the insurant sees the dispenses of their prescriptions with the Medications; others see none", arguments: [FHIRFormat.json, .xml])
    func dispensesOfTheInsurant(format: FHIRFormat) async throws {
        let clock = TestClock(Fixture.now)
        try await Fixture.withClosingApp(clock: clock) { client in
            let accepted = try await Fixture.acceptedTask(client)
            let id = try #require(accepted.id?.value)
            let dispense = try await Fixture.post(
                client,
                "dispense",
                task: id,
                query: Fixture.secretQuery(accepted),
                body: try Fixture.dispenseParameters(id: id)
            )
            #expect(dispense.status.code < 300)
            let other = try await Fixture.readyTask(client)
            // Later than every other audit entry, so that the read is the newest.
            clock.advance(by: 1)
            let tokenA = try Fixture.insurantToken(Fixture.insurantA)

            let response = try await Fixture.get(client, "/MedicationDispense", token: tokenA, format: format)
            #expect(response.status == .ok)
            let bundle = try Fixture.decode(FHIR.Bundle.self, response, format: format)
            #expect(bundle.type.value == "searchset")
            #expect(bundle.total?.value == 0)
            #expect(bundle.entry.map { $0.search?.mode?.value } == ["match", "include"])
            guard case .medicationDispense(let medicationDispense) = bundle.entry.first?.resource,
                case .medication(let medication) = bundle.entry.last?.resource
            else {
                Issue.record("expected a MedicationDispense and a Medication")
                return
            }
            #expect(medicationDispense.identifier.first?.value?.value == id)
            #expect(bundle.entry.last?.fullUrl?.value == "\(Fixture.baseURL)/Medication/\(medication.id?.value ?? "")")

            let filtered = try await Fixture.get(client, "/MedicationDispense?identifier=\(PrescriptionID.system)%7C\(id)", token: tokenA)
            #expect(try Fixture.decode(FHIR.Bundle.self, filtered, format: .json).entry.count == 2)
            let none = try await Fixture.get(client, "/MedicationDispense?identifier=\(other.id?.value ?? "")", token: tokenA)
            #expect(try Fixture.decode(FHIR.Bundle.self, none, format: .json).entry.isEmpty)
            #expect(try await Fixture.get(client, "/MedicationDispense?identifier=nonsense", token: tokenA).status == .badRequest)

            let tokenB = try Fixture.insurantToken(Fixture.insurantB)
            let foreign = try await Fixture.get(client, "/MedicationDispense", token: tokenB)
            #expect(try Fixture.decode(FHIR.Bundle.self, foreign, format: .json).entry.isEmpty)
            #expect(try await Fixture.get(client, "/MedicationDispense", token: try Fixture.token(.pharmacyA)).status == .forbidden)

            // §10: the read is in the insurant's protocol.
            let events = try Fixture.decode(FHIR.Bundle.self, try await Fixture.get(client, "/AuditEvent", token: tokenA), format: .json)
            guard case .auditEvent(let latest) = events.entry.first?.resource else {
                Issue.record("expected an AuditEvent")
                return
            }
            #expect(latest.action?.value == "R")
            #expect(latest.text?.div.value?.contains("Abgabeinformationen") == true)
        }
    }
}
