// SPDX-License-Identifier: Apache-2.0

import Testing
import Workflow

struct TelematikIDTests {
    @Test("Telematik-IDs of the examples are accepted")
    func examplesAreAccepted() throws {
        let pharmacy = try TelematikID("3-SMC-B-Testkarte-883110000116873")
        #expect(pharmacy.isPharmacy)
        #expect(!pharmacy.isPayer)
        #expect(pharmacy.description == "3-SMC-B-Testkarte-883110000116873")
    }

    @Test("A_27767-01: 3- and 9- are pharmacies, 8- are payers")
    func prefixes() throws {
        #expect(try TelematikID("3-abc").isPharmacy)
        #expect(try TelematikID("9-abc").isPharmacy)
        #expect(try TelematikID("8-abc").isPayer)
        #expect(!(try TelematikID("8-abc").isPharmacy))
        #expect(!(try TelematikID("1-abc").isPharmacy))
        #expect(!(try TelematikID("1-abc").isPayer))
        #expect(!(try TelematikID("3abc").isPharmacy))
    }

    @Test("surrounding spaces are trimmed")
    func trimmed() throws {
        #expect(try TelematikID("  3-abc\t").value == "3-abc")
    }

    @Test(
        "empty, too long, inner spaces and non-ASCII are refused",
        arguments: ["", "   ", "3-a b", "3-ä", "3-\u{0}", String(repeating: "1", count: 129)]
    )
    func refused(text: String) {
        #expect(throws: WorkflowError(.invalidTelematikID)) { try TelematikID(text) }
    }

    @Test("128 characters are accepted")
    func longestAccepted() throws {
        #expect(try TelematikID(String(repeating: "1", count: TelematikID.maximumLength)).value.count == 128)
    }
}
