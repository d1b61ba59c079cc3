// SPDX-License-Identifier: Apache-2.0

import PropertyBased
import Testing

@testable import FHIR

/// Random valid resources survive every trip through the codecs unchanged.
///
/// The resources come from ``ResourceFactory`` (Patients, Tasks, Medications and collection Bundles with awkward
/// text, extensions on primitives, value-less primitives, decimals and dates of every precision). A failure names the
/// seed: `ResourceFactory(seed:).anyResource()` rebuilds the resource, and the `.fixedSeed(…)` trait that the property
/// library prints replays the case.
@Suite struct RoundTripPropertyTests {
    /// Cases per property (and per argument of a parameterised property).
    static let cases = 250

    @Test func jsonEncodeThenDecodeGivesAnEqualValue() async {
        await propertyCheck(count: Self.cases, input: ResourceGenerators.resources) { generated in
            let json = encode(generated.resource, .json)
            guard let decoded = decode(json, .json, of: generated) else { return }
            #expect(decoded == generated.resource, "\(difference(generated.resource, decoded))")
        }
    }

    @Test func xmlEncodeThenDecodeGivesAnEqualValue() async {
        await propertyCheck(count: Self.cases, input: ResourceGenerators.resources) { generated in
            let xml = encode(generated.resource, .xml)
            guard let decoded = decode(xml, .xml, of: generated) else { return }
            #expect(decoded == generated.resource, "\(difference(generated.resource, decoded))")
        }
    }

    @Test func xmlThroughJSONBackToXMLGivesAnEqualValue() async {
        await propertyCheck(count: Self.cases, input: ResourceGenerators.resources) { generated in
            let xml = encode(generated.resource, .xml)
            guard let fromXML = decode(xml, .xml, of: generated) else { return }
            let json = encode(fromXML, .json)
            guard let fromJSON = decode(json, .json, of: generated) else { return }
            let xmlAgain = encode(fromJSON, .xml)
            guard let final = decode(xmlAgain, .xml, of: generated) else { return }
            #expect(fromJSON == generated.resource, "XML → JSON: \(difference(generated.resource, fromJSON))")
            #expect(final == generated.resource, "XML → JSON → XML: \(difference(generated.resource, final))")
            #expect(xmlAgain == xml, "the XML written after the trip through JSON differs: \(firstDifference(xml, xmlAgain))")
        }
    }

    @Test(arguments: FHIRFormat.allCases)
    func prettyAndCompactOutputDecodeToTheSameValue(format: FHIRFormat) async {
        await propertyCheck(count: Self.cases, input: ResourceGenerators.resources) { generated in
            let pretty = encode(generated.resource, format, pretty: true)
            let compact = encode(generated.resource, format)
            #expect(pretty.count > compact.count, "pretty-printed \(format) is not longer than compact \(format)")
            guard let fromPretty = decode(pretty, format, of: generated), let fromCompact = decode(compact, format, of: generated) else {
                return
            }
            #expect(fromPretty == fromCompact, "\(difference(fromCompact, fromPretty))")
            #expect(fromCompact == generated.resource, "\(difference(generated.resource, fromCompact))")
        }
    }

    /// The same value gives the same bytes: twice in a row, and again after a decode (the output is canonical).
    @Test(arguments: [(FHIRFormat.json, false), (.json, true), (.xml, false), (.xml, true)])
    func encodingIsDeterministic(format: FHIRFormat, pretty: Bool) async {
        await propertyCheck(count: Self.cases, input: ResourceGenerators.resources) { generated in
            let first = encode(generated.resource, format, pretty: pretty)
            let second = encode(generated.resource, format, pretty: pretty)
            #expect(first == second, "two encodings differ: \(firstDifference(first, second))")
            guard let decoded = decode(first, format, of: generated) else { return }
            let again = encode(decoded, format, pretty: pretty)
            #expect(again == first, "re-encoding the decoded value differs: \(firstDifference(first, again))")
        }
    }

