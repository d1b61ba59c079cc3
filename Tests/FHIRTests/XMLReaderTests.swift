// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import FHIR

private func read(_ xml: String, maximumDepth: Int = 100) throws(FHIRDecodingError) -> FHIRNode {
    try XMLReader.parse(Array(xml.utf8), maximumDepth: maximumDepth)
}

private func failure(_ bytes: [UInt8], maximumDepth: Int = 100) -> FHIRDecodingError? {
    do {
        _ = try XMLReader.parse(bytes, maximumDepth: maximumDepth)
        return nil
    } catch {
        return error
    }
}

private func failure(_ xml: String, maximumDepth: Int = 100) -> FHIRDecodingError? {
    failure(Array(xml.utf8), maximumDepth: maximumDepth)
}

private func expectFailure(
    _ xml: String,
    _ code: FHIRDecodingError.Code,
    path: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let error = failure(xml)
    #expect(error?.code == code, "\(error.map(String.init(describing:)) ?? "no error")", sourceLocation: sourceLocation)
    #expect(error?.path == path, sourceLocation: sourceLocation)
}

/// Wraps elements in a Patient root.
private func patient(_ content: String) -> String {
    #"<Patient xmlns="http://hl7.org/fhir">\#(content)</Patient>"#
}

private let xhtml = "http://www.w3.org/1999/xhtml"

@Suite struct XMLReaderTests {
    // MARK: - Structure

    @Test func rootBecomesResourceNode() throws {
        let node = try read(#"<?xml version="1.0" encoding="UTF-8"?><Patient xmlns="http://hl7.org/fhir"/>"#)
        #expect(node == FHIRNode(name: "Patient", resourceType: "Patient"))
    }

    @Test func attributesBecomeValueAndChildren() throws {
        let node = try read(
            patient(
                """
                <id value="p1"/>
                <extension url="http://example.org/ext" id="e1">
                  <valueString value="a &amp; b &lt;c&gt; &#10;&#x263A;"/>
                </extension>
                <birthDate id="bd" value="1970-01-01">
                  <extension url="u"><valueCode value="c"/></extension>
                </birthDate>
                """
            )
        )
        #expect(
            node.children == [
                FHIRNode(name: "id", value: .string("p1")),
                FHIRNode(
                    name: "extension",
                    children: [
                        FHIRNode(name: "id", value: .string("e1"), origin: .attribute),
                        FHIRNode(name: "url", value: .string("http://example.org/ext"), origin: .attribute),
                        FHIRNode(name: "valueString", value: .string("a & b <c> \n☺")),
                    ]
                ),
                FHIRNode(
                    name: "birthDate",
                    value: .string("1970-01-01"),
                    children: [
                        FHIRNode(name: "id", value: .string("bd"), origin: .attribute),
                        FHIRNode(
                            name: "extension",
                            children: [
                                FHIRNode(name: "url", value: .string("u"), origin: .attribute),
                                FHIRNode(name: "valueCode", value: .string("c")),
                            ]
                        ),
                    ]
                ),
            ]
        )
    }

    @Test func namespaceDeclarationsAndSchemaLocationAreIgnored() throws {
        let node = try read(
            """
            <Patient xmlns="http://hl7.org/fhir" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="http://hl7.org/fhir fhir-all.xsd" xmlns:x="urn:other">
              <active xmlns="http://hl7.org/fhir" value="true"/>
            </Patient>
            """
        )
        #expect(node.children == [FHIRNode(name: "active", value: .string("true"))])
    }

    @Test func whitespaceCommentsAndProcessingInstructionsAreIgnored() throws {
        let node = try read(
            """
            <?xml version="1.0"?>
            <!-- before -->
            <?pi data?>
            <Patient xmlns="http://hl7.org/fhir">
              <!-- inside --> <?pi?>
              <active value="true"><!-- c --></active>
              <![CDATA[  ]]>
            </Patient>
            <!-- after -->
            """
        )
        #expect(node.children == [FHIRNode(name: "active", value: .string("true"))])
    }

