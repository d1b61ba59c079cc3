// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import FHIR

/// Parses a JSON document given as text.
private func read(_ json: String, maximumDepth: Int = 100) throws(FHIRDecodingError) -> FHIRNode {
    try JSONReader.parse(Array(json.utf8), maximumDepth: maximumDepth)
}

/// Parses raw bytes and returns the error, if any.
private func failure(_ bytes: [UInt8], maximumDepth: Int = 100) -> FHIRDecodingError? {
    do {
        _ = try JSONReader.parse(bytes, maximumDepth: maximumDepth)
        return nil
    } catch {
        return error
    }
}

private func failure(_ json: String, maximumDepth: Int = 100) -> FHIRDecodingError? {
    failure(Array(json.utf8), maximumDepth: maximumDepth)
}

/// Checks that parsing fails with `code` at `path`.
private func expectFailure(
    _ json: String,
    _ code: FHIRDecodingError.Code,
    path: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let error = failure(json)
    #expect(error?.code == code, "\(error.map(String.init(describing:)) ?? "no error")", sourceLocation: sourceLocation)
    #expect(error?.path == path, sourceLocation: sourceLocation)
}

@Suite struct JSONReaderTests {
    // MARK: - Structure

    @Test func rootBecomesResourceNode() throws {
        let node = try read(#"{"resourceType": "Patient"}"#)
        #expect(node == FHIRNode(name: "Patient", resourceType: "Patient"))
    }

    @Test func resourceTypeMayComeAnywhere() throws {
        let node = try read(#"{"id": "a", "resourceType": "Patient", "active": true}"#)
        #expect(
            node
                == FHIRNode(
                    name: "Patient",
                    children: [
                        FHIRNode(name: "id", value: .string("a")),
                        FHIRNode(name: "active", value: .bool(true)),
                    ],
                    resourceType: "Patient"
                )
        )
    }

    @Test func scalarsKeepTheirKindAndLexeme() throws {
        let node = try read(#"{"resourceType":"Observation","a":"text","b":1.50,"c":-0,"d":1E-7,"e":false,"f":100,"g":0.1e+2}"#)
        #expect(
            node.children.map(\.value) == [
                .string("text"), .number("1.50"), .number("-0"), .number("1E-7"), .bool(false), .number("100"), .number("0.1e+2"),
            ]
        )
        #expect(node.children.map(\.name) == ["a", "b", "c", "d", "e", "f", "g"])
    }

    @Test func objectsKeepMemberOrder() throws {
        let node = try read(#"{"resourceType":"Patient","meta":{"versionId":"1","lastUpdated":"2020-01-01"}}"#)
        #expect(
            node.children == [
                FHIRNode(
                    name: "meta",
                    children: [
                        FHIRNode(name: "versionId", value: .string("1")),
                        FHIRNode(name: "lastUpdated", value: .string("2020-01-01")),
                    ]
                )
            ]
        )
    }

    @Test func arrayItemsBecomeNodesMarkedAsItems() throws {
        let node = try read(#"{"resourceType":"Patient","name":[{"family":"A"}],"given":["x","y"]}"#)
        #expect(
            node.children == [
                FHIRNode(name: "name", children: [FHIRNode(name: "family", value: .string("A"))], origin: .arrayItem),
                FHIRNode(name: "given", value: .string("x"), origin: .arrayItem),
                FHIRNode(name: "given", value: .string("y"), origin: .arrayItem),
            ]
        )
    }

    @Test func objectsWithResourceTypeBecomeResourceNodes() throws {
        let node = try read(
            """
            {"resourceType":"Bundle","entry":[{"fullUrl":"urn:a","resource":{"id":"p","resourceType":"Patient"}}],
             "contained":[{"resourceType":"Medication"}]}
            """
        )
        let entry = try #require(node.children.first)
        #expect(
            entry.children[1]
                == FHIRNode(
                    name: "resource",
                    children: [FHIRNode(name: "id", value: .string("p"))],
                    resourceType: "Patient"
                )
        )
        #expect(node.children[1] == FHIRNode(name: "contained", resourceType: "Medication", origin: .arrayItem))
    }

    // MARK: - Primitive extensions

