// SPDX-License-Identifier: Apache-2.0

internal import Foundation
public import Hummingbird
internal import Logging

/// Authenticates every request by its `Authorization: Bearer` access token and puts the ``Caller`` into the context.
///
/// A request without a valid token is answered with 401, an `OperationOutcome` and `WWW-Authenticate: Bearer`
/// (spec/ref-impl.md C.4). Neither the token nor its claims are logged. Requests to the public endpoints in
/// `publicRoutes` (method and path, see ``FachdienstEndpoint/requiresAuthentication``) pass without a check.
public struct AccessTokenMiddleware: RouterMiddleware {
    public typealias Context = FachdienstRequestContext

    private let verifier: AccessTokenVerifier
    private let publicRoutes: RouteTable

    /// Creates the middleware.
    /// - Parameters:
    ///   - verifier: The token check.
    ///   - publicRoutes: The endpoints that need no token; by default none.
    public init(verifier: AccessTokenVerifier, publicRoutes: RouteTable = RouteTable()) {
        self.verifier = verifier
        self.publicRoutes = publicRoutes
    }

    /// Verifies the token and calls `next` with the caller set; public endpoints are passed on without a caller.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if self.publicRoutes.contains(request.method, path: request.uri.path) {
            return try await next(request, context)
        }
        var context = context
        do {
            context.caller = try self.verifier.verify(try Self.bearerToken(of: request))
        } catch {
            context.logger.info("access token refused", metadata: ["erp.token.check": "\(error.code)"])
            throw error.operationOutcomeError
        }
        return try await next(request, context)
    }

    private static func bearerToken(of request: Request) throws(AccessTokenError) -> String {
        guard let header = request.headers[.authorization] else {
            throw AccessTokenError(.missing, reason: "no Authorization header")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AccessTokenError(.missing, reason: "the Authorization header is not a Bearer token")
        }
        // Trailing blanks are tolerated; a token never contains any (base64url and dots).
        var token = parts[1]
        while let last = token.last, last == " " || last == "\t" {
            token.removeLast()
        }
        return String(token)
    }
}
