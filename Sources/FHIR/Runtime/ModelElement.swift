// SPDX-License-Identifier: Apache-2.0

/// One element of a generated type, as recorded in ``ModelDefinitions``.
struct ModelElement: Sendable {
    /// The element name; choice elements end in `[x]`.
    let name: String
    /// The FHIR type codes the element allows (`BackboneElement` for nested types).
    let types: [String]
    /// The minimum cardinality.
    let min: Int
    /// Whether the maximum cardinality is greater than 1.
    let repeats: Bool
    /// For a backbone element, the path of its nested type in ``ModelDefinitions``.
    let backbone: String?
}
