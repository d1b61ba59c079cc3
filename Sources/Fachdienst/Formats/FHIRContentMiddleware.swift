// SPDX-License-Identifier: Apache-2.0

internal import FHIR
public import Hummingbird
internal import Logging

/// Negotiates the FHIR formats of a request and renders every error that a route throws as an `OperationOutcome`.
///
/// Runs after ``AccessTokenMiddleware``, so the default response format can depend on the caller's role
/// (spec/fd-api.md §1.3). Answers 406 for an `Accept`/`_format` that cannot be served, 415 for a body whose
/// `Content-Type` is not FHIR, 413 for a body over the limit, 404/405 for unknown routes. Requests to the public
/// endpoints in `publicRoutes` are not FHIR and pass through unchanged.
public struct FHIRContentMiddleware: RouterMiddleware {
    public typealias Context = FachdienstRequestContext

    private let maximumBodySize: Int
    private let routes: RouteTable
    private let publicRoutes: RouteTable

    /// Creates the middleware.
    /// - Parameters:
    ///   - maximumBodySize: The largest accepted body in bytes.
    ///   - routes: The registered routes, to tell 404 from 405.
    ///   - publicRoutes: The public, non-FHIR endpoints to pass through; by default none.
    public init(maximumBodySize: Int, routes: RouteTable, publicRoutes: RouteTable = RouteTable()) {
        self.maximumBodySize = maximumBodySize
        self.routes = routes
        self.publicRoutes = publicRoutes
    }

    /// Sets the formats in the context, buffers the body and calls `next`; renders errors as `OperationOutcome`.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if self.publicRoutes.contains(request.method, path: request.uri.path) {
            return try await next(request, context)
        }
        var context = context
        do {
            context.responseFormat = try FHIRMediaType.responseFormat(of: request, role: context.caller?.role)
        } catch {
            context.responseFormat = FHIRMediaType.defaultFormat(for: context.caller?.role)
            return error.response(format: context.responseFormat)
        }
        do {
            var request = request
            context.requestFormat = try await self.prepareBody(of: &request)
            return try await next(request, context)
        } catch {
            return self.outcome(for: error, request: request, context: context).response(format: context.responseFormat)
        }
    }

    /// Checks `Content-Type` and collects the body up to the limit.
    private func prepareBody(of request: inout Request) async throws -> FHIRFormat? {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > self.maximumBodySize {
            throw OperationOutcomeError.contentTooLarge(limit: self.maximumBodySize)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: self.maximumBodySize)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw OperationOutcomeError.contentTooLarge(limit: self.maximumBodySize)
        }
        guard buffer.readableBytes > 0 else { return nil }
        let contentType = request.headers[.contentType]
        guard let contentType, let format = FHIRMediaType.requestFormat(contentType: contentType) else {
            throw OperationOutcomeError.unsupportedMediaType(contentType)
        }
        return format
    }

    private func outcome(for error: any Error, request: Request, context: Context) -> OperationOutcomeError {
        var outcome = OperationOutcomeError(mapping: error)
        if outcome.status == .notFound {
            // 405 when the path exists with other methods (spec/fd-api.md §9), 404 when it does not exist at all.
            let allowed = self.routes.methods(forPath: request.uri.path)
            if !allowed.isEmpty && !allowed.contains(request.method) {
                outcome = .methodNotAllowed(allowed: allowed)
            }
        }
        if outcome.status == .contentTooLarge {
            outcome = .contentTooLarge(limit: self.maximumBodySize)
        }
        if outcome.status == .internalServerError {
            // The cause may hold personal data; only its type is logged.
            context.logger.error("request failed", metadata: ["error.type": "\(type(of: error))"])
        }
        return outcome
    }
}
