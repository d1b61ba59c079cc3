// SPDX-License-Identifier: Apache-2.0

import Testing
import Workflow

struct PrescriptionIDTests {
    /// The worked examples of spec/fd-api.md §4.1: (flowtype, sequence number, check number, dotted form).
    static let workedExamples: [(Flowtype, UInt64, UInt8, String)] = [
        (.pharmacyGKV, 123_456_789_123, 58, "160.123.456.789.123.58"),
        (.pharmacyGKV, 33_491_280, 78, "160.000.033.491.280.78"),
        (.pharmacyGKV, 100_000_000_021, 76, "160.100.000.000.021.76"),
        (.pharmacyPKV, 1_206_112, 29, "200.000.001.206.112.29"),
        (.pharmacyGKV, 0, 57, "160.000.000.000.000.57"),
    ]

    @Test("generation gives the worked example", arguments: workedExamples)
    func generationGivesTheWorkedExample(flowtype: Flowtype, sequence: UInt64, check: UInt8, dotted: String) throws {
        let id = try PrescriptionID(flowtype: flowtype, sequenceNumber: sequence)
        #expect(id.checkNumber == check)
        #expect(id.description == dotted)
        #expect(id.flowtype == flowtype)
        #expect(id.sequenceNumber == sequence)
    }

    @Test("parsing accepts the worked example", arguments: workedExamples)
    func parsingAcceptsTheWorkedExample(flowtype: Flowtype, sequence: UInt64, check: UInt8, dotted: String) throws {
        let id = try PrescriptionID(dotted)
        #expect(id == (try PrescriptionID(flowtype: flowtype, sequenceNumber: sequence)))
        #expect(id.description == dotted)
        #expect(id.checkNumber == check)
    }

    /// spec/fd-api.md §4.1 and §11.5: the documentation placeholders fail the check.
    @Test("documentation placeholders are invalid", arguments: ["160.000.000.000.000.01", "169.000.000.000.000.09"])
    func documentationPlaceholdersAreInvalid(placeholder: String) {
        #expect(throws: WorkflowError(.invalidPrescriptionID)) { try PrescriptionID(placeholder) }
    }

    @Test(
        "malformed text is rejected",
        arguments: [
            "", "160.123.456.789.123.5", "160.123.456.789.123.580", "160-123.456.789.123.58", "160.123.456.789.12358",
            "16a.123.456.789.123.58", " 160.123.456.789.123.58", "160.123.456.789.123.58 ", "160.123.456.789.123.59",
            "١٦٠.123.456.789.123.58", "160.123.456.789.123.+8",
        ]
    )
    func malformedTextIsRejected(text: String) {
        #expect(throws: WorkflowError(.invalidPrescriptionID)) { try PrescriptionID(text) }
    }

    @Test("example PrescriptionIDs validate as expected", arguments: ExamplePrescriptionIDs.all)
    func examplePrescriptionIDsValidateAsExpected(id: String, valid: Bool, file: String) {
        let parsed = try? PrescriptionID(id)
        #expect((parsed != nil) == valid, "\(id) from \(file)")
        if let parsed { #expect(parsed.description == id) }
    }

    @Test("the examples contain both valid and invalid ids") func theExamplesContainBothValidAndInvalidIds() {
        #expect(ExamplePrescriptionIDs.all.count == 37)
        #expect(ExamplePrescriptionIDs.all.filter { !$0.valid }.count == 11)
    }

    @Test("sequence numbers beyond twelve digits are refused") func sequenceNumbersBeyondTwelveDigitsAreRefused() throws {
        let largest = try PrescriptionID(flowtype: .directAssignmentPKV, sequenceNumber: PrescriptionID.maximumSequenceNumber)
        #expect(largest.description.hasPrefix("209.999.999.999.999."))
        #expect(try PrescriptionID(largest.description) == largest)
        #expect(throws: WorkflowError(.sequenceNumberOutOfRange)) {
            try PrescriptionID(flowtype: .pharmacyGKV, sequenceNumber: 1_000_000_000_000)
        }
        #expect(throws: WorkflowError(.sequenceNumberOutOfRange)) {
            try PrescriptionID(flowtype: .pharmacyGKV, sequenceNumber: .max)
        }
    }

    @Test("every generated id parses back") func everyGeneratedIdParsesBack() throws {
        var generator = SplitMix64(seed: 0x5EED)
        for flowtype in Flowtype.allCases {
            for _ in 0..<500 {
                let sequence = generator.next() % (PrescriptionID.maximumSequenceNumber + 1)
                let id = try PrescriptionID(flowtype: flowtype, sequenceNumber: sequence)
                #expect(try PrescriptionID(id.description) == id)
            }
        }
    }

    @Test("an id with an unknown flowtype prefix is syntactically valid but has no flowtype")
    func anIdWithAnUnknownFlowtypePrefixIsSyntacticallyValidButHasNoFlowtype() throws {
        // 999 × 10¹² × 100 mod 97 = 82 → check 16.
        let id = try PrescriptionID("999.000.000.000.000.16")
        #expect(id.flowtypeCode == "999")
        #expect(id.flowtype == nil)
    }

    @Test("prefix must match the task flowtype") func prefixMustMatchTheTaskFlowtype() throws {
        let id = try PrescriptionID("160.000.033.491.280.78")
        try id.checkMatches(flowtype: .pharmacyGKV)
        #expect(throws: WorkflowError(.flowtypeMismatch)) { try id.checkMatches(flowtype: .directAssignmentGKV) }
    }

    @Test("ids order by flowtype then sequence") func idsOrderByFlowtypeThenSequence() throws {
        let a = try PrescriptionID(flowtype: .pharmacyGKV, sequenceNumber: 2)
        let b = try PrescriptionID(flowtype: .pharmacyGKV, sequenceNumber: 10)
        let c = try PrescriptionID(flowtype: .diga, sequenceNumber: 1)
        #expect([c, b, a].sorted() == [a, b, c])
    }
}
