// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import FHIR

/// The gematik examples of invalid Bundles (`invalid/`, from the E-Rezept API documentation erp_fhir_infos).
///
/// Four break the Bundle entry rules (``BundleEntryRules``) and must fail with `invalidValue` at the offending element.
/// Each test also repairs exactly that element and checks that the document then decodes, which shows that the
/// expected path names the only offence the decoder meets first.
@Suite struct InvalidExampleTests {
    @Test func thereAreFiveInvalidExamples() throws {
        let names = try ExampleCorpus.invalidFiles().map(\.lastPathComponent)
        #expect(names.count == 5, "\(names)")
    }

    /// entry[0]: fullUrl `…/fhir/Patient/b0e22b86-…` but the Patient's id is `43ed0c32-…`.
    @Test func fullUrlAndIdMismatch() throws {
        let xml = try invalidExample("01_INVALID_fullUrl_and_id_missmatch.xml")
        expectInvalidValue(xml, path: "Bundle.entry[0].fullUrl")
        let repaired = try replacing(
            #"<id value="43ed0c32-27e0-429c-a2fb-8f92518de721"/>"#,
            with: #"<id value="b0e22b86-e7e9-46c1-80fe-e6e24442d77c"/>"#,
            in: xml
        )
        expectDecodes(repaired)
    }

    /// A `document` whose Composition refers to `Patient/17b0721b-…` while the entries have `urn:uuid:` fullUrls: a
    /// relative reference resolves only against RESTful fullUrls, so it does not resolve (the "mixed reference").
    /// The offending element is the first unresolvable reference in document order, `Composition.subject.reference`.
    @Test func mixedReferenceInADocument() throws {
        let xml = try invalidExample("02_INVALID_mixed_reference.xml")
        expectInvalidValue(xml, path: "Bundle.entry[0].resource.Composition.subject.reference")
        // References are resolved in documents only: as a collection the same entries are fine.
        let collection = try replacing(#"<type value="document"/>"#, with: #"<type value="collection"/>"#, in: xml)
        expectDecodes(collection)
    }

    /// entry[0]: fullUrl `www.pvs.…/fhir/Patient/…` has no scheme. entry[1] has the relative fullUrl `Patient/…`,
    /// which is just as wrong and is met once entry[0] is repaired.
    @Test func fullUrlWithoutScheme() throws {
        let xml = try invalidExample("03_INVALID_fullUrl_format.xml")
        expectInvalidValue(xml, path: "Bundle.entry[0].fullUrl")
        let restful = "http://pvs.praxis-topp-gluecklich.local/fhir/Patient/43ed0c32-27e0-429c-a2fb-8f92518de721"
        let firstRepaired = try replacing(
            #"<fullUrl value="www.pvs.praxis-topp-gluecklich.local/fhir/Patient/b0e22b86-e7e9-46c1-80fe-e6e24442d77c"/>"#,
            with: #"<fullUrl value="\#(restful)"/>"#,
            in: xml
        )
        expectInvalidValue(firstRepaired, path: "Bundle.entry[1].fullUrl")
        let bothRepaired = try replacing(
            #"<fullUrl value="Patient/b0e22b86-e7e9-46c1-80fe-e6e24442d77c"/>"#,
            with: #"<fullUrl value="urn:uuid:43ed0c32-27e0-429c-a2fb-8f92518de721"/>"#,
            in: firstRepaired
        )
        expectDecodes(bothRepaired)
    }

    /// entry[0]: fullUrl `urn:oid:1.3.6.1.4.1.12345.1.1.1` cannot agree with the Patient id `43ed0c32-…` (and the
    /// E-Rezept accepts only `urn:uuid:` and RESTful fullUrls).
    @Test func oidFullUrl() throws {
        let xml = try invalidExample("05_INVALID_oid_format.xml")
        expectInvalidValue(xml, path: "Bundle.entry[0].fullUrl")
        let repaired = try replacing(
            #"<fullUrl value="urn:oid:1.3.6.1.4.1.12345.1.1.1"/>"#,
            with: #"<fullUrl value="urn:uuid:43ed0c32-27e0-429c-a2fb-8f92518de721"/>"#,
            in: xml
        )
        expectDecodes(repaired)
    }

    // MARK: - Patient without id

    // `04_Invalid_Example_Patient_no_id.xml` is a standalone Patient without `id`. Base R4 allows that (`Resource.id`
    // is 0..1, a resource being created has none), and the gematik e2e receipts hold entries without id, so the
    // default decoder accepts it. The KBV profiles and erp_fhir_infos/04 require ids; `requiresResourceIDs` is
    // that rule, and with it the file fails at `Patient.id`.

    @Test func standalonePatientWithoutIdDecodesByDefault() throws {
        let patient = try FHIRDecoder().decode(Patient.self, from: try invalidExample("04_Invalid_Example_Patient_no_id.xml"))
        #expect(patient.id == nil)
        #expect(patient.name.first?.family?.value == "Ludger Königsstein")
    }

    @Test func standalonePatientWithoutIdFailsWhenIdsAreRequired() throws {
        var decoder = FHIRDecoder()
        decoder.requiresResourceIDs = true
        #expect(throws: FHIRDecodingError(.cardinality, "", path: "Patient.id")) {
            try decoder.decode(try invalidExample("04_Invalid_Example_Patient_no_id.xml"))
        }
    }

