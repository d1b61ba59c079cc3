// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import FHIR

/// Every gematik example decodes, and both codecs reproduce the element tree they read.
@Suite struct ExampleCorpusTests {
    @Test func everyExampleRoundTripsInItsOwnFormat() throws {
        let files = try ExampleCorpus.fhirFiles()
        var failures: [String] = []
        var counts: [FHIRFormat: Int] = [:]
        for url in files {
            let name = ExampleCorpus.name(of: url)
            let input = try ExampleCorpus.bytes(of: url)
            let format = try #require(FHIRFormat.detect(input), "\(name): format not detected")
            do {
                let resource = try FHIRDecoder().decode(input, format: format)
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
                let fromXML = try FHIRDecoder().decode(try ExampleCorpus.bytes(of: url), format: .xml)
                let json = FHIREncoder(format: .json).encode(fromXML)
                let fromJSON = try FHIRDecoder().decode(json, format: .json)
                let xml = FHIREncoder(format: .xml).encode(fromJSON)
                let again = try FHIRDecoder().decode(xml, format: .xml)
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

    private func tree(_ bytes: [UInt8], _ format: FHIRFormat) throws -> ElementTree {
        switch format {
        case .json: try ElementTree.json(bytes)
        case .xml: try ElementTree.xml(bytes)
        }
    }
}
