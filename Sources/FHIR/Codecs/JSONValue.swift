// SPDX-License-Identifier: Apache-2.0

/// A member value as the JSON parser holds it until the enclosing object is complete.
///
/// Objects are already converted to element nodes; only the shape needed to merge `x` with `_x` is kept.
enum JSONValue {
    case null
    case scalar(FHIRScalar)
    /// An object's members as nodes, and its resource type if it had a `resourceType` member.
    case object(children: [FHIRNode], resourceType: String?)
    /// An array's items; never holds another array.
    case array([JSONValue])
}
