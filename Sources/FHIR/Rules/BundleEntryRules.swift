// SPDX-License-Identifier: Apache-2.0

/// The rules a Bundle's entries must keep beyond the element structure: how `fullUrl` identifies each entry and
/// how references between entries of a document resolve.
///
/// - R4 `Bundle.entry.fullUrl`: an absolute URL; "if the fullUrl is not a urn:uuid, the URL shall be
///   version-independent URL consistent with the Resource.id" (bdl-8 forbids `_history`).
/// - E-Rezept (API documentation erp_fhir_infos, warnings 253 and 254, announced to become errors): the id in
///   `fullUrl` agrees with `Resource.id`, and `fullUrl` has a valid form (`urn:uuid:` or an http(s) URL).
///   The live Fachdienst itself sends `urn:uuid:` fullUrls with other ids (the receipt's Device has id `1`),
///   so, as in R4, only URL fullUrls are compared with the id; and it sends search results whose URL has no
///   type segment, so a type segment is compared only when there is one.
/// - R4 bundle reference resolution (http://hl7.org/fhir/R4/bundle.html#references): a relative reference
///   resolves only against an entry whose fullUrl is a URL, so in a `document`, which must be self-contained,
///   `Patient/123` inside an entry with a `urn:uuid:` fullUrl can never resolve (the "mixed reference" error).
///   A relative reference from an entry with a URL fullUrl, or an absolute one, may name a resource on a
///   server, so it is not checked here.
/// - The live Fachdienst's own ChargeItem example uses `urn:uuid:<uuid>-1`, so a `urn:uuid:` fullUrl is
///   accepted with any id text; the form is checked strictly only for URLs.
enum BundleEntryRules {
    /// Checks a bundle and, recursively, the bundles among its entries.
    static func check(_ bundle: Bundle) throws(FHIRDecodingError) {
        for (index, entry) in bundle.entry.enumerated() {
            let entryPath = "entry[\(index)]"
            if let resource = entry.resource, case .bundle(let inner) = resource {
                do {
                    try check(inner)
                } catch {
                    throw error.prefixed(with: "\(entryPath).resource.Bundle")
                }
            }
            guard let fullUrl = entry.fullUrl?.value else { continue }
            guard let identity = EntryIdentity(fullUrl: fullUrl) else {
                throw FHIRDecodingError(
                    .invalidValue,
                    "fullUrl '\(fullUrl.prefix(120))' is neither urn:uuid:<uuid> nor an http(s) URL ending in the resource id",
                    path: "\(entryPath).fullUrl"
                )
            }
            guard let resource = entry.resource, let expectedID = identity.id else { continue }
            let id = resource.base.id?.value
            guard id == expectedID, identity.resourceType.map({ $0 == resource.resourceType }) ?? true else {
                throw FHIRDecodingError(
                    .invalidValue,
                    "fullUrl '\(fullUrl.prefix(120))' disagrees with the resource (\(resource.resourceType) id '\(id ?? "none")')",
                    path: "\(entryPath).fullUrl"
                )
            }
        }
        if bundle.type.value == "document" {
            try checkReferencesResolve(in: bundle)
        }
    }

    private static func checkReferencesResolve(in bundle: Bundle) throws(FHIRDecodingError) {
        for (index, entry) in bundle.entry.enumerated() {
            guard let resource = entry.resource else { continue }
            guard let fullUrl = entry.fullUrl?.value, fullUrl.hasPrefix("urn:") else { continue }
            var unresolved: (reference: String, path: String)?
            visitReferences(in: resource.rootNode(), path: resource.resourceType) { reference, path in
                if unresolved == nil, !reference.hasPrefix("#"), !EntryIdentity.isAbsolute(reference) { unresolved = (reference, path) }
            }
            if let unresolved {
                throw FHIRDecodingError(
                    .invalidValue,
                    "relative reference '\(unresolved.reference.prefix(120))' in an entry with a urn fullUrl cannot resolve in a document",
                    path: "entry[\(index)].resource.\(unresolved.path)"
                )
            }
        }
    }

    /// Calls `body` with the value and path of every `Reference.reference` below `node`, contained resources
    /// excluded.
    private static func visitReferences(in node: FHIRNode, path: String, _ body: (String, String) -> Void) {
        let isExpression = node.children.contains { $0.name == "language" } && node.children.contains { $0.name == "expression" }
        var counts: [String: Int] = [:]
        for child in node.children where child.resourceType == nil {
            let index = counts[child.name, default: 0]
            counts[child.name] = index + 1
            let childPath = path + "." + child.name + (child.origin.contains(.arrayItem) ? "[\(index)]" : "")
            if child.name == "reference", !isExpression, case .string(let reference) = child.value {
                body(reference, childPath)
            } else {
                visitReferences(in: child, path: childPath, body)
            }
        }
    }
}

/// What a `fullUrl` says about its entry.
struct EntryIdentity {
    /// The id the resource must have; `nil` for `urn:uuid:`, which R4 does not tie to the id.
    let id: String?
    /// The resource type a URL names in its second-to-last segment, if it names one.
    let resourceType: String?

    init?(fullUrl: String) {
        if fullUrl.hasPrefix("urn:uuid:") {
            guard fullUrl.utf8.count > "urn:uuid:".utf8.count, FHIRURI.isValid(fullUrl) else { return nil }
            (id, resourceType) = (nil, nil)
            return
        }
        guard fullUrl.hasPrefix("http://") || fullUrl.hasPrefix("https://"), FHIRURI.isValid(fullUrl) else { return nil }
        // `scheme://authority/…/<Type>/<id>`: the last segment is the id, the one before it may name the type.
        let path = fullUrl.utf8.drop { $0 != UInt8(ascii: ":") }.dropFirst(3)
        let segments = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard segments.count >= 2, let last = segments.last, !segments.contains(where: { $0.elementsEqual("_history".utf8) })
        else { return nil }
        let id = String(decoding: last, as: UTF8.self)
        guard FHIRID.isValid(id) else { return nil }
        self.id = id
        let type = segments.count >= 3 ? segments[segments.count - 2] : nil
        if let type, let first = type.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) {
            resourceType = String(decoding: type, as: UTF8.self)
        } else {
            resourceType = nil
        }
    }

    static func isAbsolute(_ reference: String) -> Bool {
        reference.hasPrefix("urn:") || reference.hasPrefix("http://") || reference.hasPrefix("https://")
    }
}
