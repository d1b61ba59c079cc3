// SPDX-License-Identifier: Apache-2.0

import FHIR
import Foundation
import Testing

/// FHIR canonical JSON (R4 json.html "Canonical JSON"): known-answer vectors written by hand from the rules, and the
/// properties every canonical form has.
@Suite struct CanonicalJSONTests {
    /// One vector: a resource as FHIR JSON (any member order, any whitespace) and its canonical form per method.
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let input: String
        let expected: [FHIRCanonicalization: String]

        var testDescription: String { self.name }
    }

    static let patient = #"""
        {
          "resourceType": "Patient",
          "id": "p1",
          "meta": {
            "lastUpdated": "2026-11-21T08:30:00Z",
            "profile": [ "https://example.org/StructureDefinition/P" ]
          },
          "text": {
            "status": "generated",
            "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">Anna  Müller</div>"
          },
          "active": true,
          "name": [ {
            "text": "Anna \"Anni\" Müller\tBerlin/Mitte",
            "family": "Müller",
            "given": [ "Anna", "Maria" ]
          } ],
          "gender": "female",
          "birthDate": "1970-01-01",
          "_birthDate": {
            "extension": [ {
              "url": "http://hl7.org/fhir/StructureDefinition/patient-birthTime",
              "valueDateTime": "1970-01-01T10:00:00+01:00"
            } ]
          },
          "multipleBirthInteger": 2
        }
        """#

    /// The Patient without `text` and `meta`; `_birthDate` sorts before `active` ('_' is 0x5F, 'a' 0x61), the escapes
    /// are those JSON requires, the double space of the narrative and `/` stay as they are.
    static let patientStatic =
        #"{"_birthDate":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-birthTime","valueDateTime":"1970-01-01T10:00:00+01:00"}]},"#
        + #""active":true,"birthDate":"1970-01-01","gender":"female","id":"p1","multipleBirthInteger":2,"#
        + #""name":[{"family":"Müller","given":["Anna","Maria"],"text":"Anna \"Anni\" Müller\tBerlin/Mitte"}],"resourceType":"Patient"}"#

    static let patientMeta = #""meta":{"lastUpdated":"2026-11-21T08:30:00Z","profile":["https://example.org/StructureDefinition/P"]},"#
    static let patientText = #","text":{"div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">Anna  Müller</div>","status":"generated"}"#

    static let bundle = #"""
        {"resourceType":"Bundle","id":"b1",
         "meta":{"profile":["https://fhir.kbv.de/StructureDefinition/KBV_PR_ERP_Bundle|1.1.0"]},
         "identifier":{"system":"https://gematik.de/fhir/erp/NamingSystem/GEM_ERP_NS_PrescriptionId","value":"160.000.000.000.000.01"},
         "type":"collection","timestamp":"2026-11-21T09:30:00+01:00",
         "entry":[{"fullUrl":"http://pvs.example/Medication/m1","resource":{"resourceType":"Medication","id":"m1",
           "meta":{"profile":["https://fhir.kbv.de/StructureDefinition/KBV_PR_ERP_Medication_PZN|1.1.0"]},
           "amount":{"numerator":{"value":1.50,"unit":"Stk"},"denominator":{"value":1}}}}]}
        """#

    /// Only the root `meta` goes; the entry keeps its own, and the decimal keeps its trailing zero.
    static let bundleStatic =
        #"{"entry":[{"fullUrl":"http://pvs.example/Medication/m1","resource":{"amount":{"denominator":{"value":1},"#
        + #""numerator":{"unit":"Stk","value":1.50}},"id":"m1","meta":{"profile":["https://fhir.kbv.de/StructureDefinition/KBV_PR_ERP_Medication_PZN|1.1.0"]},"#
        + #""resourceType":"Medication"}}],"id":"b1","identifier":{"system":"https://gematik.de/fhir/erp/NamingSystem/GEM_ERP_NS_PrescriptionId","#
        + #""value":"160.000.000.000.000.01"},"resourceType":"Bundle","timestamp":"2026-11-21T09:30:00+01:00","type":"collection"}"#

    static let primitiveArray = #"""
        {"resourceType":"Patient","name":[{"given":["Anna",null],
         "_given":[null,{"extension":[{"url":"http://example.org/ext","valueString":"Maria"}]}]}]}
        """#

    /// A repeating primitive with an extension on its second item: `given` with `null`, `_given` aligned with it.
    static let primitiveArrayCanonical =
        #"{"name":[{"_given":[null,{"extension":[{"url":"http://example.org/ext","valueString":"Maria"}]}],"given":["Anna",null]}],"#
        + #""resourceType":"Patient"}"#

    static let vectors: [Vector] = [
        Vector(
            name: "Patient",
            input: patient,
            expected: [
                .static: patientStatic,
                .data: patientStatic.replacingOccurrences(of: #""multipleBirthInteger""#, with: patientMeta + #""multipleBirthInteger""#),
                .json: patientStatic.replacingOccurrences(of: #""multipleBirthInteger""#, with: patientMeta + #""multipleBirthInteger""#)
                    .replacingOccurrences(of: #""resourceType":"Patient"}"#, with: #""resourceType":"Patient""# + patientText + "}"),
            ]
        ),
        Vector(name: "Bundle with a Medication entry", input: bundle, expected: [.static: bundleStatic]),
        Vector(
            name: "repeating primitive with extensions",
            input: primitiveArray,
            expected: [.static: primitiveArrayCanonical, .data: primitiveArrayCanonical, .json: primitiveArrayCanonical]
        ),
    ]

    private static func decode(_ json: String) throws -> Resource {
        try FHIRDecoder().decode(Array(json.utf8), format: .json)
    }

    @Test("known answers", arguments: vectors)
    func knownAnswers(vector: Vector) throws {
        let resource = try Self.decode(vector.input)
        for (method, expected) in vector.expected {
            #expect(String(decoding: method.canonicalJSON(of: resource), as: UTF8.self) == expected, "\(method)")
        }
    }

    @Test("the same resource gives the same bytes, whatever member order and whitespace it was read from")
    func stable() throws {
        let reordered =
            #"{"multipleBirthInteger":2,"gender":"female","_birthDate":{"extension":[{"valueDateTime":"1970-01-01T10:00:00+01:00","#
            + #""url":"http://hl7.org/fhir/StructureDefinition/patient-birthTime"}]},"birthDate":"1970-01-01","name":[{"given":["Anna","Maria"],"#
            + #""family":"Müller","text":"Anna \"Anni\" Müller\tBerlin/Mitte"}],"id":"p1","active":true,"resourceType":"Patient"}"#
        let original = try Self.decode(Self.patient)
        let first = FHIRCanonicalization.static.canonicalJSON(of: original)
        #expect(first == FHIRCanonicalization.static.canonicalJSON(of: original))
        #expect(first == FHIRCanonicalization.static.canonicalJSON(of: try Self.decode(reordered)))
        // The canonical form is itself FHIR JSON and a fixed point.
        #expect(FHIRCanonicalization.static.canonicalJSON(of: try Self.decode(String(decoding: first, as: UTF8.self))) == first)
    }

    @Test("no whitespace outside strings, no root text or meta", arguments: vectors)
    func noWhitespaceNoRootTextOrMeta(vector: Vector) throws {
        let canonical = FHIRCanonicalization.static.canonicalJSON(of: try Self.decode(vector.input))
        var inString = false
        var escaped = false
        for byte in canonical {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                #expect(![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains(byte))
                if byte == UInt8(ascii: "\"") { inString = true }
            }
        }
        let reread = try Self.decode(String(decoding: canonical, as: UTF8.self))
        #expect(reread.base.meta == nil)
        if case .patient(let patient) = reread { #expect(patient.text == nil) }
    }

    @Test("a change of one value changes the canonical bytes; a change of root meta does not for json#static")
    func sensitivity() throws {
        let original = FHIRCanonicalization.static.canonicalJSON(of: try Self.decode(Self.bundle))
        let otherValue = try Self.decode(Self.bundle.replacingOccurrences(of: "1.50", with: "1.5"))
        #expect(FHIRCanonicalization.static.canonicalJSON(of: otherValue) != original)
        let otherMeta = try Self.decode(Self.bundle.replacingOccurrences(of: "KBV_PR_ERP_Bundle|1.1.0", with: "KBV_PR_ERP_Bundle|1.3.0"))
        #expect(FHIRCanonicalization.static.canonicalJSON(of: otherMeta) == original)
        #expect(FHIRCanonicalization.json.canonicalJSON(of: otherMeta) != FHIRCanonicalization.json.canonicalJSON(of: try Self.decode(Self.bundle)))
    }
}
