// SPDX-License-Identifier: Apache-2.0

/// Reads FHIR JSON (RFC 8259, strictly) into the format-neutral element tree.
///
/// The FHIR JSON conventions are resolved here, so that the model decoders see the same tree as for XML:
/// `resourceType` turns an object into a resource node, arrays become one node per item, and a primitive's
/// `_x` member is merged into the node(s) of `x`.
///
/// Error paths name members the way FHIRPath does (`Bundle.entry[3].resource.foo`): array items always carry their
/// zero-based index, and the root carries its resource type once that member has been read.
enum JSONReader {
    /// The deepest nesting read whatever the caller allows. The parser itself does not recurse, but everything that
    /// walks the resulting tree does (the writers, the model decoders), and must not exhaust the stack of a secondary
    /// thread. It matches the element depth libxml2 accepts for XML.
    static let depthCeiling = 256

    /// Parses a FHIR JSON document.
    /// - Parameters:
    ///   - bytes: the UTF-8 document, without byte order mark.
    ///   - maximumDepth: the deepest nesting of objects and arrays accepted, the root object counting as 1.
    static func parse(_ bytes: [UInt8], maximumDepth: Int) throws(FHIRDecodingError) -> FHIRNode {
        try bytes.withUnsafeBufferPointer { (buffer) throws(FHIRDecodingError) -> FHIRNode in
            var parser = JSONParser(buffer, maximumDepth: min(maximumDepth, depthCeiling))
            return try parser.parseDocument()
        }
    }
}
