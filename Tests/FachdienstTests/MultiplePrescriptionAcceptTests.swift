// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Workflow

@Suite("$accept of a Mehrfachverordnung part waits for the start of its period (A_22635-02)")
struct MultiplePrescriptionAcceptTests {
    private typealias Fixture = TaskFixture

    @Test("a part whose period starts on 2026-12-21 activates, is refused with 403 before, and accepted from that day")
    func notYetRedeemable() async throws {
        let clock = TestClock(Fixture.now)
        try await Fixture.withApp(clock: clock) { client in
            let draft = try await Fixture.create(client)
            let id = try #require(draft.id?.value)
            let text = try Fixture.multiplePrescriptionText(
                id: id,
                replacing: [("<start value=\"2026-11-21\"/>", "<start value=\"2026-12-21\"/>")]
            )
            #expect(text.contains("<start value=\"2026-12-21\"/>"))
            let activated = try await Fixture.activate(client, task: draft, qes: try Fixture.qes(text: text))
            #expect(activated.status == .ok)
            let ready = try Fixture.decode(FHIR.Task.self, activated, format: .json)

            let early = try await Fixture.accept(client, task: ready)
            #expect(early.status == .forbidden)
            let issue = try Fixture.issue(early, format: .json)
            #expect(issue.details?.text?.value?.contains("ist ab 21.12.2026 einlösbar") == true, "\(issue)")

            // 2026-12-21 09:30 in Berlin: the first day of the period.
            clock.advance(by: 30 * 86_400)
            let onTime = try await Fixture.accept(client, task: ready, at: clock.now)
            #expect(onTime.status == .ok)
        }
    }

    @Test("a part whose period starts today is accepted")
    func redeemableToday() async throws {
        try await Fixture.withApp { client in
            let draft = try await Fixture.create(client)
            let id = try #require(draft.id?.value)
            let activated = try await Fixture.activate(client, task: draft, qes: try Fixture.qes(text: try Fixture.multiplePrescriptionText(id: id)))
            #expect(activated.status == .ok)
            let accepted = try await Fixture.accept(client, task: try Fixture.decode(FHIR.Task.self, activated, format: .json))
            #expect(accepted.status == .ok)
        }
    }
}
