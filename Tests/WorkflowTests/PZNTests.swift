// SPDX-License-Identifier: Apache-2.0

import Testing
import Workflow

struct PZNTests {
    @Test("A_25992: PZNs of the examples pass the check digit", arguments: ["19205615", "12345678", "06313728"])
    func valid(_ text: String) throws {
        #expect(try PZN(text).value == text)
    }

    @Test(
        "A_25992: a wrong check digit, a remainder of 10, a wrong length or a non-digit is refused",
        arguments: ["19205614", "19205616", "30000010", "1920561", "192056150", "1920561X", ""]
    )
    func invalid(_ text: String) {
        #expect(throws: WorkflowError(.invalidPZN)) { try PZN(text) }
    }

    @Test("every single-digit change of a valid PZN is detected")
    func singleDigitChanges() throws {
        let valid = Array("19205615")
        for index in valid.indices {
            for digit in "0123456789" where digit != valid[index] {
                var changed = valid
                changed[index] = digit
                #expect(throws: WorkflowError(.invalidPZN)) { try PZN(String(changed)) }
            }
        }
    }
}
