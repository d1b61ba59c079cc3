// SPDX-License-Identifier: Apache-2.0

public import FHIR
public import Hummingbird
public import Workflow

/// One endpoint: a method, a path pattern (`/Task/:id/$accept`) and its handler.
public struct FachdienstEndpoint: Sendable {
    /// The handler's signature.
    public typealias Handler = @Sendable (Request, FachdienstRequestContext) async throws -> Response

    /// The HTTP method.
    public let method: HTTPRequest.Method
    /// The path pattern; `:name` segments match any one segment.
    public let path: String
    /// The handler.
    public let handler: Handler
    /// Whether the endpoint needs an access token and FHIR content negotiation. Only the few public endpoints (the
    /// OCSP responder, RFC 6960 Appendix A) set this to `false`; ``AccessTokenMiddleware`` and
    /// ``FHIRContentMiddleware`` pass their requests through unchanged.
    public let requiresAuthentication: Bool

    /// Creates an endpoint.
    public init(_ method: HTTPRequest.Method, _ path: String, requiresAuthentication: Bool = true, handler: @escaping Handler) {
        self.method = method
        self.path = path
        self.requiresAuthentication = requiresAuthentication
        self.handler = handler
    }
}

/// A resource or operation of the Fachdienst: its endpoints and what it adds to the CapabilityStatement.
///
/// Each route lives in its own file and registers itself by being listed in ``FachdienstRoutes/all``:
///
/// ```swift
/// struct TaskGetRoute: FachdienstRoute {
///     var capabilities: [Capability] { [.resource("Task", interactions: ["read"])] }
///     func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
///         [FachdienstEndpoint(.get, "/Task/:id") { request, context in … }]
///     }
/// }
/// ```
public protocol FachdienstRoute: Sendable {
    /// What the route adds to the CapabilityStatement.
    var capabilities: [Capability] { get }
    /// The endpoints of the route.
    func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint]
}

/// What routes get when they are mounted.
public struct RouteEnvironment: Sendable {
    /// The configuration.
    public let configuration: FachdienstConfiguration
    /// The CapabilityStatement assembled from all routes.
    public let capabilityStatement: CapabilityStatement
    /// The Task operations; `nil` when the instance runs without a store, and the Task routes then answer 503.
    public let workflow: WorkflowService?

    /// Creates an environment.
    public init(configuration: FachdienstConfiguration, capabilityStatement: CapabilityStatement, workflow: WorkflowService? = nil) {
        self.configuration = configuration
        self.capabilityStatement = capabilityStatement
        self.workflow = workflow
    }
}

/// The routes of the Fachdienst.
public enum FachdienstRoutes {
    /// Every implemented route; a new resource or operation is added here and nowhere else.
    public static let all: [any FachdienstRoute] = [
        MetadataRoute(),
        TaskCreateRoute(),
        TaskActivateRoute(),
        TaskAcceptRoute(),
        TaskRejectRoute(),
        TaskDispenseRoute(),
        TaskCloseRoute(),
        TaskAbortRoute(),
        TaskReadSearchRoute(),
        TaskReadRoute(),
        AuditEventRoute(),
        MedicationDispenseReadRoute(),
        OCSPRoute(),
        VAUCertificateRoute(),
    ]
}
