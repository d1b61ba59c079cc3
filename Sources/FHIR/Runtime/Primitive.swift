// SPDX-License-Identifier: Apache-2.0

/// A FHIR primitive element: an optional value plus the `id` and extensions every element may carry.
///
/// The type parameter names the FHIR primitive type (`Primitive<FHIRDate>`, `Primitive<FHIRCode>`), which fixes
/// the Swift type of `value` and the lexical rules applied when decoding.
public struct Primitive<Kind: FHIRPrimitiveType>: Sendable, Hashable {
    /// The value; absent when the element carries only extensions (for example a data-absent-reason).
    public var value: Kind.Value?
    /// `Element.id`.
    public var id: String?
    /// `Element.extension`.
    public var `extension`: [Extension]

    public init(_ value: Kind.Value?, id: String? = nil, extension: [Extension] = []) {
        self.value = value
        self.id = id
        self.extension = `extension`
    }
}

extension Primitive: ExpressibleByStringLiteral, ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral
where Kind.Value == String {
    public init(stringLiteral value: String) { self.init(value) }
}

extension Primitive: ExpressibleByBooleanLiteral where Kind.Value == Bool {
    public init(booleanLiteral value: Bool) { self.init(value) }
}

extension Primitive: ExpressibleByIntegerLiteral where Kind.Value == Int32 {
    public init(integerLiteral value: Int32) { self.init(value) }
}

extension Primitive: FHIRNodeCodable where Kind: FHIRPrimitiveCoding {
    init(node: FHIRNode, format: FHIRFormat) throws(FHIRDecodingError) {
        guard node.resourceType == nil else {
            throw FHIRDecodingError(.wrongType, "expected a \(Kind.typeName), found a resource")
        }
        if let scalar = node.value {
            value = try Kind.decode(scalar, format: format)
        } else if format == .json && !node.origin.contains(.primitive) {
            // FHIR JSON carries a primitive's id and extensions in `_name`; an object under `name` is the wrong kind.
            throw FHIRDecodingError(.wrongType, "a \(Kind.typeName) must be a JSON \(Kind.jsonKind), not an object")
        } else {
            value = nil
        }
        id = nil
        self.extension = []
        var reader = ElementReader(format: format)
        for child in node.children {
            switch child.name {
            case "id": try reader.single(&id, child, order: 0)
            case "extension": try reader.repeated(&self.extension, child, order: 1)
            default: throw reader.unknown(child)
            }
        }
        if value == nil && self.extension.isEmpty {
            throw FHIRDecodingError(.empty, "a \(Kind.typeName) element needs a value or an extension")
        }
    }

    func node(named name: String) -> FHIRNode {
        // Flagged as primitive so that an element with extensions but no value is still written as `_name` in JSON.
        var node = FHIRNode(name: name, value: value.map(Kind.scalar(for:)), origin: .primitive)
        if let id { node.children.append(id.node(named: "id")) }
        for item in self.extension { node.children.append(item.node(named: "extension").asArrayItem()) }
        return node
    }
}

extension FHIRNode {
    /// Marks the node as one item of a repeating element (a JSON array).
    func asArrayItem() -> FHIRNode {
        var copy = self
        copy.origin.insert(.arrayItem)
        return copy
    }
}
