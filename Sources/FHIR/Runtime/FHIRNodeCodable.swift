// SPDX-License-Identifier: Apache-2.0

/// A value that decodes from and encodes into the format-neutral element tree.
///
/// Every FHIR element type conforms: primitives, datatypes, backbone elements and resources.
protocol FHIRNodeCodable: Sendable {
    /// Decodes the value from one node, rejecting anything the definition does not allow.
    init(node: FHIRNode, format: FHIRFormat) throws(FHIRDecodingError)
    /// Encodes the value as a node with the given element name.
    func node(named name: String) -> FHIRNode
}

/// `Element.id` and `Extension.url`: plain strings that XML carries as attributes and that take no extensions.
extension String: FHIRNodeCodable {
    init(node: FHIRNode, format: FHIRFormat) throws(FHIRDecodingError) {
        guard node.resourceType == nil, node.children.isEmpty else {
            throw FHIRDecodingError(.wrongType, "expected a plain string without extensions")
        }
        guard case .string(let string) = node.value else {
            throw FHIRDecodingError(.wrongType, "expected a string")
        }
        guard !string.isEmpty else { throw FHIRDecodingError(.empty, "empty string") }
        self = string
    }

    func node(named name: String) -> FHIRNode {
        FHIRNode(name: name, value: .string(self))
    }
}
