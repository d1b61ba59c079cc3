// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import Hummingbird

/// How the identity provider renders its answers: JSON, redirects and the gematik error format.
enum IdentityProviderResponse {
    /// `Cache-Control: no-store` and `Pragma: no-cache` on every answer (RFC 6749 §5.1; ref-idp-server `tokenFlow.md`).
    static func headers(_ contentType: String? = nil) -> HTTPFields {
        var fields: HTTPFields = [.cacheControl: "no-store", .init("Pragma")!: "no-cache"]
        if let contentType { fields[.contentType] = contentType }
        return fields
    }

    /// 200 with `body` and `contentType`.
    static func ok(_ body: [UInt8], contentType: String = "application/json") -> Response {
        Response(status: .ok, headers: self.headers(contentType), body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// 302 to `location` without a body.
    static func redirect(to location: String) -> Response {
        var fields = self.headers()
        fields[.location] = location
        fields[.contentLength] = "0"
        return Response(status: .found, headers: fields)
    }

    /// The gematik error fields of `error` in sending order (gematik IDP `IdpErrorResponse`).
    static func errorFields(_ error: IdentityProviderError, now: Date) -> [(String, String)] {
        [
            ("error", error.code.error.rawValue),
            ("gematik_code", error.code.gematikCode),
            ("gematik_timestamp", String(Int64(now.timeIntervalSince1970))),
            ("gematik_uuid", UUID().uuidString.lowercased()),
            ("gematik_error_text", error.code.text),
        ]
    }

    /// A JSON error: 400 (500 for `server_error`) with `error`, `gematik_code`, `gematik_timestamp` (a number),
    /// `gematik_uuid` and `gematik_error_text`.
    static func error(_ error: IdentityProviderError, now: Date) -> Response {
        var members: [String: JOSEValueLike] = [:]
        for (name, value) in self.errorFields(error, now: now) {
            members[name] = name == "gematik_timestamp" ? .number(Int64(value) ?? 0) : .text(value)
        }
        let status: HTTPResponse.Status = error.code.error == .serverError ? .internalServerError : .badRequest
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(members)).map(Array.init) ?? Array("{}".utf8)
        return Response(status: status, headers: self.headers("application/json"), body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A 302 carrying the error to the client's redirect URI (RFC 6749 §4.1.2.1), with `error_description`, the gematik
    /// fields and `state` when known.
    static func errorRedirect(_ error: IdentityProviderError, redirectURI: String, state: String?, now: Date) -> Response {
        var fields = self.errorFields(error, now: now)
        fields.insert(("error_description", error.code.text), at: 1)
        if let state { fields.append(("state", state)) }
        let separator = redirectURI.contains("?") ? "&" : "?"
        return self.redirect(to: redirectURI + separator + FormParameters.encode(fields))
    }

    /// A JSON member of an error: a string or an integer.
    private enum JOSEValueLike: Encodable {
        case text(String)
        case number(Int64)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            }
        }
    }
}