    @Test func primitiveExtensionObjectIsMergedFirst() throws {
        for json in [
            #"{"resourceType":"Patient","birthDate":"1970","_birthDate":{"id":"b","extension":[{"url":"u","valueCode":"c"}]}}"#,
            #"{"resourceType":"Patient","_birthDate":{"id":"b","extension":[{"url":"u","valueCode":"c"}]},"birthDate":"1970"}"#,
        ] {
            let node = try read(json)
            #expect(
                node.children == [
                    FHIRNode(
                        name: "birthDate",
                        value: .string("1970"),
                        children: [
                            FHIRNode(name: "id", value: .string("b")),
                            FHIRNode(
                                name: "extension",
                                children: [
                                    FHIRNode(name: "url", value: .string("u")),
                                    FHIRNode(name: "valueCode", value: .string("c")),
                                ],
                                origin: .arrayItem
                            ),
                        ]
                    )
                ]
            )
        }
    }

    @Test func primitiveExtensionWithoutValue() throws {
        let node = try read(#"{"resourceType":"Patient","id":"p","_birthDate":{"extension":[{"url":"u","valueCode":"c"}]},"active":true}"#)
        #expect(node.children.map(\.name) == ["id", "birthDate", "active"])
        #expect(node.children[1].value == nil)
        #expect(node.children[1].origin == .primitive)
        #expect(node.children[1].children.map(\.name) == ["extension"])
    }

    @Test func primitiveArrayExtensionsAreAligned() throws {
        let node = try read(
            """
            {"resourceType":"Patient","given":["a",null,"c"],"_given":[null,{"extension":[{"url":"u","valueCode":"x"}]},{"id":"i"}]}
            """
        )
        #expect(node.children.count == 3)
        #expect(node.children[0] == FHIRNode(name: "given", value: .string("a"), origin: .arrayItem))
        #expect(node.children[1].value == nil)
        #expect(node.children[1].origin == [.arrayItem, .primitive])
        #expect(node.children[1].children.map(\.name) == ["extension"])
        #expect(
            node.children[2]
                == FHIRNode(
                    name: "given",
                    value: .string("c"),
                    children: [FHIRNode(name: "id", value: .string("i"))],
                    origin: .arrayItem
                )
        )
    }

    @Test func primitiveArrayExtensionsWithoutValues() throws {
        let node = try read(#"{"resourceType":"Patient","_given":[{"id":"a"},{"id":"b"}]}"#)
        #expect(
            node.children == [
                FHIRNode(name: "given", children: [FHIRNode(name: "id", value: .string("a"))], origin: [.arrayItem, .primitive]),
                FHIRNode(name: "given", children: [FHIRNode(name: "id", value: .string("b"))], origin: [.arrayItem, .primitive]),
            ]
        )
    }

    @Test func primitiveExtensionMismatches() {
        expectFailure(#"{"resourceType":"Patient","given":["a","b"],"_given":[null]}"#, .cardinality, path: "Patient._given")
        expectFailure(#"{"resourceType":"Patient","given":"a","_given":[{"id":"x"}]}"#, .cardinality, path: "Patient._given")
        expectFailure(#"{"resourceType":"Patient","given":["a"],"_given":{"id":"x"}}"#, .cardinality, path: "Patient._given")
        expectFailure(#"{"resourceType":"Patient","code":{"text":"a"},"_code":{"id":"x"}}"#, .wrongType, path: "Patient.code")
        expectFailure(#"{"resourceType":"Patient","given":["a",null],"_given":[null,null]}"#, .empty, path: "Patient.given[1]")
        expectFailure(#"{"resourceType":"Patient","given":["a",null]}"#, .empty, path: "Patient.given[1]")
        expectFailure(#"{"resourceType":"Patient","_given":[{"id":"a"},null]}"#, .empty, path: "Patient._given[1]")
        expectFailure(#"{"resourceType":"Patient","_given":"a"}"#, .wrongType, path: "Patient._given")
        expectFailure(#"{"resourceType":"Patient","_given":null}"#, .empty, path: "Patient._given")
        expectFailure(#"{"resourceType":"Patient","_given":{}}"#, .empty, path: "Patient._given")
        expectFailure(#"{"resourceType":"Patient","given":["a"],"_given":["b"]}"#, .wrongType, path: "Patient._given[0]")
    }

    // MARK: - Strictness

    @Test func emptyValuesAreRejected() {
        expectFailure(#"{"resourceType":"Patient","id":""}"#, .empty, path: "Patient.id")
        expectFailure(#"{"resourceType":"Patient","meta":{}}"#, .empty, path: "Patient.meta")
        expectFailure(#"{"resourceType":"Patient","name":[]}"#, .empty, path: "Patient.name")
        expectFailure(#"{"resourceType":"Patient","name":[{"family":"a"},{}]}"#, .empty, path: "Patient.name[1]")
        expectFailure(#"{"resourceType":"Patient","active":null}"#, .empty, path: "Patient.active")
        expectFailure(#"{"resourceType":"Patient","name":[{"given":[""]}]}"#, .empty, path: "Patient.name[0].given[0]")
        expectFailure(#"{"resourceType":""}"#, .empty, path: "resourceType")
    }

    @Test func duplicateKeysAreRejectedWithTheirPath() {
        expectFailure(#"{"resourceType":"Patient","id":"a","id":"b"}"#, .duplicate, path: "Patient.id")
        expectFailure(#"{"resourceType":"Patient","name":[{"family":"a","family":"b"}]}"#, .duplicate, path: "Patient.name[0].family")
        expectFailure(#"{"resourceType":"Patient","resourceType":"Patient"}"#, .duplicate, path: "Patient.resourceType")
        let many = (0..<40).map { "\"k\($0)\":1" }.joined(separator: ",")
        expectFailure("{\"resourceType\":\"Patient\",\(many),\"k33\":2}", .duplicate, path: "Patient.k33")
    }

    @Test func errorPathsNameArrayItems() {
        let entries = (0..<3).map { #"{"resource":{"resourceType":"Patient","id":"p\#($0)"}}"# }.joined(separator: ",")
        let json = #"{"resourceType":"Bundle","entry":[\#(entries),{"resource":{"resourceType":"Patient","foo":""}}]}"#
        expectFailure(json, .empty, path: "Bundle.entry[3].resource.foo")
    }

    @Test func rootMustBeAResourceObject() {
        expectFailure("[]", .syntax, path: "")
        expectFailure(#"{"id":"a"}"#, .cardinality, path: "")
        expectFailure(#"{"resourceType":1}"#, .wrongType, path: "resourceType")
        expectFailure(
            #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":{}}}]}"#,
            .wrongType,
            path: "Bundle.entry[0].resource.resourceType"
        )
    }

    @Test func nestedArraysAreRejected() {
        expectFailure(#"{"resourceType":"Patient","a":[["x"]]}"#, .wrongType, path: "Patient.a[0]")
    }

    // MARK: - Strings

    @Test func escapesAreDecoded() throws {
        let node = try read(#"{"resourceType":"Patient","a":"q\"b\\s\/b\bf\fn\nr\rt\tu\u00e9\u20AC\ud83d\ude00\u0041"}"#)
        #expect(node.children[0].value == .string("q\"b\\s/b\u{8}f\u{C}n\nr\rt\tu\u{E9}\u{20AC}\u{1F600}A"))
    }

    @Test func rawUTF8IsKept() throws {
        let node = try read(#"{"resourceType":"Patient","a":"Königsstein € 😀 ✓"}"#)
        #expect(node.children[0].value == .string("Königsstein € 😀 ✓"))
    }

    @Test func keysWithEscapes() throws {
        let node = try read(#"{"resourceType":"Patient","\u0061ctive":true}"#)
        #expect(node.children[0].name == "active")
    }

    @Test func invalidStringsAreSyntaxErrors() {
        let prefix = Array(#"{"resourceType":"Patient","a":""#.utf8)
        let suffix = Array("\"}".utf8)
        let invalid: [[UInt8]] = [
            [0x0A], [0x1F], [0x09],  // unescaped control characters
            [0xC0, 0x80], [0xE0, 0x80, 0x80],  // overlong
            [0xED, 0xA0, 0x80],  // encoded surrogate
            [0x80], [0xBF],  // lone continuation bytes
            [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80],  // truncated, above U+10FFFF
            [0xFF], [0xF8, 0x88, 0x80, 0x80, 0x80],
            Array(#"\x"#.utf8), Array(#"\u12"#.utf8), Array(#"\u12G4"#.utf8),
            Array(#"\ud83d"#.utf8), Array(#"\ude00"#.utf8), Array(#"\ud83d\u0041"#.utf8),
        ]
        for bytes in invalid {
            let error = failure(prefix + bytes + suffix)
            #expect(error?.code == .syntax, "\(bytes)")
            #expect(error?.path == "Patient.a", "\(bytes)")
        }
    }

    @Test func invalidUTF8InKeysIsASyntaxError() {
        let bytes = Array(#"{"resourceType":"Patient",""#.utf8) + [0xC3] + Array(#"":1}"#.utf8)
        #expect(failure(bytes)?.code == .syntax)
    }

    @Test func tenMegabyteStringParses() throws {
        let big = String(repeating: "abcdefghij", count: 1_048_576)
        let node = try read(#"{"resourceType":"Binary","data":"\#(big)"}"#)
        #expect(node.children[0].value == .string(big))
    }

    // MARK: - Numbers and literals

    @Test func invalidNumbersAndLiteralsAreSyntaxErrors() {
        for value in [
            "01", "+1", "1.", ".5", "1e", "1e+", "-", "NaN", "Infinity", "-Infinity", "0x10", "1.5.2", "tru", "True", "nul", "falsey", "'a'",
        ] {
            let error = failure(#"{"resourceType":"Patient","a":\#(value)}"#)
            #expect(error?.code == .syntax, "\(value)")
        }
    }

    // MARK: - Document level

    @Test func whitespaceAroundTokensIsAllowed() throws {
        let node = try read(" \n\t{ \r\n\"resourceType\" :\t\"Patient\" , \"active\" : true ,\"a\":[ 1 , 2 ] } \n ")
        #expect(node.children.count == 3)
    }

    @Test func trailingDataIsASyntaxError() {
        expectFailure(#"{"resourceType":"Patient"} x"#, .syntax, path: "Patient")
        expectFailure(#"{"resourceType":"Patient"}{}"#, .syntax, path: "Patient")
        expectFailure(#"{"resourceType":"Patient",}"#, .syntax, path: "Patient")
        expectFailure(#"{"resourceType":"Patient","a":[1,]}"#, .syntax, path: "Patient.a[1]")
        expectFailure(#"{"resourceType":"Patient" "a":1}"#, .syntax, path: "Patient.resourceType")
        expectFailure(#"{"resourceType":"Patient","multipleBirthInteger":01}"#, .syntax, path: "Patient.multipleBirthInteger")
        expectFailure(#"{"resourceType":"Patient","a":[1 2]}"#, .syntax, path: "Patient.a[0]")
        expectFailure(#"{"resourceType":"Patient","a":{"b":1]}"#, .syntax, path: "Patient.a.b")
    }

    @Test func byteOrderMarkIsRejected() {
        #expect(failure([0xEF, 0xBB, 0xBF] + Array(#"{"resourceType":"Patient"}"#.utf8))?.code == .byteOrderMark)
        #expect(failure(Array(#"{"resourceType":"Patient","a":"\#u{FEFF}x"}"#.utf8)) == nil)
    }

    @Test func everyTruncationIsASyntaxError() {
        let json = Array(#"{"resourceType":"Patient","name":[{"given":["a\u00e9","b"],"family":"Ö"}],"active":true,"n":-1.5e3}"#.utf8)
        for length in 0..<json.count {
            let error = failure(Array(json[..<length]))
            #expect(error?.code == .syntax, "length \(length): \(error.map(String.init(describing:)) ?? "no error")")
        }
        #expect(failure(json) == nil)
    }

    @Test func emptyInputIsASyntaxError() {
        #expect(failure([UInt8]())?.code == .syntax)
        #expect(failure("   ")?.code == .syntax)
    }

    // MARK: - Depth

    @Test func depthIsLimited() throws {
        func nested(_ depth: Int) -> String {
            // The root object is level 1; each `{"a":` adds one.
            #"{"resourceType":"Patient","x":"# + String(repeating: #"{"a":"#, count: depth - 1) + "1"
                + String(repeating: "}", count: depth)
        }
        _ = try read(nested(10), maximumDepth: 10)
        #expect(failure(nested(11), maximumDepth: 10)?.code == .tooDeep)
    }

    @Test func deepArraysFailFast() {
        let json = #"{"resourceType":"Patient","a":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        #expect(failure(json)?.code == .tooDeep)
        #expect(failure(json, maximumDepth: .max)?.code == .tooDeep)
    }

    @Test func deepObjectsFailFast() {
        let json =
            #"{"resourceType":"Patient","a":"# + String(repeating: #"{"a":"#, count: 100_000) + "1"
            + String(repeating: "}", count: 100_001)
        let error = failure(json)
        #expect(error?.code == .tooDeep)
        #expect(error?.path.hasPrefix("Patient.a.a.a") == true)
        #expect(failure(json, maximumDepth: .max)?.code == .tooDeep)
    }

    @Test func unclosedDeepInputFailsFast() {
        #expect(failure(#"{"resourceType":"Patient","a":"# + String(repeating: "[", count: 100_000))?.code == .tooDeep)
    }
}
