// SPDX-License-Identifier: Apache-2.0

import FHIR
import Foundation
import PrimarySystemKit
import TICrypto
import Testing
import Workflow

/// `FachdienstConfiguration.plainEndpoints == false` (the production profile): outside the VAU only what the
/// Fachdienst of the TI serves there (spec/fd-api.md §1.1); the FHIR operations only through the channel.
@Suite("Fachdienst without plain endpoints")
struct ProductionProfileTests {
    @Test("a plain POST /Task/$create answers 404 while the same request through the VAU creates the task")
    func createOnlyThroughVAU() async throws {
        try await KitFixture.withServer(plainEndpoints: false) { baseURL in
            let token = StaticAccessToken(try KitFixture.token("practice-a"))
            let plain = FachdienstClient(transport: PlainTransport(baseURL: baseURL), accessToken: token)
            let error = await #expect(throws: PrimarySystemError(.operationFailed)) {
                try await plain.createTask(flowtype: .pharmacyGKV)
            }
            #expect(error?.status == 404)

            let vau = FachdienstClient(transport: try KitFixture.vauTransport(baseURL), accessToken: token)
            let task = try await vau.createTask(flowtype: .pharmacyGKV)
            #expect(task.status.value == "draft")
        }
    }

    @Test("the certificate endpoints and /metadata stay outside the VAU; GET /Task does not")
    func publicEndpoints() async throws {
        try await KitFixture.withServer(plainEndpoints: false) { baseURL in
            let sender = URLSessionHTTPSender()
            let token = try KitFixture.token("practice-a")
            for path in ["/VAUCertificate", "/VAUCertificateOCSPResponse", "/CertList", "/OCSPList"] {
                let response = try await sender.send(HTTPRequestMessage(method: "GET", target: path), to: baseURL)
                #expect(response.status == 200, "\(path)")
            }
            let metadata = try await sender.send(
                HTTPRequestMessage(
                    method: "GET",
                    target: "/metadata",
                    headers: ["Authorization": "Bearer \(token)", "Accept": "application/fhir+json"]
                ),
                to: baseURL
            )
            #expect(metadata.status == 200)
            let tasks = try await sender.send(
                HTTPRequestMessage(method: "GET", target: "/Task", headers: ["Authorization": "Bearer \(token)", "Accept": "application/fhir+json"]),
                to: baseURL
            )
            #expect(tasks.status == 404)
        }
    }
}
