// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import FHIR

private func compact(_ node: FHIRNode) -> String {
    String(decoding: JSONWriter.write(node, prettyPrinted: false), as: UTF8.self)
}

private func pretty(_ node: FHIRNode) -> String {
    String(decoding: JSONWriter.write(node, prettyPrinted: true), as: UTF8.self)
}

/// Reads, writes (compact and pretty) and reads again, expecting the same tree.
private func expectRoundTrip(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let node = try JSONReader.parse(Array(json.utf8), maximumDepth: 100)
    for prettyPrinted in [false, true] {
        let written = JSONWriter.write(node, prettyPrinted: prettyPrinted)
        let again = try JSONReader.parse(written, maximumDepth: 100)
        #expect(again == node, "\(String(decoding: written, as: UTF8.self))", sourceLocation: sourceLocation)
    }
}

@Suite struct JSONWriterTests {
    private let patient = FHIRNode(
        name: "Patient",
        children: [
            FHIRNode(name: "id", value: .string("p1")),
            FHIRNode(name: "active", value: .bool(true)),
            FHIRNode(
                name: "name",
                children: [
                    FHIRNode(name: "family", value: .string("Königsstein")),
                    FHIRNode(name: "given", value: .string("Ludger"), origin: .arrayItem),
                ],
                origin: .arrayItem
            ),
            FHIRNode(name: "multipleBirthInteger", value: .number("2")),
        ],
        resourceType: "Patient"
    )

