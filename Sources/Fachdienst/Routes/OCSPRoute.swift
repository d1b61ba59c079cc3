// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import Hummingbird
internal import Workflow

/// The OCSP responder over HTTP (RFC 6960 Appendix A.1), for the certificates whose AIA points at `<public-url>/ocsp`.
///
/// - `POST /ocsp` with `Content-Type: application/ocsp-request` and the DER request as body;
/// - `GET /ocsp/{request}` with the DER request base64-encoded (URL-encoded, or in the base64url alphabet).
///
/// Both answer 200 with `Content-Type: application/ocsp-response` and the DER response, also for requests that cannot
/// be parsed (`malformedRequest`, as RFC 6960 responders do). A POST body of another type is answered with 415, a
/// request over ``maximumRequestSize`` with 413, both as plain text. The endpoints are public: no access token, no
/// FHIR content negotiation. Without ``FachdienstConfiguration/ocspResponder`` the route mounts nothing.
public struct OCSPRoute: FachdienstRoute {
    /// The largest accepted DER request, in bytes.
    public static let maximumRequestSize = 64 * 1024
    /// The media type of requests (RFC 6960 Appendix C.1).
    public static let requestMediaType = "application/ocsp-request"
    /// The media type of responses (RFC 6960 Appendix C.2).
    public static let responseMediaType = "application/ocsp-response"
    /// `OCSPResponse { responseStatus malformedRequest(1) }`, DER.
    static let malformedRequestResponse: [UInt8] = [0x30, 0x03, 0x0A, 0x01, 0x01]

    /// Creates the route.
    public init() {}

    /// Not a FHIR interaction.
    public var capabilities: [Capability] { [] }

    /// `POST /ocsp` and `GET /ocsp/{request}`, when a responder is configured.
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        guard let responder = environment.configuration.ocspResponder else { return [] }
        let clock = environment.configuration.clock
        return [
            FachdienstEndpoint(.post, "/ocsp", requiresAuthentication: false) { request, _ in
                let contentType = request.headers[.contentType].map(Self.mediaType)
                guard contentType == Self.requestMediaType else {
                    return Self.plain(.unsupportedMediaType, "Content-Type must be \(Self.requestMediaType)")
                }
                if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.maximumRequestSize {
                    return Self.tooLarge()
                }
                let body: ByteBuffer
                do {
                    body = try await request.body.collect(upTo: Self.maximumRequestSize)
                } catch let error as HTTPError where error.status == .contentTooLarge {
                    return Self.tooLarge()
                }
                return Self.ocspResponse(responder(Array(buffer: body), clock.now))
            },
            FachdienstEndpoint(.get, "/ocsp/**", requiresAuthentication: false) { request, _ in
                let encoded = request.uri.path.dropFirst("/ocsp/".count)
                guard encoded.utf8.count <= Self.maximumRequestSize * 2 else { return Self.tooLarge() }
                guard let der = Self.decodeGETRequest(encoded) else { return Self.ocspResponse(Self.malformedRequestResponse) }
                guard der.count <= Self.maximumRequestSize else { return Self.tooLarge() }
                return Self.ocspResponse(responder(der, clock.now))
            },
        ]
    }

    /// The DER request of a GET path segment: percent-decoded, base64url mapped to base64, padding added.
    static func decodeGETRequest(_ encoded: Substring) -> [UInt8]? {
        guard let text = String(encoded).removingPercentEncoding else { return nil }
        var base64 = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        if base64.count % 4 != 0 { base64 += String(repeating: "=", count: 4 - base64.count % 4) }
        guard let data = Data(base64Encoded: base64), !data.isEmpty else { return nil }
        return Array(data)
    }

    /// The media type of a `Content-Type` value, lowercased, without parameters.
    private static func mediaType(_ value: String) -> String {
        String(value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]).trimmingCharacters(in: .whitespaces).lowercased()
    }

    private static func ocspResponse(_ der: [UInt8]) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: Self.responseMediaType, .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: der))
        )
    }

    private static func tooLarge() -> Response {
        plain(.contentTooLarge, "the OCSP request exceeds \(Self.maximumRequestSize) bytes")
    }

    private static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n"))
        )
    }
}
