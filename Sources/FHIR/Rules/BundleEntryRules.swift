// SPDX-License-Identifier: Apache-2.0

/// The rules a Bundle's entries must keep beyond the element structure: how `fullUrl` identifies each entry and
/// how references between entries of a document resolve.
///
/// - R4 `Bundle.entry.fullUrl`: an absolute URL that "SHALL NOT disagree with the id in the resource"; a
///   version-specific fullUrl is not allowed (bdl-8).
/// - E-Rezept (API documentation erp_fhir_infos, warnings 253 and 254): the id in `fullUrl` equals
///   `Resource.id`, and `fullUrl` is either `urn:uuid:<uuid>` or a RESTful URL `…/<Type>/<id>`.
/// - R4 bundle reference resolution (http://hl7.org/fhir/R4/bundle.html#references): in a `document`, every
///   reference resolves to an entry; a relative reference resolves only against an entry whose fullUrl is
///   RESTful, so `Patient/123` next to `urn:uuid:` fullUrls does not resolve (the "mixed reference" error).
enum BundleEntryRules {
    /// Checks a bundle and, recursively, the bundles among its entries.
    static func check(_ bundle: Bundle) throws(FHIRDecodingError) {
        var fullUrls: Set<String> = []
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
            fullUrls.insert(fullUrl)
            guard let identity = EntryIdentity(fullUrl: fullUrl) else {
                throw FHIRDecodingError(
                    .invalidValue,
                    "fullUrl '\(fullUrl.prefix(120))' is neither urn:uuid:<uuid> nor a RESTful URL [base]/<Type>/<id>",
                    path: "\(entryPath).fullUrl"
                )
            }
            guard let resource = entry.resource else { continue }
            let id = resource.base.id?.value
            guard id == identity.id, identity.resourceType.map({ $0 == resource.resourceType }) ?? true else {
                throw FHIRDecodingError(
                    .invalidValue,
                    "fullUrl '\(fullUrl.prefix(120))' disagrees with the resource (\(resource.resourceType) id '\(id ?? "none")')",
                    path: "\(entryPath).fullUrl"
                )
            }
        }
        if bundle.type.value == "document" {
            try checkReferencesResolve(in: bundle, fullUrls: fullUrls)
        }
    }

    private static func checkReferencesResolve(in bundle: Bundle, fullUrls: Set<String>) throws(FHIRDecodingError) {
        for (index, entry) in bundle.entry.enumerated() {
            guard let resource = entry.resource else { continue }
            let base = entry.fullUrl?.value.flatMap(EntryIdentity.init(fullUrl:))?.restfulBase
            var unresolved: String?
            visitReferences(in: resource.rootNode()) { reference in
                guard unresolved == nil, !reference.hasPrefix("#") else { return }
                let absolute = EntryIdentity.isAbsolute(reference) ? reference : base.map { $0 + reference }
                if absolute.map({ !fullUrls.contains($0) }) ?? true { unresolved = reference }
            }
            if let unresolved {
                throw FHIRDecodingError(
                    .invalidValue,
                    "reference '\(unresolved.prefix(120))' does not resolve to an entry of the document",
                    path: "entry[\(index)].resource.\(resource.resourceType)"
                )
            }
        }
    }

    /// Calls `body` with the value of every `Reference.reference` below `node`, contained resources excluded.
    private static func visitReferences(in node: FHIRNode, _ body: (String) -> Void) {
        let isExpression = node.children.contains { $0.name == "language" } && node.children.contains { $0.name == "expression" }
        for child in node.children where child.resourceType == nil {
            if child.name == "reference", !isExpression, case .string(let reference) = child.value {
                body(reference)
            } else {
                visitReferences(in: child, body)
            }
        }
    }
}

/// What a `fullUrl` says about its entry.
struct EntryIdentity {
    /// The id the resource must have.
    let id: String
    /// The resource type a RESTful URL names.
    let resourceType: String?
    /// For a RESTful URL, the base to resolve relative references against (ends with `/`).
    let restfulBase: String?

    init?(fullUrl: String) {
        if fullUrl.hasPrefix("urn:uuid:") {
            guard FHIRUUID.isValid(fullUrl) else { return nil }
            id = String(fullUrl.dropFirst("urn:uuid:".count))
            resourceType = nil
            restfulBase = nil
            return
        }
        guard fullUrl.hasPrefix("http://") || fullUrl.hasPrefix("https://") else { return nil }
        let segments = fullUrl.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count >= 5, let type = segments.dropLast().last, let first = type.first, first.isUppercase,
            let id = segments.last, FHIRID.isValid(String(id)), !segments.contains("_history")
        else { return nil }
        self.id = String(id)
        resourceType = String(type)
        restfulBase = segments.dropLast(2).joined(separator: "/") + "/"
    }

    static func isAbsolute(_ reference: String) -> Bool {
        reference.hasPrefix("urn:") || reference.hasPrefix("http://") || reference.hasPrefix("https://")
    }
}
