// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Hummingbird

/// `GET /metadata`: the CapabilityStatement, for any authenticated caller (spec/fd-api.md §2.1).
public struct MetadataRoute: FachdienstRoute {
    /// Creates the route.
    public init() {}

    /// The `capabilities` interaction is implied by the statement itself; R4 has no code for it in `rest.interaction`.
    public var capabilities: [Capability] { [] }

    /// `GET /metadata`.
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        let statement = environment.capabilityStatement
        return [
            FachdienstEndpoint(.get, "/metadata") { _, context in
                _ = try context.requireCaller()
                return context.response(statement)
            }
        ]
    }
}
