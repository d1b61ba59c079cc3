// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Workflow

/// Routes that fail on purpose, to see how errors are rendered.
struct FailingRoute: FachdienstRoute {
    struct SecretError: Error, CustomStringConvertible {
        var description: String { "database password is hunter2" }
    }

    var capabilities: [Capability] { [] }

    func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        [
            FachdienstEndpoint(.post, "/test/decode") { request, context in
                context.response(try await context.decode(Parameters.self, from: request))
            },
            FachdienstEndpoint(.post, "/test/workflow/:id") { _, _ in
                throw WorkflowError(.taskStatusConflict, reason: "Task has invalid status completed")
            },
            FachdienstEndpoint(.get, "/test/internal") { _, _ in throw SecretError() },
        ]
    }
}

struct ErrorRenderingTests {
    static let routes: [any FachdienstRoute] = FachdienstRoutes.all + [FailingRoute()]

    @Test func unknownRouteGets404WithOperationOutcome() async throws {
        let token = try Fixture.token(for: .insurant)
        try await Fixture.withApp { client in
            try await client.execute(uri: "/Nothing/here", method: .get, headers: Fixture.headers(token: token)) { response in
                #expect(response.status == .notFound)
                let issue = try Fixture.issue(response, format: .json)
                #expect(issue.code.value == "not-found")
            }
        }
    }

    @Test func wrongMethodGets405() async throws {
        let token = try Fixture.token(for: .doctorPractice)
        try await Fixture.withApp { client in
            try await client.execute(uri: "/metadata", method: .delete, headers: Fixture.headers(token: token)) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                let issue = try Fixture.issue(response)
                #expect(issue.code.value == "not-supported")
            }
        }
    }

    @Test func invalidBodyGets400WithPath() async throws {
        let token = try Fixture.token(for: .doctorPractice)
        try await Fixture.withApp(routes: Self.routes) { client in
            let headers = Fixture.headers(token: token, [.contentType: "application/fhir+json", .accept: "application/fhir+json"])
            let body = ByteBuffer(string: #"{"resourceType":"Parameters","parameter":[{"name":"a","bogus":1}]}"#)
            try await client.execute(uri: "/test/decode", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .badRequest)
                let issue = try Fixture.issue(response, format: .json)
                #expect(issue.code.value == "invalid")
                #expect(issue.expression.first?.value?.contains("parameter") == true)
            }
            let valid = ByteBuffer(string: #"{"resourceType":"Parameters","parameter":[{"name":"a","valueString":"b"}]}"#)
            try await client.execute(uri: "/test/decode", method: .post, headers: headers, body: valid) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func workflowErrorKeepsItsStatus() async throws {
        let token = try Fixture.token(for: .pharmacy)
        try await Fixture.withApp(routes: Self.routes) { client in
            try await client.execute(uri: "/test/workflow/1", method: .post, headers: Fixture.headers(token: token)) { response in
                #expect(response.status == .conflict)
                let issue = try Fixture.issue(response, format: .xml)
                #expect(issue.code.value == "conflict")
                #expect(issue.details?.text?.value == "Task has invalid status completed")
            }
        }
    }

    @Test func unknownErrorGets500WithoutDetails() async throws {
        let token = try Fixture.token(for: .pharmacy)
        try await Fixture.withApp(routes: Self.routes) { client in
            try await client.execute(uri: "/test/internal", method: .get, headers: Fixture.headers(token: token)) { response in
                #expect(response.status == .internalServerError)
                #expect(!String(buffer: response.body).contains("hunter2"))
                let issue = try Fixture.issue(response)
                #expect(issue.code.value == "exception")
            }
        }
    }

    @Test func decodingErrorMapsTo400() throws {
        #expect(throws: FHIRDecodingError.self) { try FHIRDecoder().decode(Parameters.self, from: Array("{".utf8), format: .json) }
        do {
            _ = try FHIRDecoder().decode(Parameters.self, from: Array("\u{FEFF}{}".utf8), format: .json)
        } catch {
            let outcome = OperationOutcomeError(mapping: error)
            #expect(outcome.status == .badRequest)
            #expect(outcome.detailCode == "TIFLOW_BOM_DETECTED")
        }
    }
}
