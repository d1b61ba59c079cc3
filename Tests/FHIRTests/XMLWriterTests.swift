// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import FHIR

private func compact(_ node: FHIRNode) -> String {
    String(decoding: XMLWriter.write(node, prettyPrinted: false), as: UTF8.self)
}

private func pretty(_ node: FHIRNode) -> String {
    String(decoding: XMLWriter.write(node, prettyPrinted: true), as: UTF8.self)
}

/// Reads, writes (compact and pretty) and reads again, expecting the same tree.
private func expectRoundTrip(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let node = try XMLReader.parse(Array(xml.utf8), maximumDepth: 100)
    for prettyPrinted in [false, true] {
        let written = XMLWriter.write(node, prettyPrinted: prettyPrinted)
        let again = try XMLReader.parse(written, maximumDepth: 100)
        #expect(again == node, "\(String(decoding: written, as: UTF8.self))", sourceLocation: sourceLocation)
    }
}

private let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"#

@Suite struct XMLWriterTests {
    private let patient = FHIRNode(
        name: "Patient",
        children: [
            FHIRNode(name: "id", value: .string("p1")),
            FHIRNode(
                name: "extension",
                children: [
                    FHIRNode(name: "url", value: .string("http://example.org/e")),
                    FHIRNode(name: "valueBoolean", value: .bool(true)),
                ],
                origin: .arrayItem
            ),
            FHIRNode(name: "active", value: .bool(true)),
            FHIRNode(
                name: "name",
                children: [
                    FHIRNode(name: "id", value: .string("n1")),
                    FHIRNode(name: "family", value: .string("Königsstein")),
                ],
                origin: .arrayItem
            ),
            FHIRNode(name: "multipleBirthInteger", value: .number("2")),
        ],
        resourceType: "Patient"
    )

