// SPDX-License-Identifier: Apache-2.0

internal import Foundation
public import Hummingbird
internal import Logging
internal import TICrypto

extension IdentityProvider {
    /// The largest accepted form body, in bytes (a signed challenge with a certificate is about 4 KB).
    static let maximumFormSize = 64 * 1024

    /// Mounts the endpoints below ``basePath`` on `router`, plus the discovery document at the root
    /// `/.well-known/openid-configuration`. They need no access token; mount them before any token middleware.
    /// docs/idp.md lists them.
    public func addRoutes<Methods: RouterMethods>(to router: Methods) {
        let base = Self.basePath
        let discovery: @Sendable (Request, Methods.Context) async throws -> Response = { _, context in
            self.respond(context) { () throws(IdentityProviderError) in
                IdentityProviderResponse.ok(Array(try self.discoveryDocument().utf8), contentType: "application/json;charset=UTF-8")
            }
        }
        router.on(RouterPath(base + Path.discovery), method: .get, use: discovery)
        router.on(RouterPath(Path.discovery), method: .get, use: discovery)
        router.on(RouterPath(base + Path.signingKey), method: .get) { _, _ in
            IdentityProviderResponse.ok(self.signingJWK.jsonRepresentation)
        }
        router.on(RouterPath(base + Path.encryptionKey), method: .get) { _, _ in
            IdentityProviderResponse.ok(self.encryptionJWK.jsonRepresentation)
        }
        router.on(RouterPath(base + Path.jwks), method: .get) { _, _ in
            IdentityProviderResponse.ok(self.jwksJSON)
        }
        router.on(RouterPath(base + Path.authorization), method: .get) { request, context in
            self.authorizationResponse(FormParameters(request.uri.query ?? ""), context: context)
        }
        router.on(RouterPath(base + Path.authorization), method: .post) { request, context in
            let form = try await Self.form(of: request)
            return self.respond(context) { () throws(IdentityProviderError) in
                IdentityProviderResponse.redirect(to: try self.authenticate(signedChallenge: form["signed_challenge"]))
            }
        }
        router.on(RouterPath(base + Path.token), method: .post) { request, context in
            let form = try await Self.form(of: request)
            return self.respond(context) { () throws(IdentityProviderError) in
                IdentityProviderResponse.ok(try self.exchange(form))
            }
        }
    }

    /// The challenge, or the error: as JSON while client and redirect URI are unverified, afterwards as a redirect.
    private func authorizationResponse(_ parameters: FormParameters, context: some RequestContext) -> Response {
        let client: RegisteredClient
        do {
            client = try AuthorizationRequest.client(in: parameters, registered: self.configuration.clients)
        } catch {
            return self.errorResponse(error, context: context)
        }
        do {
            let request = try AuthorizationRequest(parameters: parameters, client: client)
            return IdentityProviderResponse.ok(try self.challengeAnswer(for: request))
        } catch {
            context.logger.info("IDP refused an authorization request", metadata: ["idp.error": "\(error.code)"])
            return IdentityProviderResponse.errorRedirect(
                error,
                redirectURI: client.redirectURI,
                state: parameters["state"],
                now: self.configuration.now()
            )
        }
    }

    /// Runs `body`, rendering an ``IdentityProviderError`` as a JSON error.
    private func respond(_ context: some RequestContext, _ body: () throws(IdentityProviderError) -> Response) -> Response {
        do {
            return try body()
        } catch {
            return self.errorResponse(error, context: context)
        }
    }

    /// Logs only the error code: reasons may name a card holder (certificate subjects), which stays out of logs.
    private func errorResponse(_ error: IdentityProviderError, context: some RequestContext) -> Response {
        context.logger.info("IDP refused a request", metadata: ["idp.error": "\(error.code)"])
        return IdentityProviderResponse.error(error, now: self.configuration.now())
    }

    /// The form parameters of a POST body; an oversized body is answered with 413 by Hummingbird.
    private static func form(of request: Request) async throws -> FormParameters {
        let body = try await request.body.collect(upTo: Self.maximumFormSize)
        return FormParameters(String(buffer: body))
    }
}
