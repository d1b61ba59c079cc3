// SPDX-License-Identifier: Apache-2.0

/// Reads FHIR XML into the format-neutral element tree, with libxml2's pull parser.
///
/// The FHIR XML conventions are resolved here: `value`, `id` and `url` attributes, resource containers
/// (`<resource><Patient>…</Patient></resource>`) and the XHTML narrative `div`, kept as markup.
///
/// Error paths name elements in document order (`Bundle.entry[3].resource.Patient.foo`). An element's index is the
/// number of same-named siblings before it and is written only when it is above zero, because while streaming the
/// reader cannot know whether a first element will repeat.
enum XMLReader {
    /// The deepest nesting the reader accepts whatever the caller asks for: the tree it builds is decoded and
    /// written recursively, and stack frames are finite (as `JSONReader.depthCeiling`).
    static let depthCeiling = 256

    /// Parses a FHIR XML document.
    /// - Parameters:
    ///   - bytes: the UTF-8 document, without byte order mark.
    ///   - maximumDepth: the deepest nesting of elements accepted, the root counting as 1; at most `depthCeiling`.
    static func parse(_ bytes: [UInt8], maximumDepth: Int) throws(FHIRDecodingError) -> FHIRNode {
        // libxml2 would skip a byte order mark, but FHIR documents must not carry one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw FHIRDecodingError(.byteOrderMark, "a UTF-8 byte order mark is not allowed")
        }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(FHIRDecodingError) -> FHIRNode in
            try LibXML2.withReader(buffer, makeError: { FHIRDecodingError(.syntax, $0) }) { (reader, sink) throws(FHIRDecodingError) in
                var builder = XMLTreeBuilder(reader: reader, errors: sink, maximumDepth: min(maximumDepth, depthCeiling))
                return try builder.build()
            }
        }
    }
}
