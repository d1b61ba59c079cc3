// SPDX-License-Identifier: Apache-2.0

import Crypto
import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing

/// Outer requests the VAU channel refuses (A_20163; spec/ref-impl.md A.4, B.1; spec/fd-api.md §1.1, §9): each with
/// its exact outer status and a JSON body naming the failed check, and none reaches the workflow.
struct VAUNegativeTests {
    /// One way to spoil an outer request.
    enum Spoiled: String, CaseIterable, CustomTestStringConvertible {
        case truncatedEnvelope
        case emptyBody
        case pointNotOnCurve
        case pointOnP256
        case wrongVersionByte
        case badTag
        case wrongPlaintextVersion
        case shortRequestID
        case nonHexRequestID
        case shortResponseKey
        case doubleSpace
        case mismatchedToken
        case missingInnerAuthorization
        case nonHTTPInnerRequest
        case http10InnerRequest
        case bareLFInnerRequest
        case bodyLongerThanContentLength
        case chunkedInnerRequest
        case inconsistentResource
        case userHeaderForInsurant
        case unknownUserHeader
        case oversizedBody
        case wrongContentType

        var testDescription: String { self.rawValue }

        /// The outer status and the check the JSON body names.
        var expected: (status: Int, code: String) {
            switch self {
            case .truncatedEnvelope, .emptyBody: (400, "truncated")
            case .pointNotOnCurve, .pointOnP256: (400, "invalidEphemeralKey")
            case .wrongVersionByte: (400, "unsupportedVersion")
            case .badTag: (400, "decryptionFailed")
            case .wrongPlaintextVersion: (400, "unsupportedPlaintextVersion")
            case .shortRequestID, .nonHexRequestID: (400, "invalidRequestID")
            case .shortResponseKey: (400, "invalidResponseKey")
            case .doubleSpace: (400, "malformedPlaintext")
            case .mismatchedToken, .missingInnerAuthorization: (400, "tokenMismatch")
            case .nonHTTPInnerRequest, .http10InnerRequest, .bareLFInnerRequest, .bodyLongerThanContentLength, .chunkedInnerRequest:
                (400, "malformedInnerRequest")
            case .inconsistentResource, .userHeaderForInsurant, .unknownUserHeader: (400, "headerMismatch")
            case .oversizedBody: (413, "requestTooLarge")
            case .wrongContentType: (415, "unsupportedMediaType")
            }
        }

