// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import FHIR

/// Hand-made broken documents: each must fail with the right error code and a path naming the offending element.
///
/// Paths follow the decoder's conventions: a repeating element carries its zero-based index (`name[0]`) when the
/// model decoder reports the error. Errors found by the XML reader itself (namespaces, depth, attributes) name an
/// element's index only when it is above zero and name attributes as `.@value`, because the reader streams.
@Suite struct BrokenInputTests {
    // MARK: - Unknown elements

    @Test func unknownElementAtTheRoot() {
        expectFailure(#"{"resourceType":"Patient","foo":"bar"}"#, .unknownElement, path: "Patient.foo")
        expectFailure(xmlPatient(#"<foo value="bar"/>"#), .unknownElement, path: "Patient.foo")
    }

    @Test func unknownElementInsideADatatype() {
        expectFailure(#"{"resourceType":"Patient","name":[{"family":"A","middle":"B"}]}"#, .unknownElement, path: "Patient.name[0].middle")
        expectFailure(xmlPatient(#"<name><family value="A"/><middle value="B"/></name>"#), .unknownElement, path: "Patient.name[0].middle")
    }

    @Test func unknownElementInTheSecondEntryOfABundle() {
        let json = jsonBundle(
            jsonEntry(uuid: uuid1, #"{"resourceType":"Patient","id":"\#(uuid1)"}"#),
            jsonEntry(uuid: uuid2, #"{"resourceType":"Patient","id":"\#(uuid2)","foo":true}"#)
        )
        expectFailure(json, .unknownElement, path: "Bundle.entry[1].resource.Patient.foo")
        let xml = xmlBundle(
            xmlEntry(uuid: uuid1, #"<Patient><id value="\#(uuid1)"/></Patient>"#),
            xmlEntry(uuid: uuid2, #"<Patient><id value="\#(uuid2)"/><foo value="true"/></Patient>"#)
        )
        expectFailure(xml, .unknownElement, path: "Bundle.entry[1].resource.Patient.foo")
    }

    // MARK: - Primitives of the wrong kind

    @Test func jsonStringForABoolean() {
        expectFailure(#"{"resourceType":"Patient","active":"true"}"#, .wrongType, path: "Patient.active")
    }

    @Test func xmlBooleanThatIsNotTrueOrFalse() {
        expectFailure(xmlPatient(#"<active value="yes"/>"#), .invalidValue, path: "Patient.active")
    }

    @Test func jsonNumberForAString() {
        expectFailure(#"{"resourceType":"Patient","name":[{"family":42}]}"#, .wrongType, path: "Patient.name[0].family")
    }

    @Test func jsonStringForADecimal() {
        let json = #"{"resourceType":"Medication","amount":{"numerator":{"value":"1.5"}}}"#
        expectFailure(json, .wrongType, path: "Medication.amount.numerator.value")
    }

    /// An object where a primitive belongs is a value of the wrong kind, whatever its members are.
    @Test func jsonObjectForAPrimitive() {
        expectFailure(#"{"resourceType":"Patient","gender":{"value":"male"}}"#, .wrongType, path: "Patient.gender")
    }

    /// FHIR JSON carries a primitive's extensions in `_birthDate`; an object under `birthDate` itself is wrong.
    @Test func jsonPrimitiveExtensionsUnderThePlainName() {
        let json = #"{"resourceType":"Patient","birthDate":{"extension":[{"url":"http://example.org/x","valueString":"y"}]}}"#
        expectFailure(json, .wrongType, path: "Patient.birthDate")
    }

    /// `01` is not a JSON number (RFC 8259 has no leading zeros), so the document is not JSON.
    @Test func jsonIntegerWithALeadingZero() {
        expectFailure(#"{"resourceType":"Patient","multipleBirthInteger":01}"#, .syntax, path: "Patient.multipleBirthInteger")
    }

    @Test func integerWithALeadingZeroAsText() {
        expectFailure(#"{"resourceType":"Patient","multipleBirthInteger":"01"}"#, .wrongType, path: "Patient.multipleBirthInteger")
        expectFailure(xmlPatient(#"<multipleBirthInteger value="01"/>"#), .invalidValue, path: "Patient.multipleBirthInteger")
    }

    @Test func integerOutOfRange() {
        expectFailure(#"{"resourceType":"Patient","multipleBirthInteger":2147483648}"#, .invalidValue, path: "Patient.multipleBirthInteger")
        expectFailure(#"{"resourceType":"Patient","multipleBirthInteger":1.0}"#, .invalidValue, path: "Patient.multipleBirthInteger")
    }

    // MARK: - Dates

    @Test(arguments: ["2024-13-01", "2024-02-30", "2023-02-29", "2024-00-10", "24-01-01", "2024-1-5", "2024-03-15T10:30:00Z"])
    func invalidDate(_ lexical: String) {
        expectFailure(#"{"resourceType":"Patient","birthDate":"\#(lexical)"}"#, .invalidValue, path: "Patient.birthDate")
        expectFailure(xmlPatient(#"<birthDate value="\#(lexical)"/>"#), .invalidValue, path: "Patient.birthDate")
    }

    @Test(arguments: ["2024-03-15T10:30:00", "2024-03-15T10:30", "2024-03-15T25:00:00Z", "2024-03-15T10:30:00+15:00"])
    func dateTimeWithTimeButNoValidZone(_ lexical: String) {
        expectFailure(jsonTask(#""authoredOn":"\#(lexical)""#), .invalidValue, path: "Task.authoredOn")
        expectFailure(xmlTask(#"<authoredOn value="\#(lexical)"/>"#), .invalidValue, path: "Task.authoredOn")
    }

    @Test(arguments: ["2024-03-15", "2024-03", "2024"])
    func instantWithoutTime(_ lexical: String) {
        expectFailure(#"{"resourceType":"Bundle","type":"collection","timestamp":"\#(lexical)"}"#, .invalidValue, path: "Bundle.timestamp")
        let xml = #"<Bundle xmlns="http://hl7.org/fhir"><type value="collection"/><timestamp value="\#(lexical)"/></Bundle>"#
        expectFailure(xml, .invalidValue, path: "Bundle.timestamp")
        let meta = #"{"resourceType":"Patient","meta":{"lastUpdated":"\#(lexical)"}}"#
        expectFailure(meta, .invalidValue, path: "Patient.meta.lastUpdated")
    }

    // MARK: - Duplicates

    @Test func jsonDuplicateKey() {
        expectFailure(#"{"resourceType":"Patient","active":true,"active":false}"#, .duplicate, path: "Patient.active")
        expectFailure(#"{"resourceType":"Patient","name":[{"given":["A"]},{"family":"B","family":"C"}]}"#, .duplicate, path: "Patient.name[1].family")
    }

    @Test func xmlRepeatedSingularElement() {
        expectFailure(xmlPatient(#"<active value="true"/><active value="false"/>"#), .duplicate, path: "Patient.active")
        let name = #"<name><given value="A"/></name><name><family value="B"/><family value="C"/></name>"#
        expectFailure(xmlPatient(name), .duplicate, path: "Patient.name[1].family")
    }

    @Test func twoTypesOfOneChoiceElement() {
        let json = #"{"resourceType":"Patient","deceasedBoolean":true,"deceasedDateTime":"2020"}"#
        expectFailure(json, .duplicate, path: "Patient.deceasedDateTime")
        expectFailure(xmlPatient(#"<deceasedBoolean value="true"/><deceasedDateTime value="2020"/>"#), .duplicate, path: "Patient.deceasedDateTime")
    }

    // MARK: - Cardinality

    @Test func missingTaskStatus() {
        expectFailure(#"{"resourceType":"Task","intent":"order"}"#, .cardinality, path: "Task.status")
        expectFailure(#"<Task xmlns="http://hl7.org/fhir"><intent value="order"/></Task>"#, .cardinality, path: "Task.status")
    }

    @Test func missingTaskIntent() {
        expectFailure(#"{"resourceType":"Task","status":"draft"}"#, .cardinality, path: "Task.intent")
        expectFailure(#"<Task xmlns="http://hl7.org/fhir"><status value="draft"/></Task>"#, .cardinality, path: "Task.intent")
    }

    @Test func jsonArrayForASingularElement() {
        expectFailure(#"{"resourceType":"Patient","active":[true]}"#, .cardinality, path: "Patient.active")
        expectFailure(#"{"resourceType":"Patient","maritalStatus":[{"text":"x"}]}"#, .cardinality, path: "Patient.maritalStatus")
    }

    @Test func jsonNonArrayForARepeatingElement() {
        expectFailure(#"{"resourceType":"Patient","name":{"family":"A"}}"#, .cardinality, path: "Patient.name")
        expectFailure(#"{"resourceType":"Patient","name":[{"given":"A"}]}"#, .cardinality, path: "Patient.name[0].given")
    }

    // MARK: - XML element order

    @Test func xmlElementsOutOfOrder() {
        expectFailure(xmlPatient(#"<gender value="male"/><active value="true"/>"#), .order, path: "Patient.active")
        expectFailure(xmlPatient(#"<name><given value="A"/><family value="B"/></name>"#), .order, path: "Patient.name[0].family")
        expectFailure(xmlPatient(#"<name><family value="A"/></name><active value="true"/>"#), .order, path: "Patient.active")
    }

    // MARK: - Byte order mark

    @Test(arguments: [#"{"resourceType":"Patient","active":true}"#, xmlPatient(#"<active value="true"/>"#)])
    func byteOrderMark(_ document: String) {
        expectFailure([0xEF, 0xBB, 0xBF] + Array(document.utf8), .byteOrderMark, path: "")
    }

    // MARK: - Truncated documents

    /// The KBV bundle cut in half ends inside `<form><coding>` of the Medication in entry 2.
    @Test func truncatedXMLExample() throws {
        let bytes = try halfOfExample("kbv-bundles/ref_kbv_bundle.xml")
        expectFailure(bytes, .syntax, path: "Bundle.entry[2].resource.Medication.form.coding")
    }

    /// The JSON twin cut in half ends inside `"amount":{` of the Medication in entry 2, after the numerator. The
    /// JSON reader names members only, so its syntax errors do not name nested resource types.
    @Test func truncatedJSONExample() throws {
        let bytes = try halfOfExample("kbv-bundles/ref_kbv_bundle.json")
        expectFailure(bytes, .syntax, path: "Bundle.entry[2].resource.amount")
    }

    /// Every cut of a real document is a syntax error (or, for very short prefixes, not FHIR at all), never a crash.
    @Test(arguments: ["kbv-bundles/ref_kbv_bundle.xml", "kbv-bundles/ref_kbv_bundle.json"])
    func everyCutOfAnExampleFails(_ name: String) throws {
        let bytes = try ExampleCorpus.bytes(of: ExampleCorpus.root.appendingPathComponent(name))
        var wrong: [String] = []
        for length in stride(from: 1, to: bytes.count, by: 97) {
            let code = failure(Array(bytes.prefix(length)))?.code
            if code != .syntax { wrong.append("\(length) bytes: \(code.map(\.rawValue) ?? "decoded")") }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10).joined(separator: "; "))")
    }

    // MARK: - Nesting

    /// 10 000 nested extensions: the root object is level 1, each extension an array (even level) and an object
    /// (odd level), so with the default limit of 100 the object of the 50th extension is the first level too many.
    @Test func deeplyNestedJSON() {
        #expect(FHIRDecoder().maximumDepth == 100)
        expectFailure(nestedExtensionsJSON(levels: 10_000), .tooDeep, path: "Patient" + String(repeating: ".extension[0]", count: 50))
    }

    /// 10 000 nested extensions: the root element is level 1, so the 100th extension is the first level too many.
    @Test func deeplyNestedXML() {
        expectFailure(nestedExtensionsXML(levels: 10_000), .tooDeep, path: "Patient" + String(repeating: ".extension", count: 100))
    }

    /// A caller raising the limit cannot make the readers nest without bound: their own ceilings still hold
    /// (`JSONReader.depthCeiling` levels of objects and arrays for JSON, `XMLReader.depthCeiling` elements for XML).
    @Test func raisingTheDepthLimitStillStopsTenThousandLevels() {
        var decoder = FHIRDecoder()
        decoder.maximumDepth = .max
        let json = failure(Array(nestedExtensionsJSON(levels: 10_000).utf8), decoder: decoder)
        #expect(json?.code == .tooDeep)
        let jsonPath = "Patient" + String(repeating: ".extension[0]", count: JSONReader.depthCeiling / 2)
        #expect(json?.path == jsonPath, "\(json.map(String.init(describing:))?.prefix(200) ?? "no error")")
        let xml = failure(Array(nestedExtensionsXML(levels: 10_000).utf8), decoder: decoder)
        #expect(xml?.code == .tooDeep)
        let segments = xml?.path.split(separator: ".") ?? []
        #expect(
            segments.first == "Patient" && segments.count == XMLReader.depthCeiling + 1
                && segments.dropFirst().allSatisfy { $0 == "extension" },
            "\(xml.map(String.init(describing:))?.prefix(200) ?? "no error")"
        )
    }

    /// Nesting within the limits decodes (nothing is rejected for depth alone).
    @Test func nestingWithinTheLimitDecodes() throws {
        let json = try FHIRDecoder().decode(Array(nestedExtensionsJSON(levels: 40).utf8))
        let xml = try FHIRDecoder().decode(Array(nestedExtensionsXML(levels: 90).utf8))
        #expect(extensionDepth(json) == 40)
        #expect(extensionDepth(xml) == 90)
    }

    // MARK: - Size

    @Test(arguments: FHIRFormat.allCases)
    func tenMegabytesAreTooLargeByDefault(format: FHIRFormat) {
        let document = largeBinary(format, dataBytes: 10 * 1024 * 1024)
        #expect(document.count > 10 * 1024 * 1024)
        expectFailure(document, .tooLarge, path: "")
    }

    /// With the limit raised, the same 10 MiB documents decode. The 9.5 MB XML case shows that large XML in general
    /// gets through even where one value of 10 MiB does not (libxml2 limits a single value to 10 000 000 bytes).
    @Test(arguments: [(FHIRFormat.json, 10 * 1024 * 1024), (.xml, 10 * 1024 * 1024), (.xml, 9_500_000)])
    func raisingTheSizeLimitLetsALargeDocumentThrough(format: FHIRFormat, dataBytes: Int) throws {
        var decoder = FHIRDecoder()
        decoder.maximumSize = 16 * 1024 * 1024
        let document = Array(largeBinary(format, dataBytes: dataBytes).utf8)
        #expect(document.count > FHIRDecoder().maximumSize)
        let resource = try decoder.decode(document)
        guard case .binary(let binary) = resource else {
            Issue.record("decoded a \(resource.resourceType)")
            return
        }
        #expect(binary.data?.value?.utf8.count == dataBytes)
    }

    // MARK: - Empty values

    @Test func emptyStringValue() {
        expectFailure(#"{"resourceType":"Patient","name":[{"family":""}]}"#, .empty, path: "Patient.name[0].family")
        expectFailure(xmlPatient(#"<birthDate value=""/>"#), .empty, path: "Patient.birthDate.@value")
    }

    @Test func emptyElements() {
        expectFailure(#"{"resourceType":"Patient","active":null}"#, .empty, path: "Patient.active")
        expectFailure(#"{"resourceType":"Patient","maritalStatus":{}}"#, .empty, path: "Patient.maritalStatus")
        expectFailure(#"{"resourceType":"Patient","name":[]}"#, .empty, path: "Patient.name")
        expectFailure(xmlPatient(#"<active/>"#), .empty, path: "Patient.active")
    }

    // MARK: - DTDs and entities

    @Test func internalEntityExpansion() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE Patient [<!ENTITY name "Expanded">]>
            <Patient xmlns="http://hl7.org/fhir"><name><family value="&name;"/></name></Patient>
            """
        expectFailure(xml, .syntax, path: "")
    }

    @Test func billionLaughs() {
        var entities = #"<!ENTITY lol0 "lol">"#
        for level in 1...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let xml = "<!DOCTYPE Patient [\(entities)]>" + xmlPatient(#"<name><family value="&lol9;"/></name>"#)
        expectFailure(xml, .syntax, path: "")
    }

    @Test func externalEntity() {
        let xml =
            #"<!-- comment first --><!DOCTYPE Patient [<!ENTITY secret SYSTEM "file:///etc/passwd">]>"#
            + xmlPatient(#"<name><family value="&secret;"/></name>"#)
        expectFailure(xml, .syntax, path: "")
    }

    // MARK: - Resource types

    @Test func unknownResourceType() {
        expectFailure(#"{"resourceType":"Foo","id":"1"}"#, .unknownResourceType, path: "Foo")
        expectFailure(#"<Foo xmlns="http://hl7.org/fhir"><id value="1"/></Foo>"#, .unknownResourceType, path: "Foo")
    }

    @Test func abstractResourceType() {
        expectFailure(#"{"resourceType":"DomainResource","id":"1"}"#, .unknownResourceType, path: "DomainResource")
    }

    @Test func unknownResourceTypeInABundleEntry() {
        expectFailure(
            jsonBundle(jsonEntry(uuid: uuid1, #"{"resourceType":"Foo","id":"\#(uuid1)"}"#)),
            .unknownResourceType,
            path: "Bundle.entry[0].resource.Foo"
        )
    }

    @Test func resourceOfAnotherTypeThanExpected() {
        let task = Array(#"{"resourceType":"Task","status":"draft","intent":"order"}"#.utf8)
        #expect(throws: FHIRDecodingError(.unknownResourceType, "", path: "Task")) {
            try FHIRDecoder().decode(Patient.self, from: task)
        }
    }

    // MARK: - XML namespaces

    @Test func elementInAForeignNamespace() {
        expectFailure(xmlPatient(#"<x:active xmlns:x="urn:example:other" value="true"/>"#), .unknownElement, path: "Patient.active")
        expectFailure(#"<Patient xmlns="urn:example:other"><active value="true"/></Patient>"#, .unknownElement, path: "Patient")
        expectFailure(#"<Patient><active value="true"/></Patient>"#, .unknownElement, path: "Patient")
    }

    @Test func attributeInAForeignNamespace() {
        expectFailure(
            xmlPatient(#"<active xmlns:x="urn:example:other" x:value="true" value="true"/>"#),
            .unknownElement,
            path: "Patient.active.@value"
        )
    }

    @Test func textContentInAnElement() {
        expectFailure(xmlPatient(#"<active value="true">yes</active>"#), .unknownElement, path: "Patient.active")
    }
}

// MARK: - Documents

private let uuid1 = "1b6b1e4b-6c5e-4a84-9a3c-3c2f0b3f5a01"
private let uuid2 = "2c7c2f5c-7d6f-4b95-8b4d-4d3f1c4f6b02"

private func xmlPatient(_ content: String) -> String {
    #"<Patient xmlns="http://hl7.org/fhir">\#(content)</Patient>"#
}

private func jsonTask(_ members: String) -> String {
    #"{"resourceType":"Task","status":"draft","intent":"order",\#(members)}"#
}

private func xmlTask(_ content: String) -> String {
    #"<Task xmlns="http://hl7.org/fhir"><status value="draft"/><intent value="order"/>\#(content)</Task>"#
}

private func jsonBundle(_ entries: String...) -> String {
    #"{"resourceType":"Bundle","type":"collection","entry":[\#(entries.joined(separator: ","))]}"#
}

private func jsonEntry(uuid: String, _ resource: String) -> String {
    #"{"fullUrl":"urn:uuid:\#(uuid)","resource":\#(resource)}"#
}

private func xmlBundle(_ entries: String...) -> String {
    #"<Bundle xmlns="http://hl7.org/fhir"><type value="collection"/>\#(entries.joined())</Bundle>"#
}

private func xmlEntry(uuid: String, _ resource: String) -> String {
    #"<entry><fullUrl value="urn:uuid:\#(uuid)"/><resource>\#(resource)</resource></entry>"#
}

/// A Patient whose extension holds an extension, `levels` deep, with a value at the bottom.
private func nestedExtensionsJSON(levels: Int) -> String {
    let open = String(repeating: #"{"url":"http://example.org/e","extension":["#, count: levels - 1)
    let close = String(repeating: "]}", count: levels - 1)
    return #"{"resourceType":"Patient","extension":["# + open + #"{"url":"http://example.org/e","valueBoolean":true}"# + close + "]}"
}

private func nestedExtensionsXML(levels: Int) -> String {
    let open = String(repeating: #"<extension url="http://example.org/e">"#, count: levels - 1)
    let close = String(repeating: "</extension>", count: levels - 1)
    return xmlPatient(open + #"<extension url="http://example.org/e"><valueBoolean value="true"/></extension>"# + close)
}

/// How many extensions are nested in the first extension of a Patient.
private func extensionDepth(_ resource: Resource) -> Int {
    guard case .patient(let patient) = resource else { return 0 }
    var depth = 0
    var level = patient.extension
    while let first = level.first {
        depth += 1
        level = first.extension
    }
    return depth
}

/// A Binary whose `data` is `dataBytes` of base64 text.
private func largeBinary(_ format: FHIRFormat, dataBytes: Int) -> String {
    let data = String(repeating: "QUFB", count: dataBytes / 4)
    switch format {
    case .json: return #"{"resourceType":"Binary","contentType":"application/pdf","data":"\#(data)"}"#
    case .xml: return #"<Binary xmlns="http://hl7.org/fhir"><contentType value="application/pdf"/><data value="\#(data)"/></Binary>"#
    }
}

/// The first half of an example file.
private func halfOfExample(_ name: String) throws -> [UInt8] {
    let bytes = try ExampleCorpus.bytes(of: ExampleCorpus.root.appendingPathComponent(name))
    return Array(bytes.prefix(bytes.count / 2))
}

// MARK: - Expectations

private func failure(_ bytes: [UInt8], decoder: FHIRDecoder = FHIRDecoder()) -> FHIRDecodingError? {
    do {
        _ = try decoder.decode(bytes)
        return nil
    } catch {
        return error
    }
}

private func expectFailure(
    _ bytes: [UInt8],
    _ code: FHIRDecodingError.Code,
    path: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let error = failure(bytes) else {
        Issue.record("decoded, expected \(code) at '\(path)'", sourceLocation: sourceLocation)
        return
    }
    #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    #expect(error.path == path, "\(error)", sourceLocation: sourceLocation)
}

private func expectFailure(
    _ document: String,
    _ code: FHIRDecodingError.Code,
    path: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectFailure(Array(document.utf8), code, path: path, sourceLocation: sourceLocation)
}
