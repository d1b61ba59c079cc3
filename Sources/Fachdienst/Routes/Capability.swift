// SPDX-License-Identifier: Apache-2.0

public import FHIR

/// One entry a route adds to the CapabilityStatement's `rest` element.
public enum Capability: Hashable, Sendable {
    /// A resource type with its interactions (`read`, `search-type`, …), search parameters and operations.
    case resource(
        _ type: String,
        interactions: [String] = [],
        searchParameters: [SearchParameter] = [],
        operations: [Operation] = []
    )
    /// An operation on the whole system.
    case systemOperation(Operation)

    /// A search parameter of a resource.
    public struct SearchParameter: Hashable, Sendable {
        /// The parameter name, for example `status`.
        public let name: String
        /// The FHIR search parameter type, for example `token`.
        public let type: String

        /// Creates a search parameter.
        public init(name: String, type: String) {
            self.name = name
            self.type = type
        }
    }

    /// An operation with its OperationDefinition.
    public struct Operation: Hashable, Sendable {
        /// The name without `$`, for example `create`.
        public let name: String
        /// The canonical URL of the OperationDefinition.
        public let definition: String

        /// Creates an operation.
        public init(name: String, definition: String) {
            self.name = name
            self.definition = definition
        }
    }
}

/// Assembles the CapabilityStatement from the capabilities the routes declare (spec/fd-api.md §2.1).
public enum CapabilityStatementBuilder {
    /// The `software.name`.
    public static let softwareName = "erezept"

    /// A CapabilityStatement that lists exactly `capabilities`.
    /// - Parameters:
    ///   - capabilities: What the mounted routes declare; entries for the same resource type are merged.
    ///   - version: The `software.version`.
    ///   - date: The statement's `date`.
    public static func statement(capabilities: [Capability], version: String, date: DateTimeValue) -> CapabilityStatement {
        var resources: [CapabilityStatement.Rest.ResourceComponent] = []
        var systemOperations: [CapabilityStatement.Rest.ResourceComponent.Operation] = []
        for capability in capabilities {
            switch capability {
            case .resource(let type, let interactions, let searchParameters, let operations):
                var resource =
                    resources.first { $0.type.value == type } ?? CapabilityStatement.Rest.ResourceComponent(type: Primitive(type))
                resource.interaction += interactions.map { .init(code: Primitive($0)) }
                resource.searchParam += searchParameters.map { .init(name: Primitive($0.name), type: Primitive($0.type)) }
                resource.operation += operations.map(Self.operation)
                if let index = resources.firstIndex(where: { $0.type.value == type }) {
                    resources[index] = resource
                } else {
                    resources.append(resource)
                }
            case .systemOperation(let operation):
                systemOperations.append(Self.operation(operation))
            }
        }
        let rest = CapabilityStatement.Rest(
            mode: "server",
            security: .init(cors: false, description: "IDP access token: Authorization: Bearer, BP256R1"),
            resource: resources,
            operation: systemOperations
        )
        return CapabilityStatement(
            name: "ErxCapabilityStatement",
            status: "active",
            date: Primitive(date),
            kind: "instance",
            software: .init(name: Primitive(Self.softwareName), version: Primitive(version)),
            fhirVersion: "4.0.1",
            format: ["xml", "json"],
            rest: [rest]
        )
    }

    private static func operation(_ operation: Capability.Operation) -> CapabilityStatement.Rest.ResourceComponent.Operation {
        .init(name: Primitive(operation.name), definition: Primitive(operation.definition))
    }
}
