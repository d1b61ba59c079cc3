// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing
import Workflow

@Suite("GET /AuditEvent (spec/fd-api.md §2.13, §10)")
struct AuditEventReadTests {
    private typealias Fixture = TaskFixture

    private static func auditEvents(_ bundle: FHIR.Bundle) -> [AuditEvent] {
        bundle.entry.compactMap { entry in
            guard case .auditEvent(let event) = entry.resource else { return nil }
            return event
        }
    }

    @Test("activate, accept and reads appear in the insurant's protocol, newest first, and only there", arguments: [FHIRFormat.json, .xml])
    func protocolOfTheInsurant(format: FHIRFormat) async throws {
        let clock = TestClock(Fixture.now)
        try await Fixture.withApp(clock: clock) { client in
            let draft = try await Fixture.readyTask(client)
            let id = try #require(draft.id?.value)
            clock.advance(by: 1)
            let accepted = try Fixture.decode(FHIR.Bundle.self, try await Fixture.accept(client, task: draft, at: clock.now), format: .json)
            let secret = try #require(Fixture.tasks(accepted).first.flatMap { Fixture.identifier($0, Secret.system) })
            clock.advance(by: 1)
            let tokenA = try Fixture.insurantToken(Fixture.insurantA, at: clock.now)
            #expect(try await Fixture.get(client, "/Task/\(id)", token: tokenA).status == .ok)
            clock.advance(by: 1)
            let secretRead = try await Fixture.get(client, "/Task/\(id)?secret=\(secret)", token: try Fixture.token(.pharmacyA, at: clock.now))
            #expect(secretRead.status == .ok)
            _ = try await Fixture.readyTask(client, for: Fixture.insurantB)

            let response = try await Fixture.get(client, "/AuditEvent", token: tokenA, format: format)
            #expect(response.status == .ok)
            let bundle = try Fixture.decode(FHIR.Bundle.self, response, format: format)
            #expect(bundle.type.value == "searchset")
            let events = Self.auditEvents(bundle)
            #expect(events.map { $0.action?.value } == ["R", "R", "U", "C"])
            #expect(events.map { $0.subtype.first?.code?.value } == ["read", "read", "update", "create"])
            #expect(events.allSatisfy { $0.entity.first?.name?.value == Fixture.insurantA })
            #expect(events.allSatisfy { $0.entity.first?.description?.value == id })

            let created = try #require(events.last)
            #expect(created.meta?.profile.first?.value == AuditEventResource.profile)
            #expect(created.type.code?.value == "rest")
            #expect(created.outcome?.value == "0")
            #expect(created.source.site?.value == "E-Rezept Fachdienst")
            #expect(created.source.observer.reference?.value == "Device/1")
            #expect(created.agent.first?.type?.coding.first?.code?.value == "humanuser")
            #expect(created.agent.first?.requestor.value == false)
            #expect(created.agent.first?.who?.identifier?.system?.value == TelematikID.system)
            #expect(created.agent.first?.who?.identifier?.value?.value == TaskFixture.Party.practiceA.idNummer)
            #expect(created.entity.first?.what?.reference?.value == "\(Fixture.baseURL)/Task/\(id)")
            #expect(created.text?.div.value?.contains(id) == true)
            #expect(events.first?.agent.first?.who?.identifier?.value?.value == TaskFixture.Party.pharmacyA.idNummer)
            #expect(events[1].agent.first?.who?.identifier?.system?.value == KVNR.system)

            // Insurant B sees only the entry of their own task.
            let other = try await Fixture.get(
                client,
                "/AuditEvent",
                token: try Fixture.insurantToken(Fixture.insurantB, at: clock.now),
                format: format
            )
            let otherEvents = Self.auditEvents(try Fixture.decode(FHIR.Bundle.self, other, format: format))
            #expect(otherEvents.count == 1)
            #expect(otherEvents.allSatisfy { $0.entity.first?.name?.value == Fixture.insurantB && $0.entity.first?.description?.value != id })
        }
    }

    @Test("_count and __offset page the protocol with self, next and first links; other roles get 403")
    func pagingAndRoles() async throws {
        try await Fixture.withApp { client in
            _ = try await Fixture.readyTask(client)
            _ = try await Fixture.readyTask(client)
            let token = try Fixture.insurantToken(Fixture.insurantA)
            let first = try Fixture.decode(FHIR.Bundle.self, try await Fixture.get(client, "/AuditEvent?_count=1", token: token), format: .json)
            #expect(Self.auditEvents(first).count == 1)
            #expect(first.total?.value == 0)
            #expect(Fixture.link(first, "self") == "\(Fixture.baseURL)/AuditEvent?_count=1&__offset=0")
            #expect(Fixture.link(first, "next") == "\(Fixture.baseURL)/AuditEvent?_count=1&__offset=1")
            #expect(Fixture.link(first, "first") == "\(Fixture.baseURL)/AuditEvent?_count=1&__offset=0")
            let second = try Fixture.decode(
                FHIR.Bundle.self,
                try await Fixture.get(client, "/AuditEvent?_count=1&__offset=1", token: token),
                format: .json
            )
            #expect(Self.auditEvents(second).count == 1)
            #expect(Fixture.link(second, "next") == nil)
            #expect(Self.auditEvents(second).first?.id != Self.auditEvents(first).first?.id)

            let sorted = try Fixture.decode(FHIR.Bundle.self, try await Fixture.get(client, "/AuditEvent?_sort=-date", token: token), format: .json)
            #expect(Fixture.link(sorted, "self") == "\(Fixture.baseURL)/AuditEvent?_sort=-date&_count=50&__offset=0")
            #expect(try await Fixture.get(client, "/AuditEvent?_sort=date", token: token).status == .badRequest)
            #expect(try await Fixture.get(client, "/AuditEvent?entity=160.000.000.000.999.45", token: token).status == .badRequest)

            for party in [TaskFixture.Party.pharmacyA, .practiceA] {
                #expect(try await Fixture.get(client, "/AuditEvent", token: try Fixture.token(party)).status == .forbidden)
            }
        }
    }
}
