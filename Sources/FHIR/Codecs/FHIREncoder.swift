// SPDX-License-Identifier: Apache-2.0

/// Encodes FHIR R4 resources as JSON or XML.
///
/// Elements are written in the order of their R4 definition, so the output is stable.
public struct FHIREncoder: Sendable {
    /// The wire format to write.
    public var format: FHIRFormat
    /// Whether to indent the output for people to read.
    public var prettyPrinted: Bool

    public init(format: FHIRFormat = .json, prettyPrinted: Bool = false) {
        self.format = format
        self.prettyPrinted = prettyPrinted
    }

    /// Encodes any resource.
    public func encode(_ resource: Resource) -> [UInt8] {
        let node = resource.rootNode()
        switch format {
        case .json: return JSONWriter.write(node, prettyPrinted: prettyPrinted)
        case .xml: return XMLWriter.write(node, prettyPrinted: prettyPrinted)
        }
    }

    /// Encodes a resource of a known type.
    public func encode(_ resource: some FHIRResource) -> [UInt8] {
        encode(resource.asResource)
    }
}