    @Test func compactOutput() {
        #expect(
            compact(patient) == declaration + #"""
                <Patient xmlns="http://hl7.org/fhir"><id value="p1"/><extension url="http://example.org/e"><valueBoolean value="true"/>\#
                </extension><active value="true"/><name id="n1"><family value="Königsstein"/></name><multipleBirthInteger value="2"/></Patient>
                """#
        )
    }

    @Test func prettyOutput() {
        #expect(
            pretty(patient) == declaration + "\n" + """
                <Patient xmlns="http://hl7.org/fhir">
                  <id value="p1"/>
                  <extension url="http://example.org/e">
                    <valueBoolean value="true"/>
                  </extension>
                  <active value="true"/>
                  <name id="n1">
                    <family value="Königsstein"/>
                  </name>
                  <multipleBirthInteger value="2"/>
                </Patient>

                """
        )
    }

    @Test func primitivesPutIdFirstThenValueThenExtensions() {
        let node = FHIRNode(
            name: "Patient",
            children: [
                FHIRNode(
                    name: "birthDate",
                    value: .string("1970"),
                    children: [
                        FHIRNode(name: "id", value: .string("b")),
                        FHIRNode(
                            name: "extension",
                            children: [FHIRNode(name: "url", value: .string("u")), FHIRNode(name: "valueCode", value: .string("c"))]
                        ),
                    ]
                ),
                FHIRNode(
                    name: "deceasedBoolean",
                    children: [
                        FHIRNode(
                            name: "extension",
                            children: [FHIRNode(name: "url", value: .string("u")), FHIRNode(name: "valueCode", value: .string("c"))]
                        )
                    ],
                    origin: .primitive
                ),
            ],
            resourceType: "Patient"
        )
        #expect(
            compact(node) == declaration + #"""
                <Patient xmlns="http://hl7.org/fhir"><birthDate id="b" value="1970"><extension url="u"><valueCode value="c"/></extension>\#
                </birthDate><deceasedBoolean><extension url="u"><valueCode value="c"/></extension></deceasedBoolean></Patient>
                """#
        )
    }

    @Test func urlIsAnAttributeOnlyOnExtensions() {
        let node = FHIRNode(
            name: "Bundle",
            children: [
                FHIRNode(name: "link", children: [FHIRNode(name: "relation", value: .string("self")), FHIRNode(name: "url", value: .string("u"))]),
                FHIRNode(
                    name: "modifierExtension",
                    children: [FHIRNode(name: "url", value: .string("m")), FHIRNode(name: "valueString", value: .string("v"))]
                ),
            ],
            resourceType: "Bundle"
        )
        #expect(
            compact(node) == declaration + #"""
                <Bundle xmlns="http://hl7.org/fhir"><link><relation value="self"/><url value="u"/></link>\#
                <modifierExtension url="m"><valueString value="v"/></modifierExtension></Bundle>
                """#
        )
    }

    @Test func childResourcesAreWrappedInTheirContainer() {
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
            compact(node) == declaration + #"""
                <Bundle xmlns="http://hl7.org/fhir"><entry><resource><Patient><id value="x"/></Patient></resource></entry>\#
                <contained><Medication/></contained></Bundle>
                """#
        )
        #expect(
            pretty(node) == declaration + "\n" + """
                <Bundle xmlns="http://hl7.org/fhir">
                  <entry>
                    <resource>
                      <Patient>
                        <id value="x"/>
                      </Patient>
                    </resource>
                  </entry>
                  <contained>
                    <Medication/>
                  </contained>
                </Bundle>

                """
        )
    }

    @Test func narrativeMarkupIsWrittenAsItIs() {
        let div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">\n  <p>a &amp; b</p>\n</div>"
        let node = FHIRNode(
            name: "Patient",
            children: [
                FHIRNode(name: "text", children: [FHIRNode(name: "status", value: .string("generated")), FHIRNode(name: "div", value: .string(div))])
            ],
            resourceType: "Patient"
        )
        #expect(
            pretty(node) == declaration + "\n" + """
                <Patient xmlns="http://hl7.org/fhir">
                  <text>
                    <status value="generated"/>
                    \(div)
                  </text>
                </Patient>

                """
        )
    }

    @Test func attributeValuesAreEscapedToSurviveNormalisation() throws {
        let text = "a & b < c > d \"e\" 'f'\nline\r\ttab  two spaces é"
        let node = FHIRNode(name: "Basic", children: [FHIRNode(name: "s", value: .string(text))], resourceType: "Basic")
        #expect(
            compact(node) == declaration + #"""
                <Basic xmlns="http://hl7.org/fhir"><s value="a &amp; b &lt; c &gt; d &quot;e&quot; 'f'&#10;line&#13;&#9;tab  two spaces é"/></Basic>
                """#
        )
        let again = try XMLReader.parse(XMLWriter.write(node, prettyPrinted: true), maximumDepth: 100)
        #expect(again.children.first?.value == .string(text))
    }

    @Test func roundTripKeepsTheTree() throws {
        try expectRoundTrip(
            """
            <Bundle xmlns="http://hl7.org/fhir" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b">
              <id value="b"/>
              <entry>
                <fullUrl value="urn:uuid:1"/>
                <resource>
                  <Patient>
                    <id value="p"/>
                    <text>
                      <status value="generated"/>
                      <div xmlns="http://www.w3.org/1999/xhtml">
                        <p>Königsstein &amp; <b>Sohn</b></p>
                      </div>
                    </text>
                    <contained><Medication><id value="m"/></Medication></contained>
                    <extension url="u"><valueDecimal value="1.500"/></extension>
                    <name id="n">
                      <given value="A"/>
                      <given id="g"><extension url="x"><valueString value="B&#10;C"/></extension></given>
                    </name>
                  </Patient>
                </resource>
              </entry>
            </Bundle>
            """
        )
    }

    /// Every XML example of the corpus reads, and reads back the same after writing.
    @Test func examplesRoundTrip() throws {
        let files = try ExampleCorpus.fhirFiles().filter { $0.pathExtension == "xml" }
        #expect(!files.isEmpty)
        for url in files {
            let node = try XMLReader.parse(ExampleCorpus.bytes(of: url), maximumDepth: 100)
            for prettyPrinted in [false, true] {
                let again = try XMLReader.parse(XMLWriter.write(node, prettyPrinted: prettyPrinted), maximumDepth: 100)
                #expect(again == node, "\(ExampleCorpus.name(of: url))")
            }
        }
    }
}