    /// As an entry with a RESTful fullUrl, a Patient without id disagrees with the fullUrl; with a `urn:uuid:`
    /// fullUrl it fails only when ids are required. With the id it decodes either way.
    @Test(
        arguments: FHIRFormat.allCases,
        [
            "urn:uuid:43ed0c32-27e0-429c-a2fb-8f92518de721",
            "http://pvs.praxis-topp-gluecklich.local/fhir/Patient/43ed0c32-27e0-429c-a2fb-8f92518de721",
        ]
    )
    func patientWithoutIdAsABundleEntry(format: FHIRFormat, fullUrl: String) throws {
        let patient = try FHIRDecoder().decode(Patient.self, from: try invalidExample("04_Invalid_Example_Patient_no_id.xml"))
        let bundle = Bundle(
            id: "patient-without-id",
            type: "collection",
            entry: [Bundle.Entry(fullUrl: Primitive(fullUrl), resource: .patient(patient))]
        )
        let bytes = FHIREncoder(format: format).encode(bundle)
        if fullUrl.hasPrefix("urn:uuid:") {
            expectDecodes(bytes)
        } else {
            expectInvalidValue(bytes, path: "Bundle.entry[0].fullUrl")
        }
        var strict = FHIRDecoder()
        strict.requiresResourceIDs = true
        strict.checksBundleEntries = false
        #expect(throws: FHIRDecodingError(.cardinality, "", path: "Bundle.entry[0].resource.Patient.id")) {
            try strict.decode(bytes)
        }

        var withID = patient
        withID.id = "43ed0c32-27e0-429c-a2fb-8f92518de721"
        var repaired = bundle
        repaired.entry[0].resource = .patient(withID)
        expectDecodes(FHIREncoder(format: format).encode(repaired))
        strict.checksBundleEntries = true
        #expect(throws: Never.self) { try strict.decode(FHIREncoder(format: format).encode(repaired)) }
    }
}

// MARK: - Helpers

/// The bytes of the invalid example whose file name ends with `suffix`.
private func invalidExample(_ suffix: String) throws -> [UInt8] {
    let url = try #require(try ExampleCorpus.invalidFiles().first { $0.lastPathComponent.hasSuffix(suffix) }, "no invalid/*\(suffix)")
    return try ExampleCorpus.bytes(of: url)
}

/// `bytes` with the one occurrence of `original` replaced.
private func replacing(_ original: String, with replacement: String, in bytes: [UInt8]) throws -> [UInt8] {
    let text = String(decoding: bytes, as: UTF8.self)
    let occurrences = text.components(separatedBy: original).count - 1
    try #require(occurrences == 1, "'\(original)' occurs \(occurrences) times")
    return Array(text.replacingOccurrences(of: original, with: replacement).utf8)
}

private func expectInvalidValue(_ bytes: [UInt8], path: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let resource = try FHIRDecoder().decode(bytes)
        Issue.record("decoded a \(resource.resourceType), expected invalid-value at '\(path)'", sourceLocation: sourceLocation)
    } catch {
        #expect(error.code == .invalidValue, "\(error)", sourceLocation: sourceLocation)
        #expect(error.path == path, "\(error)", sourceLocation: sourceLocation)
    }
}

private func expectDecodes(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: Never.self, sourceLocation: sourceLocation) { try FHIRDecoder().decode(bytes) }
}
