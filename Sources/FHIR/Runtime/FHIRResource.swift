// SPDX-License-Identifier: Apache-2.0

/// A FHIR resource type of the model (`Task`, `Bundle`, …).
public protocol FHIRResource: Sendable, Hashable {
    /// The resource type name, as in `resourceType`.
    static var resourceType: String { get }
    /// The resource wrapped in the polymorphic container.
    var asResource: Resource { get }
    /// The logical id (`Resource.id`).
    var id: Primitive<FHIRID>? { get set }
    /// Metadata (`Resource.meta`).
    var meta: Meta? { get set }
}

extension Resource: FHIRNodeCodable {
    /// Decodes a resource container (`contained`, `Bundle.entry.resource`, `Parameters.parameter.resource`).
    init(node: FHIRNode, format: FHIRFormat) throws(FHIRDecodingError) {
        try self.init(rootNode: node, format: format)
    }

    /// Decodes a resource node, putting its type in front of the path of any error.
    init(rootNode node: FHIRNode, format: FHIRFormat) throws(FHIRDecodingError) {
        guard let type = node.resourceType else {
            throw FHIRDecodingError(.wrongType, "expected a resource")
        }
        do {
            try self.init(resourceNode: node, format: format)
        } catch {
            throw error.prefixed(with: type)
        }
    }

    /// The node of the resource as a document root.
    func rootNode() -> FHIRNode {
        node(named: resourceType)
    }
}

extension FHIRNode {
    /// Checks that the node holds a complex element: children only, no value, no resource.
    func expectComplex() throws(FHIRDecodingError) {
        if resourceType != nil {
            throw FHIRDecodingError(.wrongType, "expected an element, found a resource")
        }
        if value != nil {
            throw FHIRDecodingError(.wrongType, "expected an element with children, found a primitive value")
        }
        if children.isEmpty {
            throw FHIRDecodingError(.empty, "an element needs children")
        }
    }

    /// Checks that the node holds a resource of the given type.
    func expectResource(_ type: String) throws(FHIRDecodingError) {
        guard resourceType == type else {
            throw FHIRDecodingError(.wrongType, "expected a \(type) resource")
        }
        if value != nil {
            throw FHIRDecodingError(.wrongType, "a resource has no value")
        }
    }
}

extension ElementReader {
    /// Returns a required singular element or throws the cardinality error naming it.
    func required<T>(_ value: T?, _ name: String) throws(FHIRDecodingError) -> T {
        guard let value else {
            throw FHIRDecodingError(.cardinality, "required element is missing").prefixed(with: name)
        }
        return value
    }
}
