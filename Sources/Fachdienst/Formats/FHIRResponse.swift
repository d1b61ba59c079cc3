// SPDX-License-Identifier: Apache-2.0

public import FHIR
public import Hummingbird

/// Builds responses that carry a FHIR resource.
public enum FHIRResponse {
    /// A response with `resource` encoded in `format` and the matching `Content-Type`.
    public static func make(_ resource: some FHIRResource, status: HTTPResponse.Status = .ok, format: FHIRFormat) -> Response {
        let bytes = FHIREncoder(format: format).encode(resource)
        var headers = HTTPFields()
        headers[.contentType] = FHIRMediaType.contentType(of: format)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension FachdienstRequestContext {
    /// A response with `resource` in the negotiated format.
    public func response(_ resource: some FHIRResource, status: HTTPResponse.Status = .ok) -> Response {
        FHIRResponse.make(resource, status: status, format: self.responseFormat)
    }

    /// Decodes the request body as a resource of type `type` in the format `Content-Type` named.
    /// - Throws: an `OperationOutcomeError` with status 400 when the body is not a valid resource of that type, 415
    ///   when the request has no FHIR `Content-Type`.
    public func decode<R: FHIRResource>(_ type: R.Type, from request: Request) async throws -> R {
        guard let format = self.requestFormat else {
            throw OperationOutcomeError.unsupportedMediaType(request.headers[.contentType])
        }
        let buffer = try await request.body.collect(upTo: .max)
        do {
            return try FHIRDecoder().decode(type, from: Array(buffer: buffer), format: format)
        } catch {
            throw OperationOutcomeError(error)
        }
    }
}
