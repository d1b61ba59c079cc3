// SPDX-License-Identifier: Apache-2.0

import PrimarySystemKit
import Testing

/// The inner HTTP/1.1 messages of the VAU channel (spec/ref-impl.md B.1).
struct HTTP1CodecTests {
    @Test("a request is written as the Fachdienst's strict parser expects it")
    func serializeRequest() throws {
        let request = HTTPRequestMessage(
            method: "POST",
            target: "/Task/$create",
            headers: ["Authorization": "Bearer a.b.c", "Content-Type": "application/fhir+json", "Content-Length": "999"],
            body: Array("{}".utf8)
        )
        let text = String(decoding: try HTTP1Codec.serialize(request, host: "erp.example"), as: UTF8.self)
        #expect(
            text == "POST /Task/$create HTTP/1.1\r\nHost: erp.example\r\nAuthorization: Bearer a.b.c\r\n"
                + "Content-Type: application/fhir+json\r\nContent-Length: 2\r\n\r\n{}"
        )
    }

    @Test(
        "header values with line breaks and targets not in origin form are refused",
        arguments: [
            HTTPRequestMessage(method: "GET", target: "/Task", headers: ["X-AccessCode": "abc\r\nX-Evil: 1"]),
            HTTPRequestMessage(method: "GET", target: "http://other/Task"),
            HTTPRequestMessage(method: "GET", target: "/Task with space"),
            HTTPRequestMessage(method: "GE T", target: "/Task"),
        ]
    )
    func refusesInjection(request: HTTPRequestMessage) {
        #expect(throws: PrimarySystemError(.invalidArgument)) { try HTTP1Codec.serialize(request, host: "erp.example") }
    }

    @Test("a response is parsed with its headers and a body of Content-Length bytes")
    func parseResponse() throws {
        let bytes = Array("HTTP/1.1 201 Created\r\nContent-Type: application/fhir+json\r\nLocation: /Task/1\r\nContent-Length: 2\r\n\r\n{}".utf8)
        let response = try HTTP1Codec.parseResponse(bytes)
        #expect(response.status == 201)
        #expect(response.headers["content-type"] == "application/fhir+json")
        #expect(response.headers["LOCATION"] == "/Task/1")
        #expect(response.body == Array("{}".utf8))
    }

    @Test(
        "malformed responses are refused",
        arguments: [
            "HTTP/1.0 200 OK\r\n\r\n",
            "HTTP/1.1 2000 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n{}",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n",
            "HTTP/1.1 200 OK\r\n: no name\r\n\r\n",
        ]
    )
    func refusesMalformed(text: String) {
        #expect(throws: PrimarySystemError(.malformedHTTPResponse)) { try HTTP1Codec.parseResponse(Array(text.utf8)) }
    }
}