    // MARK: - The generator itself

    @Test func theGeneratorProducesEveryFeatureThePropertiesRelyOn() {
        var seen: Set<ResourceFactory.Feature> = []
        for seed in UInt64(0)..<300 {
            let factory = ResourceFactory(seed: seed)
            _ = factory.anyResource()
            seen.formUnion(factory.features)
        }
        let missing = ResourceFactory.Feature.allCases.filter { !seen.contains($0) }.map(\.rawValue)
        #expect(missing.isEmpty, "300 seeds never generated: \(missing.joined(separator: ", "))")
    }

    @Test func theGeneratorIsDeterminedByTheSeed() {
        #expect(ResourceFactory(seed: 42).anyResource() == ResourceFactory(seed: 42).anyResource())
        #expect(ResourceFactory(seed: 42).anyResource() != ResourceFactory(seed: 43).anyResource())
    }

    /// The decoder checks the Bundle entry rules; the generator must keep them, or the properties test nothing.
    @Test func generatedBundlesKeepTheEntryRules() throws {
        var bundles = 0
        for seed in UInt64(0)..<200 {
            let factory = ResourceFactory(seed: seed)
            let bundle = factory.bundle()
            bundles += 1
            #expect(throws: Never.self, "seed \(seed)") { try BundleEntryRules.check(bundle) }
            for entry in bundle.entry {
                let id = try #require(entry.resource?.base.id?.value)
                #expect(entry.fullUrl?.value == "urn:uuid:" + id)
                #expect(FHIRUUID.isValid("urn:uuid:" + id), "\(id) is not a lower-case UUID")
            }
        }
        #expect(bundles == 200)
    }
}

// MARK: - Helpers

private func encode(_ resource: Resource, _ format: FHIRFormat, pretty: Bool = false) -> [UInt8] {
    FHIREncoder(format: format, prettyPrinted: pretty).encode(resource)
}

/// Decodes the codec's own output, recording an issue with the document when it fails.
private func decode(_ bytes: [UInt8], _ format: FHIRFormat, of generated: GeneratedResource) -> Resource? {
    do {
        return try FHIRDecoder().decode(bytes, format: format)
    } catch {
        let document = String(decoding: bytes.prefix(6_000), as: UTF8.self)
        Issue.record("\(format) written for \(generated.testDescription) does not decode: \(error)\n\(document)")
        return nil
    }
}

/// Where two values differ, as the first differing line of their `dump` with the lines before it for context.
private func difference(_ expected: Resource, _ actual: Resource) -> String {
    var left = ""
    var right = ""
    dump(expected, to: &left)
    dump(actual, to: &right)
    let leftLines = left.split(separator: "\n", omittingEmptySubsequences: false)
    let rightLines = right.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(leftLines.count, rightLines.count) {
        let expectedLine = index < leftLines.count ? String(leftLines[index]) : "<end>"
        let actualLine = index < rightLines.count ? String(rightLines[index]) : "<end>"
        if expectedLine != actualLine {
            let context = leftLines[max(0, index - 4)..<min(index, leftLines.count)].joined(separator: "\n")
            return "first difference at dump line \(index + 1):\n\(context)\nexpected: \(expectedLine)\nactual:   \(actualLine)"
        }
    }
    return "the dumps are identical"
}

/// Where two documents differ, as a short excerpt of each from the first differing byte.
private func firstDifference(_ expected: [UInt8], _ actual: [UInt8]) -> String {
    let common = min(expected.count, actual.count)
    let offset = (0..<common).first { expected[$0] != actual[$0] } ?? common
    func excerpt(_ bytes: [UInt8]) -> String {
        String(decoding: bytes[max(0, offset - 60)..<min(bytes.count, offset + 60)], as: UTF8.self)
    }
    return "at byte \(offset) of \(expected.count) vs \(actual.count):\n\(excerpt(expected))\n---\n\(excerpt(actual))"
}
