// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import Hummingbird

extension VAUError {
    /// The JSON body of an outer error (A_22103, spec/fd-api.md §9).
    private struct Body: Encodable {
        let requestID: String
        let status: Int
        let error: String
        let message: String

        enum CodingKeys: String, CodingKey {
            case requestID = "x-request-id"
            case status, error, message
        }
    }

    /// The unencrypted outer answer; `405` also carries `Allow: POST`.
    /// - Parameter requestID: The id the logs know the outer request by.
    func response(requestID: String) -> Response {
        let status = self.status
        let body = Body(requestID: requestID, status: status.code, error: status.reasonPhrase, message: self.description)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding four strings and an integer cannot fail; the fallback only satisfies the type checker.
        let json = (try? encoder.encode(body)).map { Array($0) } ?? Array("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        if self.code == .methodNotAllowed { headers[.allow] = "POST" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }
}
