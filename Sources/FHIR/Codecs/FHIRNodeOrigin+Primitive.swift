// SPDX-License-Identifier: Apache-2.0

extension FHIRNode.Origin {
    /// The node is a FHIR primitive element even though it may have no `value`.
    ///
    /// A primitive that carries only `id` and `extension` looks exactly like a complex element in the tree, but JSON
    /// writes the two differently (`"_birthDate": {…}` versus `"code": {…}`). The JSON reader sets this flag on
    /// primitives that came from a `_x` member alone, and the JSON writer writes a value-less node as `_x` when it
    /// is set. Model encoders should set it on primitive elements they emit without a value.
    static let primitive = FHIRNode.Origin(rawValue: 1 << 2)
}
