// SPDX-License-Identifier: Apache-2.0

import Testing
import Workflow

struct KVNRTests {
    @Test("spec/fd-api.md §4.5: the realistic KVNRs are valid", arguments: ["X110580065", "K030182229", "K220635158", "P123464117", "S040464113"])
    func specExamplesAreValid(text: String) throws {
        let kvnr = try KVNR(text)
        #expect(kvnr.value == text)
        #expect(kvnr.description == text)
    }

    @Test("the KVNRs of the test PKI are valid", arguments: ["K030182229", "K220635158", "P123464117"])
    func testPKIKVNRsAreValid(text: String) {
        #expect((try? KVNR(text)) != nil)
    }

    @Test("spec/fd-api.md §4.5: the placeholders are invalid", arguments: ["X123456789", "A123456789", "X234567890"])
    func specPlaceholdersAreInvalid(text: String) {
        #expect(throws: WorkflowError(.invalidKVNR)) { try KVNR(text) }
    }

    @Test("every KVNR of the examples validates as expected", arguments: ExampleKVNRs.all)
    func examplesValidateAsExpected(kvnr: String, valid: Bool, file: String) {
        #expect(((try? KVNR(kvnr)) != nil) == valid, "\(kvnr) from \(file)")
    }

    @Test("the worked example's check digit is 5 and every other digit is refused")
    func workedExampleCheckDigit() throws {
        _ = try KVNR("X110580065")
        for digit in 0...9 where digit != 5 {
            #expect(throws: WorkflowError(.invalidKVNR)) { try KVNR("X11058006\(digit)") }
        }
    }

    @Test(
        "malformed KVNRs are refused",
        arguments: ["", "X11058006", "X1105800655", "x110580065", "1110580065", "XX10580065", "X11058006A", " X110580065", "Ä110580065"]
    )
    func malformedKVNRsAreRefused(text: String) {
        #expect(throws: WorkflowError(.invalidKVNR)) { try KVNR(text) }
    }

    @Test("the error carries HTTP 400, issue type invalid and TIFLOW_KVNR_INVALID")
    func errorShape() {
        #expect(throws: WorkflowError(.invalidKVNR)) { try KVNR("X123456789") }
        #expect(WorkflowError.Code.invalidKVNR.httpStatus == 400)
        #expect(WorkflowError.Code.invalidKVNR.issueType == .invalid)
        #expect(WorkflowError.Code.invalidKVNR.detailCode == "TIFLOW_KVNR_INVALID")
    }
}
