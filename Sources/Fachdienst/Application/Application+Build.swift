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
/// - Throws: when the IDP signer certificate holds no brainpoolP256r1 key.
public func buildApplication(
    configuration: FachdienstConfiguration,
    workflow: WorkflowService? = nil
) throws(TICryptoError) -> some ApplicationProtocol {
    let router = try buildRouter(configuration: configuration, workflow: workflow)
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
    workflow: WorkflowService? = nil
) throws(TICryptoError) -> Router<FachdienstRequestContext> {
    buildRouter(
        configuration: configuration,
        routes: routes,
        accessTokenVerifier: try AccessTokenVerifier(configuration: configuration),
        workflow: workflow
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
public func buildRouter(
    configuration: FachdienstConfiguration,
    routes: [any FachdienstRoute] = FachdienstRoutes.all,
    accessTokenVerifier: AccessTokenVerifier,
    workflow: WorkflowService? = nil
) -> Router<FachdienstRequestContext> {
    let statement = CapabilityStatementBuilder.statement(
        capabilities: routes.flatMap(\.capabilities),
        version: configuration.softwareVersion,
        date: capabilityDate(configuration.clock.now)
    )
    let environment = RouteEnvironment(configuration: configuration, capabilityStatement: statement, workflow: workflow)
    let endpoints = routes.flatMap { $0.endpoints(environment: environment) }
    var table = RouteTable()
    var publicTable = RouteTable()
    for endpoint in endpoints {
        table.add(endpoint.method, endpoint.path)
        if !endpoint.requiresAuthentication { publicTable.add(endpoint.method, endpoint.path) }
    }

    func mountEndpoints(on router: Router<FachdienstRequestContext>) {
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
    if let vau = configuration.vau {
        // Inner VAU requests go to a router with the same endpoints but without the VAU routes; the VAU routes are
        // mounted before the middlewares, whose access token and FHIR checks apply to the inner request only.
        let inner = Router(context: FachdienstRequestContext.self)
        mountEndpoints(on: inner)
        VAUChannel(configuration: vau, clock: configuration.clock, verifier: accessTokenVerifier, innerResponder: inner.buildResponder())
            .mount(on: router)
    }
    mountEndpoints(on: router)
    return router
}

private func capabilityDate(_ date: Date) -> DateTimeValue {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    // The formatter always yields a valid FHIR dateTime; the year fallback only guards the optional.
    return DateTimeValue(lexical: formatter.string(from: date)) ?? DateTimeValue(lexical: "2026")!
}