    @Test func compactOutput() {
        #expect(
            compact(patient) == #"""
                {"resourceType":"Patient","id":"p1","active":true,"name":[{"family":"Königsstein","given":["Ludger"]}],"multipleBirthInteger":2}
                """#
        )
    }

    @Test func prettyOutputLooksLikeTheSpecification() {
        #expect(
            pretty(patient) == """
                {
                  "resourceType": "Patient",
                  "id": "p1",
                  "active": true,
                  "name": [
                    {
                      "family": "Königsstein",
                      "given": [
                        "Ludger"
                      ]
                    }
                  ],
                  "multipleBirthInteger": 2
                }
                """
        )
    }

    @Test func sameNamedChildrenAreGroupedInOrderOfFirstAppearance() {
        let node = FHIRNode(
            name: "Patient",
            children: [
                FHIRNode(name: "identifier", children: [FHIRNode(name: "value", value: .string("1"))], origin: .arrayItem),
                FHIRNode(name: "active", value: .bool(false)),
                FHIRNode(name: "identifier", children: [FHIRNode(name: "value", value: .string("2"))], origin: .arrayItem),
            ],
            resourceType: "Patient"
        )
        #expect(compact(node) == #"{"resourceType":"Patient","identifier":[{"value":"1"},{"value":"2"}],"active":false}"#)
    }

    @Test func arraysFollowTheArrayItemFlag() {
        let node = FHIRNode(
            name: "Basic",
            children: [
                FHIRNode(name: "one", value: .string("a"), origin: .arrayItem),
                FHIRNode(name: "single", value: .string("b")),
                FHIRNode(name: "twice", value: .string("c")),
                FHIRNode(name: "twice", value: .string("d")),
            ],
            resourceType: "Basic"
        )
        #expect(compact(node) == #"{"resourceType":"Basic","one":["a"],"single":"b","twice":["c","d"]}"#)
    }

    @Test func childResourcesStartWithTheirType() {
        let node = FHIRNode(
            name: "Bundle",
            children: [
                FHIRNode(
                    name: "entry",
                    children: [
                        FHIRNode(name: "resource", children: [FHIRNode(name: "id", value: .string("x"))], resourceType: "Patient")
                    ],
                    origin: .arrayItem
                ),
                FHIRNode(name: "contained", resourceType: "Medication", origin: .arrayItem),
            ],
            resourceType: "Bundle"
        )
        #expect(
            compact(node) == #"""
                {"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","id":"x"}}],"contained":[{"resourceType":"Medication"}]}
                """#
        )
    }

    @Test func primitiveExtensionsGoToUnderscoreMembers() {
        let extensionNode = FHIRNode(
            name: "extension",
            children: [
                FHIRNode(name: "url", value: .string("u")),
                FHIRNode(name: "valueCode", value: .string("c")),
            ],
            origin: .arrayItem
        )
        let node = FHIRNode(
            name: "Patient",
            children: [
                FHIRNode(name: "birthDate", value: .string("1970"), children: [FHIRNode(name: "id", value: .string("b")), extensionNode]),
                FHIRNode(name: "deceasedBoolean", children: [extensionNode], origin: .primitive),
                FHIRNode(name: "active", value: .bool(true)),
            ],
            resourceType: "Patient"
        )
        #expect(
            compact(node) == #"""
                {"resourceType":"Patient","birthDate":"1970","_birthDate":{"id":"b","extension":[{"url":"u","valueCode":"c"}]},\#
                "_deceasedBoolean":{"extension":[{"url":"u","valueCode":"c"}]},"active":true}
                """#
        )
    }

    @Test func primitiveArrayExtensionsAreAligned() {
        let node = FHIRNode(
            name: "Patient",
            children: [
                FHIRNode(name: "given", value: .string("a"), origin: .arrayItem),
                FHIRNode(name: "given", children: [FHIRNode(name: "id", value: .string("i"))], origin: [.arrayItem, .primitive]),
                FHIRNode(name: "given", value: .string("c"), children: [FHIRNode(name: "id", value: .string("j"))], origin: .arrayItem),
                FHIRNode(name: "prefix", value: .string("Dr"), origin: .arrayItem),
                FHIRNode(name: "suffix", children: [FHIRNode(name: "id", value: .string("k"))], origin: [.arrayItem, .primitive]),
            ],
            resourceType: "Patient"
        )
        #expect(
            compact(node) == #"""
                {"resourceType":"Patient","given":["a",null,"c"],"_given":[null,{"id":"i"},{"id":"j"}],"prefix":["Dr"],"_suffix":[{"id":"k"}]}
                """#
        )
    }

    @Test func stringsEscapeOnlyWhatJSONRequires() {
        let node = FHIRNode(
            name: "Basic",
            children: [
                FHIRNode(name: "a", value: .string("q\"b\\s/n\nr\rt\tb\u{8}f\u{C}c\u{1}\u{1F}é€😀\u{7F}"))
            ],
            resourceType: "Basic"
        )
        #expect(compact(node) == #"{"resourceType":"Basic","a":"q\"b\\s/n\nr\rt\tb\bf\fc\u0001\u001fé€😀\#u{7F}"}"#)
    }

    @Test func scalarsAreWrittenAsTheirKind() {
        let node = FHIRNode(
            name: "Basic",
            children: [
                FHIRNode(name: "d", value: .number("1.50")),
                FHIRNode(name: "e", value: .number("-1E-7")),
                FHIRNode(name: "t", value: .bool(true)),
                FHIRNode(name: "f", value: .bool(false)),
                FHIRNode(name: "s", value: .string("1.50")),
            ],
            resourceType: "Basic"
        )
        #expect(compact(node) == #"{"resourceType":"Basic","d":1.50,"e":-1E-7,"t":true,"f":false,"s":"1.50"}"#)
    }

    @Test func narrativeMarkupIsAString() throws {
        try expectRoundTrip(
            #"""
            {"resourceType":"Patient","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a &amp; b</p></div>"}}
            """#
        )
    }

    @Test func roundTripKeepsTheTree() throws {
        try expectRoundTrip(
            #"""
            {"resourceType":"Bundle","id":"b","type":"collection","entry":[
              {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient","id":"p",
                "extension":[{"url":"u","valueDecimal":1.500}],
                "_active":{"extension":[{"url":"dar","valueCode":"unknown"}]},
                "name":[{"given":["A",null,"C"],"_given":[null,{"id":"g2","extension":[{"url":"x","valueString":"B"}]},null],
                         "family":"Ö\n\"q\"\u0001"}],
                "birthDate":"1970-01-01","_birthDate":{"id":"bd"},
                "contained":[{"resourceType":"Medication","id":"m"}]}},
              {"resource":{"resourceType":"Observation","valueQuantity":{"value":-0.0e+1},"_status":[{"id":"s"}]}}]}
            """#
        )
    }

    /// Every JSON example of the corpus reads, and reads back the same after writing.
    @Test func examplesRoundTrip() throws {
        let files = try ExampleCorpus.fhirFiles().filter { $0.pathExtension == "json" }
        #expect(!files.isEmpty)
        for url in files {
            let node = try JSONReader.parse(ExampleCorpus.bytes(of: url), maximumDepth: 100)
            for prettyPrinted in [false, true] {
                let again = try JSONReader.parse(JSONWriter.write(node, prettyPrinted: prettyPrinted), maximumDepth: 100)
                #expect(again == node, "\(ExampleCorpus.name(of: url))")
            }
        }
    }
}
