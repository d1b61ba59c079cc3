// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import FHIR

/// Every gematik example decodes, and both codecs reproduce the element tree they read.
@Suite struct ExampleCorpusTests {
    /// Examples that break a Bundle entry rule the E-Rezept announces as an error (warning 253 today).
    /// They must fail with exactly this error, and decode when the rules are switched off.
    static let knownRuleViolations: [String: FHIRDecodingError] = [
        // fullUrl …/Composition/4ca03203-… but Composition.id 7a0b2d5e-…: the case invalid/01 documents.
        "e2e-2025-10-01/Wirkstoff-Verordnung_Unfall/Wirkstoff-Verordnung_Unfall_1/WS_Unfall_VerordnungArzt.xml":
            FHIRDecodingError(.invalidValue, "", path: "Bundle.entry[0].fullUrl")
    ]

    @Test func everyExampleRoundTripsInItsOwnFormat() throws {
        let files = try ExampleCorpus.fhirFiles()
        var failures: [String] = []
        var counts: [FHIRFormat: Int] = [:]
        for url in files {
            let name = ExampleCorpus.name(of: url)
            let input = try ExampleCorpus.bytes(of: url)
            let format = try #require(FHIRFormat.detect(input), "\(name): format not detected")
            do {
                let resource = try decode(input, format: format, name: name)
                let output = FHIREncoder(format: format, prettyPrinted: true).encode(resource)
                let before = try tree(input, format)
                let after = try tree(output, format)
                if let difference = ElementTree.firstDifference(before, after) {
                    failures.append("\(name): element tree changed at \(difference)")
                }
                counts[format, default: 0] += 1
            } catch let error as FHIRDecodingError {
                failures.append("\(name): \(error)")
            }
        }
        print("ExampleCorpusTests: round-tripped \(counts[.xml, default: 0]) XML and \(counts[.json, default: 0]) JSON files")
        #expect(failures.isEmpty, "\(failures.count) of \(files.count) files failed:\n\(failures.joined(separator: "\n"))")
        #expect(files.count > 250, "the corpus seems incomplete: \(files.count) files")
    }

    @Test func everyXMLExampleSurvivesTheTripThroughJSON() throws {
        let files = try ExampleCorpus.fhirFiles().filter { $0.pathExtension == "xml" }
        var failures: [String] = []
        for url in files {
            let name = ExampleCorpus.name(of: url)
            do {
                let fromXML = try decode(try ExampleCorpus.bytes(of: url), format: .xml, name: name)
                let json = FHIREncoder(format: .json).encode(fromXML)
                let fromJSON = try decode(json, format: .json, name: name)
                let xml = FHIREncoder(format: .xml).encode(fromJSON)
                let again = try decode(xml, format: .xml, name: name)
                if fromXML != fromJSON || fromJSON != again {
                    failures.append("\(name): the model changed on the way through JSON")
                }
            } catch let error as FHIRDecodingError {
                failures.append("\(name): \(error)")
            }
        }
        print("ExampleCorpusTests: converted \(files.count) XML files to JSON and back")
        #expect(failures.isEmpty, "\(failures.count) of \(files.count) files failed:\n\(failures.joined(separator: "\n"))")
        #expect(files.count > 150)
    }

    /// Decodes strictly; a known rule violation must fail as recorded and is then decoded without the rules.
    private func decode(_ bytes: [UInt8], format: FHIRFormat, name: String) throws(FHIRDecodingError) -> Resource {
        guard let expected = Self.knownRuleViolations[name] else {
            return try FHIRDecoder().decode(bytes, format: format)
        }
        #expect(throws: expected) { try FHIRDecoder().decode(bytes, format: format) }
        var lenient = FHIRDecoder()
        lenient.checksBundleEntries = false
        return try lenient.decode(bytes, format: format)
    }

    private func tree(_ bytes: [UInt8], _ format: FHIRFormat) throws -> ElementTree {
        switch format {
        case .json: try ElementTree.json(bytes)
        case .xml: try ElementTree.xml(bytes)
        }
    }
}
