// SPDX-License-Identifier: Apache-2.0

internal import FHIR
public import Hummingbird
internal import Logging

/// The outermost middleware: renders errors that escape the inner middlewares, notably the 401 of
/// ``AccessTokenMiddleware``, as `OperationOutcome`, so that no request ends without a FHIR answer.
///
/// The caller is not known at this level; the format is the explicitly requested one, else XML.
public struct OperationOutcomeMiddleware: RouterMiddleware {
    public typealias Context = FachdienstRequestContext

    /// Creates the middleware.
    public init() {}

    /// Calls `next` and renders any error.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let outcome = OperationOutcomeError(mapping: error)
            if outcome.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error.type": "\(type(of: error))"])
            }
            return outcome.response(format: FHIRMediaType.explicitFormat(of: request) ?? .xml)
        }
    }
}
