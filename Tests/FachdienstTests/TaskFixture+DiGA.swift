// SPDX-License-Identifier: Apache-2.0

import FHIR
import Foundation
import Workflow

/// The DiGA (flowtype 162) fixture: the example EVDGA bundle and the DiGA `$close` body, adapted to the test identities.
extension TaskFixture {
    /// The shared example files.
    static func exampleText(_ path: String) throws -> String {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/fhir-examples/\(path)")
            .standardizedFileURL
        return try String(contentsOf: file, encoding: .utf8)
    }

    /// `shared/fhir-examples/kbv-bundles/erp_diga__01_evdga_bundle.xml` (`KBV_PR_EVDGA_Bundle|1.1`, accepted from
    /// 2026-01-27 until 2027-01-14) for `id`, with the fixture KVNR (the example's `X234567890` fails the check
    /// digit), `authoredOn` on the signing day 2026-11-21, and every replacement applied.
    static func digaPrescriptionText(id: String, replacing replacements: [(String, String)] = []) throws -> String {
        var text = try self.exampleText("kbv-bundles/erp_diga__01_evdga_bundle.xml")
        text = text.replacingOccurrences(of: "162.000.000.000.000.01", with: id)
        text = text.replacingOccurrences(of: "X234567890", with: self.kvnr)
        text = text.replacing(/<authoredOn value="[0-9-]+"\/>/) { _ in "<authoredOn value=\"2026-11-21\"/>" }
        for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
        return text
    }

    /// The DiGA `$close` body `shared/fhir-examples/parameters/wf1.6_Parameters-ExampleCloseInputParametersDiGA.json`
    /// (one `rxDispensation` with only a `GEM_ERP_PR_MedicationDispense_DiGA` carrying the redeem code) with
    /// PrescriptionID, KVNR and the payer's Telematik-ID replaced.
    static func digaCloseParameters(id: String, performer: String = Party.payerA.idNummer) throws -> FHIR.Parameters {
        var text = try self.exampleText("parameters/wf1.6_Parameters-ExampleCloseInputParametersDiGA.json")
        text = text.replacingOccurrences(of: "162.000.033.491.280.78", with: id)
        text = text.replacingOccurrences(of: "X123456789", with: self.kvnr)
        text = text.replacingOccurrences(of: "8-SMC-B-Testkarte-883110000095957", with: performer)
        return try FHIRDecoder().decode(FHIR.Parameters.self, from: Array(text.utf8), format: .json)
    }
}
