// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

struct ContentNegotiationTests {
    @Test func formatParameterBeatsAccept() async throws {
        let token = try Fixture.token(for: .pharmacy)
        try await Fixture.withApp { client in
            let headers = Fixture.headers(token: token, [.accept: "application/fhir+xml"])
            try await client.execute(uri: "/metadata?_format=json", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/fhir+json;charset=utf-8")
                _ = try FHIRDecoder().decode(CapabilityStatement.self, from: Array(buffer: response.body), format: .json)
            }
            try await client.execute(uri: "/metadata?_format=application/fhir+xml", method: .get, headers: Fixture.headers(token: token)) {
                response in
                #expect(response.headers[.contentType] == "application/fhir+xml;charset=utf-8")
            }
        }
    }

    @Test func acceptOverridesTheRoleDefault() async throws {
        let token = try Fixture.token(for: .insurant)
        try await Fixture.withApp { client in
            let headers = Fixture.headers(token: token, [.accept: "text/html;q=0.9, application/fhir+xml;q=0.8, */*;q=0.1"])
            try await client.execute(uri: "/metadata", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/fhir+xml;charset=utf-8")
            }
        }
    }

    @Test func unservableAcceptGets406() async throws {
        let token = try Fixture.token(for: .doctorPractice)
        try await Fixture.withApp { client in
            try await client.execute(uri: "/metadata", method: .get, headers: Fixture.headers(token: token, [.accept: "text/html"])) { response in
                #expect(response.status == .notAcceptable)
                let issue = try Fixture.issue(response, format: .xml)
                #expect(issue.code.value == "not-supported")
            }
            try await client.execute(uri: "/metadata?_format=html", method: .get, headers: Fixture.headers(token: token)) { response in
                #expect(response.status == .notAcceptable)
            }
        }
    }

    @Test func unsupportedContentTypeGets415() async throws {
        let token = try Fixture.token(for: .doctorPractice)
        try await Fixture.withApp { client in
            for contentType in ["text/plain", "application/fhir+json; charset=iso-8859-1"] {
                let headers = Fixture.headers(token: token, [.contentType: contentType])
                try await client.execute(uri: "/metadata", method: .post, headers: headers, body: ByteBuffer(string: "{}")) { response in
                    #expect(response.status == .unsupportedMediaType)
                    let issue = try Fixture.issue(response)
                    #expect(issue.code.value == "not-supported")
                }
            }
        }
    }

    @Test func oversizedBodyGets413() async throws {
        let token = try Fixture.token(for: .doctorPractice)
        try await Fixture.withApp { client in
            let headers = Fixture.headers(token: token, [.contentType: "application/fhir+json"])
            let body = ByteBuffer(repeating: UInt8(ascii: " "), count: FachdienstConfiguration.defaultMaximumBodySize + 1)
            try await client.execute(uri: "/metadata", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .contentTooLarge)
                let issue = try Fixture.issue(response)
                #expect(issue.code.value == "too-long")
            }
        }
    }

    @Test(arguments: [
        ("application/fhir+json", FHIRFormat.json),
        ("application/json; charset=UTF-8", .json),
        ("application/fhir+xml;charset=utf-8", .xml),
        ("application/xml", .xml),
    ])
    func requestFormatFromContentType(_ contentType: String, _ format: FHIRFormat) {
        #expect(FHIRMediaType.requestFormat(contentType: contentType) == format)
    }

    @Test(arguments: ["text/plain", "application/fhir+json;charset=latin1", "multipart/form-data", ""])
    func unsupportedContentTypes(_ contentType: String) {
        #expect(FHIRMediaType.requestFormat(contentType: contentType) == nil)
    }
}
