// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Hummingbird
internal import Workflow

extension TaskRouteSupport {
    /// The Secret of `?secret=` (A_19172-01, A_24280, A_19231-02, A_19224).
    ///
    /// A malformed value counts as absent, so that the service answers 404/410 for a missing task before 403 for the
    /// Secret (IG-TIFLOW-CORE-418).
    static func secret(_ request: Request) -> Secret? {
        request.uri.queryParameters.get("secret").flatMap { try? Secret($0) }
    }

    /// The `Parameters` body, or nil when the request has none (`$close` without dispense information).
    static func optionalParameters(_ request: Request, context: FachdienstRequestContext) async throws -> FHIR.Parameters? {
        let buffer = try await request.body.collect(upTo: .max)
        guard buffer.readableBytes > 0 else { return nil }
        return try await context.decode(FHIR.Parameters.self, from: request)
    }

    /// 204 No Content.
    static func noContent() -> Response {
        Response(status: .noContent)
    }
}
