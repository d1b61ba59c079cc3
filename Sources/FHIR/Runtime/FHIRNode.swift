// SPDX-License-Identifier: Apache-2.0

/// One element of a FHIR document, independent of its wire format.
///
/// Both codecs meet in this tree: the JSON and XML readers build it, the generated model types decode from it
/// and encode into it, and the JSON and XML writers serialise it. It follows the FHIR element model:
///
/// - a primitive element has a `value` and, as children, its `id` and `extension` elements;
/// - a complex element has children only; its `Element.id` and, for an extension, its `url` are children named
///   `id` and `url` (attributes in XML, properties in JSON);
/// - a node that holds a resource (the document root, `contained`, `Bundle.entry.resource`, …) carries the
///   resource type in `resourceType`, and its children are the resource's elements;
/// - `Narrative.div` holds its XHTML markup as a string value.
struct FHIRNode: Sendable, Hashable {
    /// Where a node came from, needed for format-specific strictness checks.
    struct Origin: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        /// JSON: the element was one item of an array.
        static let arrayItem = Origin(rawValue: 1 << 0)
        /// XML: the element was an attribute (`id`, `url`), which does not take part in element order.
        static let attribute = Origin(rawValue: 1 << 1)
        /// The node is a FHIR primitive element even though it may have no `value`.
        ///
        /// A primitive that carries only `id` and extensions looks like a complex element in the tree, but JSON
        /// writes the two differently (`"_birthDate": {…}` versus `"code": {…}`). The JSON reader sets it on nodes
        /// that came from a `_x` member alone, and the model's primitive encoder on every primitive it writes.
        static let primitive = Origin(rawValue: 1 << 2)
    }

    /// The element name as it appears in the wire format (`valueQuantity`, not `value[x]`).
    var name: String
    /// The primitive value, if any.
    var value: FHIRScalar?
    /// Child elements in document order.
    var children: [FHIRNode]
    /// The resource type, when this node holds a resource.
    var resourceType: String?
    /// Format-specific facts about where the node came from (empty for nodes built by encoders).
    var origin: Origin

    init(
        name: String,
        value: FHIRScalar? = nil,
        children: [FHIRNode] = [],
        resourceType: String? = nil,
        origin: Origin = []
    ) {
        self.name = name
        self.value = value
        self.children = children
        self.resourceType = resourceType
        self.origin = origin
    }
}

/// A primitive value as the wire format carried it.
///
/// JSON distinguishes strings, numbers and booleans, and FHIR JSON requires the right one for each primitive
/// type; XML carries everything as a string. Numbers keep their lexical form so that decimals survive exactly.
enum FHIRScalar: Sendable, Hashable {
    case string(String)
    /// A JSON number, exactly as written.
    case number(String)
    case bool(Bool)

    /// The value's lexical form, as XML would carry it.
    var lexical: String {
        switch self {
        case .string(let string), .number(let string): string
        case .bool(let bool): bool ? "true" : "false"
        }
    }
}
