// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

struct MetadataTests {
    @Test func insurantGetsTheCapabilityStatementInJSONByDefault() async throws {
        let token = try Fixture.token(for: .insurant)
        try await Fixture.withApp { client in
            try await client.execute(uri: "/metadata", method: .get, headers: Fixture.headers(token: token)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/fhir+json;charset=utf-8")
                let statement = try FHIRDecoder().decode(CapabilityStatement.self, from: Array(buffer: response.body), format: .json)
                #expect(statement.software?.name.value == "erezept")
                #expect(statement.fhirVersion.value == "4.0.1")
                #expect(statement.format.map(\.value) == ["xml", "json"])
                #expect(statement.rest.map(\.mode.value) == ["server"])
                // Task (operations, read, search), AuditEvent and MedicationDispense (search) are the resource entries so far.
                #expect(statement.rest.first?.resource.map(\.type.value) == ["Task", "AuditEvent", "MedicationDispense"])
                #expect(
                    statement.rest.first?.resource.first?.operation.map(\.name.value)
                        == ["create", "activate", "accept", "reject", "dispense", "close", "abort"]
                )
            }
        }
    }

    @Test func doctorPracticeGetsTheCapabilityStatementInXMLByDefault() async throws {
        let token = try Fixture.token(for: .doctorPractice)
        try await Fixture.withApp { client in
            try await client.execute(uri: "/metadata", method: .get, headers: Fixture.headers(token: token)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/fhir+xml;charset=utf-8")
                let statement = try FHIRDecoder().decode(CapabilityStatement.self, from: Array(buffer: response.body), format: .xml)
                #expect(statement.kind.value == "instance")
                #expect(statement.software?.name.value == "erezept")
            }
        }
    }

    @Test func capabilitiesOfRoutesAreListed() {
        let operation = Capability.Operation(name: "create", definition: "http://example.org/OperationDefinition/create")
        let statement = CapabilityStatementBuilder.statement(
            capabilities: [
                .resource("Task", interactions: ["read"]),
                .resource("Task", searchParameters: [.init(name: "status", type: "token")], operations: [operation]),
            ],
            version: "1",
            date: DateTimeValue(lexical: "2026-01-01")!
        )
        let task = statement.rest.first?.resource.first
        #expect(statement.rest.first?.resource.count == 1)
        #expect(task?.interaction.map(\.code.value) == ["read"])
        #expect(task?.searchParam.map(\.name.value) == ["status"])
        #expect(task?.operation.map(\.name.value) == ["create"])
    }
}
