// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Foundation
public import Hummingbird
public import TICrypto
public import Workflow

/// Builds the Fachdienst application: the router of ``buildRouter(configuration:routes:accessTokenVerifier:workflow:)``
/// served on the configured address.
/// - Parameters:
///   - configuration: The settings.
///   - workflow: The Task operations; without them the Task routes answer 503.
///   - publicRoutes: Further routes served without access token and outside the FHIR middlewares (e.g. the IDP).
/// - Throws: when the IDP signer certificate holds no brainpoolP256r1 key.
public func buildApplication(
    configuration: FachdienstConfiguration,
    workflow: WorkflowService? = nil,
    publicRoutes: RouteCollection<FachdienstRequestContext>? = nil
) throws(TICryptoError) -> some ApplicationProtocol {
    let router = try buildRouter(configuration: configuration, workflow: workflow, publicRoutes: publicRoutes)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: "erezept")
    )
}

/// Builds the router with the access-token check from `configuration`.
/// - Throws: when the IDP signer certificate holds no brainpoolP256r1 key.
public func buildRouter(
    configuration: FachdienstConfiguration,
    routes: [any FachdienstRoute] = FachdienstRoutes.all,
    workflow: WorkflowService? = nil,
    publicRoutes: RouteCollection<FachdienstRequestContext>? = nil
) throws(TICryptoError) -> Router<FachdienstRequestContext> {
    buildRouter(
        configuration: configuration,
        routes: routes,
        accessTokenVerifier: try AccessTokenVerifier(configuration: configuration),
        workflow: workflow,
        publicRoutes: publicRoutes
    )
}

/// Builds the router: middlewares (OperationOutcome rendering, access token, content negotiation) and the endpoints
/// of `routes`, with a CapabilityStatement listing what `routes` declare. Endpoints with
/// ``FachdienstEndpoint/requiresAuthentication`` `false` skip the access token and content negotiation.
/// - Parameters:
///   - configuration: The settings.
///   - routes: The routes to mount.
///   - accessTokenVerifier: The token check to use.
///   - workflow: The Task operations; without them the Task routes answer 503.
///   - publicRoutes: Further routes served without access token and outside the FHIR middlewares (e.g. the IDP).
public func buildRouter(
    configuration: FachdienstConfiguration,
    routes: [any FachdienstRoute] = FachdienstRoutes.all,
    accessTokenVerifier: AccessTokenVerifier,
    workflow: WorkflowService? = nil,
    publicRoutes: RouteCollection<FachdienstRequestContext>? = nil
) -> Router<FachdienstRequestContext> {
    let statement = CapabilityStatementBuilder.statement(
        capabilities: routes.flatMap(\.capabilities),
        version: configuration.softwareVersion,
        date: capabilityDate(configuration.clock.now)
    )
    let environment = RouteEnvironment(configuration: configuration, capabilityStatement: statement, workflow: workflow)
    let endpoints = routes.flatMap { $0.endpoints(environment: environment) }

    func mountEndpoints(_ endpoints: [FachdienstEndpoint], on router: Router<FachdienstRequestContext>) {
        var table = RouteTable()
        var publicTable = RouteTable()
        for endpoint in endpoints {
            table.add(endpoint.method, endpoint.path)
            if !endpoint.requiresAuthentication { publicTable.add(endpoint.method, endpoint.path) }
        }
        router.add(middleware: OperationOutcomeMiddleware())
        router.add(middleware: AccessTokenMiddleware(verifier: accessTokenVerifier, publicRoutes: publicTable))
        router.add(middleware: FHIRContentMiddleware(maximumBodySize: configuration.maximumBodySize, routes: table, publicRoutes: publicTable))
        for endpoint in endpoints {
            let handler = endpoint.handler
            router.on(RouterPath(endpoint.path), method: endpoint.method) { request, context in
                try await handler(request, context)
            }
        }
    }

    let router = Router(context: FachdienstRequestContext.self)
    // Mounted before any middleware is added, so none of them applies to these routes.
    if let publicRoutes { router.addRoutes(publicRoutes) }
    if let vau = configuration.vau {
        // Inner VAU requests go to a router with the same endpoints but without the VAU routes; the VAU routes are
        // mounted before the middlewares, whose access token and FHIR checks apply to the inner request only.
        let inner = Router(context: FachdienstRequestContext.self)
        mountEndpoints(endpoints, on: inner)
        VAUChannel(configuration: vau, clock: configuration.clock, verifier: accessTokenVerifier, innerResponder: inner.buildResponder())
            .mount(on: router)
    }
    // Without plain endpoints only what the Fachdienst of the TI serves outside the VAU stays at the root
    // (spec/fd-api.md §1.1); the rest answers 404 there, as an unknown path does.
    mountEndpoints(configuration.plainEndpoints ? endpoints : endpoints.filter(isServedOutsideVAU), on: router)
    return router
}

/// The endpoints the production profile serves without the VAU channel: those without access token and `/metadata`.
private func isServedOutsideVAU(_ endpoint: FachdienstEndpoint) -> Bool {
    !endpoint.requiresAuthentication || (endpoint.method == .get && endpoint.path == "/metadata")
}

private func capabilityDate(_ date: Date) -> DateTimeValue {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    // The formatter always yields a valid FHIR dateTime; the year fallback only guards the optional.
    return DateTimeValue(lexical: formatter.string(from: date)) ?? DateTimeValue(lexical: "2026")!
}
