// SPDX-License-Identifier: Apache-2.0

/// The canonical JSON forms of a resource that FHIR R4 defines for signing (R4 json.html, "Canonical JSON").
///
/// Every method writes the resource as JSON with
/// - no whitespace outside string values (values, including XHTML narrative, are kept exactly as they are),
/// - the properties of every object in alphabetical order (UTF-8 byte order of the names; FHIR names are ASCII, so this
///   is also code-point and UTF-16 order; `resourceType` and `_x` primitive-extension members are sorted like any other),
/// - arrays in their order, strings escaped only where JSON requires it (quote, backslash, control characters), and
///   numbers exactly as written, so that decimals such as `1.50` keep their precision.
///
/// The variants differ in what they leave out of the *root* resource:
/// - ``json``: nothing;
/// - ``data``: `Resource.text`;
/// - ``static``: `Resource.text` and `Resource.meta`, so that the signature survives a move between servers and
///   changes of `meta` (gematik A_19029-06 reads it as "Bundle.text und Bundle.meta im root-Element entfernen").
///
/// Contained and entry resources keep their `text` and `meta`: the gematik requirement names the root element only.
public enum FHIRCanonicalization: String, Sendable, CaseIterable {
    /// `http://hl7.org/fhir/canonicalization/json`: the whole resource.
    case json = "http://hl7.org/fhir/canonicalization/json"
    /// `…/json#data`: without the root narrative.
    case data = "http://hl7.org/fhir/canonicalization/json#data"
    /// `…/json#static`: without the root narrative and the root `meta`.
    case `static` = "http://hl7.org/fhir/canonicalization/json#static"

    /// The root members this method removes.
    var omittedRootMembers: Set<String> {
        switch self {
        case .json: []
        case .data: ["text"]
        case .static: ["text", "meta"]
        }
    }

    /// The canonical UTF-8 JSON of `resource`; the same resource always gives the same bytes.
    public func canonicalJSON(of resource: Resource) -> [UInt8] {
        CanonicalJSONWriter.write(resource.rootNode(), omittingRootMembers: self.omittedRootMembers)
    }

    /// The canonical UTF-8 JSON of `resource`; the same resource always gives the same bytes.
    public func canonicalJSON(of resource: some FHIRResource) -> [UInt8] {
        self.canonicalJSON(of: resource.asResource)
    }
}