    @Test func containersHoldTheirResource() throws {
        let node = try read(
            """
            <Bundle xmlns="http://hl7.org/fhir">
              <entry>
                <fullUrl value="urn:a"/>
                <resource>
                  <!-- a comment is fine -->
                  <Patient>
                    <id value="p"/>
                    <contained><Medication><id value="m"/></Medication></contained>
                  </Patient>
                </resource>
              </entry>
              <entry><resource><Patient xmlns="http://hl7.org/fhir"/></resource></entry>
            </Bundle>
            """
        )
        #expect(
            node.children == [
                FHIRNode(
                    name: "entry",
                    children: [
                        FHIRNode(name: "fullUrl", value: .string("urn:a")),
                        FHIRNode(
                            name: "resource",
                            children: [
                                FHIRNode(name: "id", value: .string("p")),
                                FHIRNode(name: "contained", children: [FHIRNode(name: "id", value: .string("m"))], resourceType: "Medication"),
                            ],
                            resourceType: "Patient"
                        ),
                    ]
                ),
                FHIRNode(name: "entry", children: [FHIRNode(name: "resource", resourceType: "Patient")]),
            ]
        )
    }

    @Test func containerMisuseIsRejected() {
        let bundle = { (entry: String) in #"<Bundle xmlns="http://hl7.org/fhir"><entry>\#(entry)</entry></Bundle>"# }
        expectFailure(bundle("<resource><Patient/><Patient/></resource>"), .unknownElement, path: "Bundle.entry.resource.Patient")
        expectFailure(bundle(#"<resource><Patient/><id value="x"/></resource>"#), .unknownElement, path: "Bundle.entry.resource.id")
        expectFailure(bundle(#"<resource><id value="x"/><Patient/></resource>"#), .unknownElement, path: "Bundle.entry.resource.Patient")
        expectFailure(bundle(#"<resource id="x"><Patient/></resource>"#), .unknownElement, path: "Bundle.entry.resource.Patient")
        expectFailure(bundle(#"<resource value="x"><Patient/></resource>"#), .unknownElement, path: "Bundle.entry.resource.Patient")
        expectFailure(bundle(#"<resource><Patient id="x"/></resource>"#), .unknownElement, path: "Bundle.entry.resource.Patient.@id")
        expectFailure(bundle("<resource><Patient>text</Patient></resource>"), .unknownElement, path: "Bundle.entry.resource.Patient")
        expectFailure(#"<Bundle xmlns="http://hl7.org/fhir"><Patient/></Bundle>"#, .unknownElement, path: "Bundle.Patient")
        expectFailure(#"<Bundle xmlns="http://hl7.org/fhir" id="x"/>"#, .unknownElement, path: "Bundle.@id")
        expectFailure(#"<Bundle xmlns="http://hl7.org/fhir" value="x"/>"#, .unknownElement, path: "Bundle.@value")
    }

    @Test func rootMustBeAResourceInTheFHIRNamespace() {
        expectFailure(#"<patient xmlns="http://hl7.org/fhir"/>"#, .unknownResourceType, path: "patient")
        expectFailure("<Patient/>", .unknownElement, path: "Patient")
        expectFailure(#"<Patient xmlns="http://hl7.org/fhir/"/>"#, .unknownElement, path: "Patient")
        expectFailure(#"<div xmlns="http://www.w3.org/1999/xhtml"/>"#, .unknownElement, path: "div")
    }

    @Test func elementsOutsideTheFHIRNamespaceAreRejected() {
        expectFailure(patient(#"<name><family xmlns="" value="a"/></name>"#), .unknownElement, path: "Patient.name.family")
        expectFailure(patient(#"<x:active xmlns:x="urn:x" value="true"/>"#), .unknownElement, path: "Patient.active")
    }

    @Test func prefixedFHIRNamespaceIsAccepted() throws {
        let node = try read(#"<f:Patient xmlns:f="http://hl7.org/fhir"><f:active value="true"/></f:Patient>"#)
        #expect(node == FHIRNode(name: "Patient", children: [FHIRNode(name: "active", value: .string("true"))], resourceType: "Patient"))
    }

    @Test func unknownAttributesAreRejected() {
        expectFailure(patient(#"<name foo="x"><family value="a"/></name>"#), .unknownElement, path: "Patient.name.@foo")
        expectFailure(patient(#"<active value="true" xml:lang="de"/>"#), .unknownElement, path: "Patient.active.@lang")
        expectFailure(
            patient(#"<active xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b" value="true"/>"#),
            .unknownElement,
            path: "Patient.active.@schemaLocation"
        )
    }

    @Test func textIsRejected() {
        expectFailure(patient(#"<active value="true">yes</active>"#), .unknownElement, path: "Patient.active")
        expectFailure(patient("x<active value=\"true\"/>"), .unknownElement, path: "Patient")
        expectFailure(patient(#"<active value="true"><![CDATA[x]]></active>"#), .unknownElement, path: "Patient.active")
        expectFailure(patient(#"<name>&amp;</name>"#), .unknownElement, path: "Patient.name")
    }

    @Test func emptyElementsAndValuesAreRejected() {
        expectFailure(patient("<active/>"), .empty, path: "Patient.active")
        expectFailure(patient("<name><family></family></name>"), .empty, path: "Patient.name.family")
        expectFailure(patient(#"<active value=""/>"#), .empty, path: "Patient.active.@value")
        expectFailure(patient(#"<name id=""><family value="a"/></name>"#), .empty, path: "Patient.name.@id")
    }

    @Test func errorPathsCountSameNamedSiblings() {
        let entries = String(repeating: #"<entry><resource><Patient><id value="p"/></Patient></resource></entry>"#, count: 3)
        let last = #"<entry><resource><Patient><foo xmlns="urn:x"/></Patient></resource></entry>"#
        let xml = #"<Bundle xmlns="http://hl7.org/fhir"><id value="b"/>\#(entries)\#(last)</Bundle>"#
        expectFailure(xml, .unknownElement, path: "Bundle.entry[3].resource.Patient.foo")
        expectFailure(patient(#"<name><given value="a"/><given value="b"/><given value=""/></name>"#), .empty, path: "Patient.name.given[2].@value")
    }

    // MARK: - XHTML

    @Test func narrativeDivIsKeptAsMarkup() throws {
        let div = #"<div xmlns="http://www.w3.org/1999/xhtml"><p class="x">Königsstein &amp; <b>Sohn</b> &lt;3</p><br/></div>"#
        let node = try read(patient(#"<text><status value="generated"/>\#(div)</text><active value="true"/>"#))
        #expect(
            node.children == [
                FHIRNode(
                    name: "text",
                    children: [
                        FHIRNode(name: "status", value: .string("generated")),
                        FHIRNode(name: "div", value: .string(div)),
                    ]
                ),
                FHIRNode(name: "active", value: .string("true")),
            ]
        )
        try XHTMLMarkup.validate(div)
    }

    @Test func divWithPrefixedNamespaceBecomesSelfContained() throws {
        let node = try read(
            #"""
            <Patient xmlns="http://hl7.org/fhir" xmlns:h="http://www.w3.org/1999/xhtml">\#
            <text><status value="generated"/><h:div><h:p>x</h:p></h:div></text></Patient>
            """#
        )
        let value = try #require(node.children.first?.children.last?.value)
        guard case .string(let markup) = value else {
            Issue.record("not a string")
            return
        }
        #expect(markup == #"<h:div xmlns:h="http://www.w3.org/1999/xhtml"><h:p>x</h:p></h:div>"#)
        try XHTMLMarkup.validate(markup)
    }

    @Test func xhtmlOutsideAnElementIsRejected() {
        let bundle = #"<Bundle xmlns="http://hl7.org/fhir"><entry><resource><div xmlns="\#(xhtml)"/></resource></entry></Bundle>"#
        #expect(failure(bundle) == nil)
        expectFailure(
            #"<Bundle xmlns="http://hl7.org/fhir"><entry><resource><Patient/><div xmlns="\#(xhtml)"/></resource></entry></Bundle>"#,
            .unknownElement,
            path: "Bundle.entry.resource.div"
        )
    }

    @Test func malformedXHTMLIsASyntaxError() {
        let error = failure(patient(#"<text><div xmlns="\#(xhtml)"><p></div></text>"#))
        #expect(error?.code == .syntax)
    }

    @Test func xhtmlValidation() throws {
        try XHTMLMarkup.validate(#"<div xmlns="http://www.w3.org/1999/xhtml">a<p>b</p></div>"#)
        let invalid = [
            "", "<div>a</div>", #"<p xmlns="http://www.w3.org/1999/xhtml">a</p>"#,
            #"<div xmlns="http://www.w3.org/1999/xhtml"><p></div>"#, #"<div xmlns="http://www.w3.org/1999/xhtml">&nbsp;</div>"#,
            #"<div xmlns="http://www.w3.org/1999/xhtml"/><div xmlns="http://www.w3.org/1999/xhtml"/>"#,
            #"<!DOCTYPE div [<!ENTITY a "b">]><div xmlns="http://www.w3.org/1999/xhtml">&a;</div>"#, "text",
        ]
        for markup in invalid {
            #expect(throws: FHIRDecodingError(.invalidValue, "", path: ""), "\(markup)") { try XHTMLMarkup.validate(markup) }
        }
    }

    // MARK: - Security

    @Test func documentTypeDeclarationsAreRejected() {
        let error = failure(#"<?xml version="1.0"?><!DOCTYPE Patient><Patient xmlns="http://hl7.org/fhir"/>"#)
        #expect(error?.code == .syntax)
        #expect(error?.message.contains("DTD") == true)
    }

    @Test func billionLaughsDoesNotExpand() {
        var entities = #"<!ENTITY lol0 "lollollollollollollollollollol">"#
        for level in 1...9 {
            let previous = "&lol\(level - 1);"
            entities += "<!ENTITY lol\(level) \"\(String(repeating: previous, count: 10))\">"
        }
        let xml = #"<?xml version="1.0"?><!DOCTYPE Patient [\#(entities)]><Patient xmlns="http://hl7.org/fhir"><id value="&lol9;"/></Patient>"#
        // Refused before any expansion (an expanding parser would need about 3 GB here, not a wall-clock limit).
        let error = failure(xml)
        #expect(error?.code == .syntax)
    }

    @Test func externalEntitiesAreRejected() {
        let xml = """
            <!-- leading comment --><!DOCTYPE Patient [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <Patient xmlns="http://hl7.org/fhir"><id value="&xxe;"/></Patient>
            """
        #expect(failure(xml)?.code == .syntax)
    }

    @Test func undeclaredEntitiesAreSyntaxErrors() {
        let error = failure(patient(#"<id value="&xxe;"/>"#))
        #expect(error?.code == .syntax)
        #expect(error?.message.contains("line 1") == true)
    }

    // MARK: - Syntax

    @Test func syntaxErrorsCarryTheLine() {
        let error = failure("<Patient xmlns=\"http://hl7.org/fhir\">\n<active value=\"true\">\n</Patient>")
        #expect(error?.code == .syntax)
        #expect(error?.message.contains("line 3") == true, "\(error?.message ?? "")")
    }

    @Test func everyTruncationFails() {
        let xml = Array(patient(#"<name><given value="Ö&amp;"/></name><text><status value="x"/><div xmlns="\#(xhtml)"><p>x</p></div></text>"#).utf8)
        for length in 0..<xml.count {
            let error = failure(Array(xml[..<length]))
            #expect(error?.code == .syntax, "length \(length): \(error.map(String.init(describing:)) ?? "no error")")
        }
        #expect(failure(xml) == nil)
    }

    @Test func invalidUTF8IsASyntaxError() {
        let bytes = Array(#"<Patient xmlns="http://hl7.org/fhir"><id value=""#.utf8) + [0xC3, 0x28] + Array(#""/></Patient>"#.utf8)
        #expect(failure(bytes)?.code == .syntax)
    }

    @Test func documentsAreReadAsUTF8WhateverTheyDeclare() throws {
        let node = try read(#"<?xml version="1.0" encoding="ISO-8859-1"?><Patient xmlns="http://hl7.org/fhir"><id value="Ö"/></Patient>"#)
        #expect(node.children.first?.value == .string("Ö"))
    }

    @Test func byteOrderMarkAndOtherEncodingsAreRejected() {
        let xml = #"<Patient xmlns="http://hl7.org/fhir"/>"#
        #expect(failure([0xEF, 0xBB, 0xBF] + Array(xml.utf8))?.code == .byteOrderMark)
        let utf16: [UInt8] = [0xFF, 0xFE] + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(failure(utf16)?.code == .syntax)
    }

    @Test func emptyAndNonXMLInputFails() {
        #expect(failure([UInt8]())?.code == .syntax)
        #expect(failure("   ")?.code == .syntax)
        #expect(failure(#"{"resourceType":"Patient"}"#)?.code == .syntax)
    }

    /// libxml2 refuses a single value of about 10,000,000 bytes unless XML_PARSE_HUGE is set; the reader sets it,
    /// because the decoder bounds the document size itself (`FHIRDecoder.maximumSize`).
    @Test func valuesBeyondLibXML2sDefaultLimitParse() throws {
        let big = String(repeating: "abcdefghij", count: 1_048_576)
        let node = try read(#"<Binary xmlns="http://hl7.org/fhir"><data value="\#(big)"/></Binary>"#)
        #expect(node.children.first?.value == .string(big))
    }

    @Test func parallelReadersDoNotShareState() async {
        let valid = patient(#"<name><given value="a"/></name><text><status value="x"/><div xmlns="\#(xhtml)"><p>x</p></div></text>"#)
        let broken = patient("<name><given value=\"a\"/></name")
        let results = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<16 {
                group.addTask {
                    for _ in 0..<50 {
                        let error = failure(task.isMultiple(of: 2) ? valid : broken)
                        guard task.isMultiple(of: 2) ? error == nil : error?.code == .syntax else { return false }
                    }
                    return true
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 })
    }

    // MARK: - Depth

    @Test func depthIsLimited() throws {
        func nested(_ depth: Int) -> String {
            patient(String(repeating: "<a>", count: depth - 1) + String(repeating: "</a>", count: depth - 1))
        }
        #expect(failure(nested(10), maximumDepth: 10)?.code == .empty)
        #expect(failure(nested(11), maximumDepth: 10)?.code == .tooDeep)
    }

    @Test func deepNestingFailsFast() {
        let xml = patient(String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000))
        #expect(failure(xml)?.code == .tooDeep)
        // Beyond libxml2's own limit of 256 levels, its error is reported as too deep as well.
        #expect(failure(xml, maximumDepth: 100_000)?.code == .tooDeep)
        #expect(failure(patient(String(repeating: "<a>", count: 100_000)))?.code == .tooDeep)
    }
}
