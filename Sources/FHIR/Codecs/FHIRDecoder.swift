// SPDX-License-Identifier: Apache-2.0

/// Decodes FHIR R4 resources from JSON or XML, strictly.
///
/// An unknown element, a value of the wrong type, a duplicate, a broken cardinality, a byte order mark or a
/// document that is too large or too deep is an error naming the path of the offending element.
public struct FHIRDecoder: Sendable {
    /// The largest document accepted, in bytes.
    public var maximumSize: Int = 8 * 1024 * 1024
    /// The deepest nesting of elements accepted.
    public var maximumDepth: Int = 100
    /// Whether Bundle entries must keep the fullUrl and reference rules (see ``BundleEntryRules``).
    public var checksBundleEntries = true
    /// Whether the document and every Bundle entry must carry `Resource.id` (see ``ResourceIDRule``).
    public var requiresResourceIDs = false

    public init() {}

    /// Decodes any resource.
    /// - Parameters:
    ///   - bytes: the document.
    ///   - format: the wire format; detected from the first significant byte when `nil`.
    public func decode(_ bytes: [UInt8], format: FHIRFormat? = nil) throws(FHIRDecodingError) -> Resource {
        let node = try parse(bytes, format: format)
        let resource = try Resource(rootNode: node.node, format: node.format)
        if checksBundleEntries, case .bundle(let bundle) = resource {
            do {
                try BundleEntryRules.check(bundle)
            } catch {
                throw error.prefixed(with: "Bundle")
            }
        }
        if requiresResourceIDs {
            try ResourceIDRule.check(resource)
        }
        return resource
    }

    /// Decodes a resource of a known type.
    public func decode<R: FHIRResource>(_ type: R.Type, from bytes: [UInt8], format: FHIRFormat? = nil) throws(FHIRDecodingError) -> R {
        let resource = try decode(bytes, format: format)
        guard let typed = resource.base as? R else {
            throw FHIRDecodingError(.unknownResourceType, "expected \(R.resourceType), found \(resource.resourceType)", path: resource.resourceType)
        }
        return typed
    }

    /// Reads the bytes into the format-neutral element tree.
    func parse(_ bytes: [UInt8], format: FHIRFormat?) throws(FHIRDecodingError) -> (node: FHIRNode, format: FHIRFormat) {
        guard bytes.count <= maximumSize else {
            throw FHIRDecodingError(.tooLarge, "document of \(bytes.count) bytes exceeds the limit of \(maximumSize) bytes")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw FHIRDecodingError(.byteOrderMark, "a UTF-8 byte order mark is not allowed")
        }
        guard let format = format ?? FHIRFormat.detect(bytes) else {
            throw FHIRDecodingError(.unknownFormat, "the document is neither JSON nor XML")
        }
        switch format {
        case .json: return (try JSONReader.parse(bytes, maximumDepth: maximumDepth), .json)
        case .xml: return (try XMLReader.parse(bytes, maximumDepth: maximumDepth), .xml)
        }
    }
}
