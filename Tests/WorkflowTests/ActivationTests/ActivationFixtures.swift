// SPDX-License-Identifier: Apache-2.0

import FHIR
import Foundation
import TICrypto
import Workflow

/// The real KBV prescriptions of `shared/fhir-examples/e2e-2025-10-01`, made current for a test: `authoredOn` is set
/// to the signing day, as a practice system does before signing (spec/fd-api.md §6 step 9).
enum ActivationFixtures {
    /// The day the tests run on (German calendar), inside the period that accepts `kbv.ita.erp` 1.3.
    static let today = CalendarDate(year: 2026, month: 11, day: 21)!
    /// A signing time on `today`, 09:30 in Berlin.
    static let signingTime = Date(timeIntervalSince1970: 1_795_249_800)

    static var examplesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("../shared/fhir-examples/e2e-2025-10-01").standardizedFileURL
    }

    /// Every `…VerordnungArzt.xml` of the e2e examples.
    static func prescriptionFiles() throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: examplesDirectory, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent.hasSuffix("VerordnungArzt.xml") { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The XML of `file` with `authoredOn` set to `day`, the dates of periods (the MVO `Zeitraum`) moved by as many
    /// days, and every other replacement applied.
    static func xml(_ file: URL, authoredOn day: CalendarDate = today, replacing replacements: [(String, String)] = []) throws -> String {
        var text = try String(contentsOf: file, encoding: .utf8)
        guard let written = text.firstMatch(of: /<authoredOn value="([0-9]{4})-([0-9]{2})-([0-9]{2})"\/>/),
            let original = CalendarDate(year: Int(written.1)!, month: Int(written.2)!, day: Int(written.3)!)
        else { return text }
        let shift = day.dayNumber - original.dayNumber
        text = text.replacing(/<authoredOn value="[0-9-]+"\/>/) { _ in "<authoredOn value=\"\(day)\"/>" }
        text = text.replacing(/<(start|end) value="([0-9]{4})-([0-9]{2})-([0-9]{2})"\/>/) { match in
            guard let date = CalendarDate(year: Int(match.2)!, month: Int(match.3)!, day: Int(match.4)!) else { return String(match.0) }
            return "<\(match.1) value=\"\(date.adding(days: shift))\"/>"
        }
        for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
        return text
    }

    /// The decoded facts of an XML text.
    static func facts(_ xml: String) throws -> PrescriptionBundle {
        PrescriptionBundle(try FHIRDecoder().decode(FHIR.Bundle.self, from: Array(xml.utf8)))
    }

    /// A draft task for the PrescriptionID in `xml`.
    static func task(for facts: PrescriptionBundle, flowtype: Flowtype = .pharmacyGKV) throws -> PrescriptionTask {
        let id = try PrescriptionID(facts.prescriptionID ?? "")
        return PrescriptionTask(id: id, flowtype: flowtype, accessCode: .random(), authoredOn: signingTime - 60)
    }
}