        /// The outer body and extra outer headers for a `$create` by practice A.
        func request() throws -> (body: [UInt8], headers: HTTPFields) {
            let token = try TaskFixture.token(.practiceA)
            let body = FHIREncoder(format: .json).encode(TaskFixture.createParameters())
            let json = [("Accept", "application/fhir+json"), ("Content-Type", "application/fhir+json")]
            let create = VAUFixture.httpRequest("POST", "/Task/$create", token: token, headers: json, body: body)
            var envelope = VAUFixture.Envelope(token: token, inner: create)
            var headers: HTTPFields = [:]
            switch self {
            case .truncatedEnvelope: return (Array(try envelope.sealed().prefix(92)), headers)
            case .emptyBody: return ([], headers)
            case .pointNotOnCurve:
                var sealed = try envelope.sealed()
                sealed.replaceSubrange(1..<65, with: [UInt8](repeating: 0, count: 31) + [1] + [UInt8](repeating: 0, count: 31) + [2])
                return (sealed, headers)
            case .pointOnP256:
                var sealed = try envelope.sealed()
                sealed.replaceSubrange(1..<65, with: Array(Crypto.P256.KeyAgreement.PrivateKey().publicKey.rawRepresentation))
                return (sealed, headers)
            case .wrongVersionByte:
                var sealed = try envelope.sealed()
                sealed[0] = 0x04
                return (sealed, headers)
            case .badTag:
                var sealed = try envelope.sealed()
                sealed[sealed.count - 1] ^= 0x01
                return (sealed, headers)
            case .wrongPlaintextVersion: envelope.version = "2"
            case .shortRequestID: envelope.requestID = String(envelope.requestID.dropLast())
            case .nonHexRequestID: envelope.requestID = String(envelope.requestID.dropLast()) + "g"
            case .shortResponseKey: envelope.responseKey = String(envelope.responseKey.dropLast(2))
            case .doubleSpace: envelope.token = " " + token
            case .mismatchedToken:
                let other = try TaskFixture.token(.practiceA, at: TaskFixture.now.addingTimeInterval(-1))
                envelope.inner = VAUFixture.httpRequest("POST", "/Task/$create", token: other, headers: json, body: body)
            case .missingInnerAuthorization:
                envelope.inner = VAUFixture.httpRequest("POST", "/Task/$create", token: nil, headers: json, body: body)
            case .nonHTTPInnerRequest: envelope.inner = Array("create a task, please".utf8)
            case .http10InnerRequest:
                envelope.inner = Array(String(decoding: envelope.inner, as: UTF8.self).replacingOccurrences(of: "HTTP/1.1", with: "HTTP/1.0").utf8)
            case .bareLFInnerRequest:
                envelope.inner = Array(String(decoding: envelope.inner, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
            case .bodyLongerThanContentLength: envelope.inner += Array("trailing".utf8)
            case .chunkedInnerRequest:
                envelope.inner =
                    VAUFixture.httpRequest("POST", "/Task/$create", token: token, headers: json + [("Transfer-Encoding", "chunked")])
                    + Array("\(String(body.count, radix: 16))\r\n".utf8) + body + Array("\r\n0\r\n\r\n".utf8)
            case .inconsistentResource: headers[HTTPFields.Element.Name("X-erp-resource")!] = "Communication"
            case .userHeaderForInsurant: headers[HTTPFields.Element.Name("X-erp-user")!] = "v"
            case .unknownUserHeader: headers[HTTPFields.Element.Name("X-erp-user")!] = "L"
            case .oversizedBody: return (try envelope.sealed() + [UInt8](repeating: 0, count: VAUConfiguration.defaultMaximumRequestSize), headers)
            case .wrongContentType:
                headers[.contentType] = "application/fhir+json"
                return (try envelope.sealed(), headers)
            }
            return (try envelope.sealed(), headers)
        }
    }

    @Test("refused with the exact outer status, a JSON body naming the check, and nothing stored", arguments: Spoiled.allCases)
    func refused(_ spoiled: Spoiled) async throws {
        try await VAUFixture.withApp { client, store in
            let (body, headers) = try spoiled.request()
            var outerHeaders: HTTPFields = [.contentType: "application/octet-stream"]
            for field in headers { outerHeaders[field.name] = field.value }
            let response = try await client.execute(uri: "/VAU/0", method: .post, headers: outerHeaders, body: ByteBuffer(bytes: body))
            #expect(Int(response.status.code) == spoiled.expected.status)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.headers[VAUChannel.userPseudonymHeader] == nil)
            let error = try VAUFixture.outerError(response)
            #expect(error.status == spoiled.expected.status)
            #expect(error.message.hasPrefix("\(spoiled.expected.code):"))
            #expect(!error.requestID.isEmpty)
            #expect(store.transactionCount == 0)
        }
    }

    @Test("the same request id twice: the first creates a task, the replay is refused with 400 and creates none")
    func replayedRequestID() async throws {
        try await VAUFixture.withApp { client, store in
            let token = try TaskFixture.token(.practiceA)
            let body = FHIREncoder(format: .json).encode(TaskFixture.createParameters())
            let json = [("Accept", "application/fhir+json"), ("Content-Type", "application/fhir+json")]
            let create = VAUFixture.httpRequest("POST", "/Task/$create", token: token, headers: json, body: body)
            let envelope = VAUFixture.Envelope(token: token, inner: create)
            let (_, first) = try await VAUFixture.send(client, envelope)
            #expect(first.status == 201)
            let afterFirst = store.transactionCount
            #expect(afterFirst > 0)
            // A fresh encryption of the same plaintext, and the request id in upper case: still the same id.
            var replay = envelope
            replay.requestID = envelope.requestID.uppercased()
            for message in [try envelope.sealed(), try replay.sealed()] {
                let response = try await VAUFixture.post(client, message)
                #expect(response.status == .badRequest)
                #expect(try VAUFixture.outerError(response).message.hasPrefix("replayedRequest:"))
            }
            #expect(store.transactionCount == afterFirst)
        }
    }

    @Test("other methods on /VAU/{pseudonym} answer 405 with Allow: POST", arguments: [HTTPRequest.Method.get, .put, .delete, .patch])
    func wrongMethod(_ method: HTTPRequest.Method) async throws {
        try await VAUFixture.withApp { client, store in
            let response = try await client.execute(uri: "/VAU/0", method: method, headers: [:], body: nil)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "POST")
            #expect(try VAUFixture.outerError(response).status == 405)
            #expect(store.transactionCount == 0)
        }
    }
}
