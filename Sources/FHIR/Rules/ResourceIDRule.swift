// SPDX-License-Identifier: Apache-2.0

/// The opt-in rule that every resource carries a logical id: the document's own and every Bundle entry's.
///
/// Base R4 makes `Resource.id` optional (a resource sent to be created has none), and the gematik examples hold
/// receipt entries without id. The KBV prescription profiles and the API documentation's example
/// erp_fhir_infos/04 ("resource without id") require it, so a caller checking such documents switches it on
/// with ``FHIRDecoder/requiresResourceIDs``.
enum ResourceIDRule {
    static func check(_ resource: Resource) throws(FHIRDecodingError) {
        guard resource.base.id?.value != nil else {
            throw FHIRDecodingError(.cardinality, "the resource has no id").prefixed(with: "\(resource.resourceType).id")
        }
        guard case .bundle(let bundle) = resource else { return }
        for (index, entry) in bundle.entry.enumerated() {
            guard let entryResource = entry.resource else { continue }
            do {
                try check(entryResource)
            } catch {
                throw error.prefixed(with: "Bundle.entry[\(index)].resource")
            }
        }
    }
}
