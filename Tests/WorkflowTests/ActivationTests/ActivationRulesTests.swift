// SPDX-License-Identifier: Apache-2.0

import FHIR
import Foundation
import TICrypto
import Testing
import Workflow

@Suite("$activate business rules on the real KBV prescriptions (spec/fd-api.md §6 steps 5–15)")
struct ActivationRulesTests {
    private let rules = ActivationRules()
    private typealias Fixtures = ActivationFixtures

    /// Examples whose Patient KVNR fails the check digit of spec/fd-api.md §4.5 (A_23890-01): `$activate` must refuse
    /// them with 400, whatever the test suite they come from expected.
    static let invalidKVNRFiles: Set<String> = [
        "PZN_Nr28_VerordnungArzt.xml", "PZN_Nr29_VerordnungArzt.xml", "PZN_Nr30_VerordnungArzt.xml",  // K220645120
        "PZN_Nr32_VerordnungArzt.xml",  // M310119819
    ]

    @Test("every e2e prescription passes for flowtype 160 with an oid_arzt signer, except the four with invalid KVNRs and one broken fullUrl")
    func realPrescriptionsPass() throws {
        let files = try Fixtures.prescriptionFiles()
        #expect(files.count == 28)
        for file in files {
            let xml = try Fixtures.xml(file)
            if file.lastPathComponent == "WS_Unfall_VerordnungArzt.xml" {
                // Its Composition fullUrl does not match the resource id: FHIR validation fails before the rules.
                #expect(throws: FHIRDecodingError.self) { try Fixtures.facts(xml) }
                continue
            }
            let facts = try Fixtures.facts(xml)
            if Self.invalidKVNRFiles.contains(file.lastPathComponent) {
                #expect(throws: WorkflowError(.invalidKVNR)) {
                    try rules.check(
                        facts,
                        task: try Fixtures.task(for: facts),
                        signingTime: Fixtures.signingTime,
                        signerProfessions: [TelematikOID.arzt],
                        today: Fixtures.today
                    )
                }
                continue
            }
            let outcome = try rules.check(
                facts,
                task: try Fixtures.task(for: facts),
                signingTime: Fixtures.signingTime,
                signerProfessions: [TelematikOID.arzt],
                today: Fixtures.today
            )
            #expect(outcome.beneficiary.value == facts.patientIdentifier?.value, "\(file.lastPathComponent)")
            #expect(outcome.isPKV == false)
            if facts.multiplePrescription?.isMultiplePrescription == true {
                #expect(outcome.validity.expiryDate == outcome.validity.acceptDate)
            } else if facts.legalBasis?.isDischargePrescription == true {
                // Entlassrezept: two working days (Mon–Sat) after Saturday 2026-11-21 (A_19517-04).
                #expect(outcome.validity.acceptDate == CalendarDate(year: 2026, month: 11, day: 24), "\(file.lastPathComponent)")
            } else {
                #expect(outcome.validity.acceptDate == Fixtures.today.adding(days: 28), "\(file.lastPathComponent)")
                #expect(outcome.validity.expiryDate == Fixtures.today.adding(months: 3))
            }
        }
    }

    @Test("the MVO example reads numbering, period and ID; its dates come from the period end")
    func multiplePrescription() throws {
        let file = try #require(try Fixtures.prescriptionFiles().first { $0.lastPathComponent == "PZN_MV1_VerordnungArzt.xml" })
        let facts = try Fixtures.facts(try Fixtures.xml(file))
        let multiple = try #require(facts.multiplePrescription)
        #expect(multiple.isMultiplePrescription)
        #expect(multiple.numerator != nil && multiple.denominator != nil)
        #expect(multiple.hasPeriod && multiple.start != nil)
        #expect(!(multiple.id ?? "").isEmpty)
        #expect(facts.medicationCategory == "00")
        #expect(facts.coverageType == "GKV")
        #expect(facts.profile?.name == "KBV_PR_ERP_Bundle")
        #expect(facts.profile?.version == "1.3")
    }

    /// One broken prescription and the error it must give.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let file: String
        let replacements: [(String, String)]
        var authoredOn = Fixtures.today
        var flowtype = Flowtype.pharmacyGKV
        var signer = TelematikOID.arzt
        var today = Fixtures.today
        let expected: WorkflowError.Code
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "non-doctor signer",
            file: "PZN_Nr1_VerordnungArzt.xml",
            replacements: [],
            signer: TelematikOID.apotheker,
            expected: .signerProfessionNotAllowed
        ),
        Case(
            name: "dentist may not sign a T-Rezept",
            file: "PZN_Nr1_VerordnungArzt.xml",
            replacements: [],
            flowtype: .tPrescription,
            signer: TelematikOID.zahnarzt,
            expected: .signerProfessionNotAllowed
        ),
        Case(
            name: "profile 1.1 is no longer accepted",
            file: "PZN_Nr1_VerordnungArzt.xml",
            replacements: [("KBV_PR_ERP_Bundle|1.3", "KBV_PR_ERP_Bundle|1.1")],
            expected: .unknownProfile
        ),
        Case(
            name: "profile 1.3 is no longer accepted from 2027-01-15",
            file: "PZN_Nr1_VerordnungArzt.xml",
            replacements: [],
            today: CalendarDate(year: 2027, month: 1, day: 20)!,
            expected: .unknownProfile
        ),
        Case(
            name: "unknown profile",
            file: "PZN_Nr1_VerordnungArzt.xml",
            replacements: [("KBV_PR_ERP_Bundle|1.3", "KBV_PR_ERP_Other|1.3")],
            expected: .unknownProfile
        ),
        Case(
            name: "PrescriptionID of another task",
            file: "PZN_Nr1_VerordnungArzt.xml",
            replacements: [("160.000.764.737.300.50", "160.100.000.000.001.39")],
            expected: .prescriptionIDMismatch
        ),
        Case(
            name: "KVNR with a wrong check digit",
            file: "PZN_Nr1_VerordnungArzt.xml",
            replacements: [("X234567891", "X234567892")],
            expected: .invalidKVNR
        ),
        Case(
            name: "authoredOn the day before signing",
            file: "PZN_Nr1_VerordnungArzt.xml",
            replacements: [],
            authoredOn: Fixtures.today.adding(days: -1),
            expected: .authoredOnMismatch
        ),
        Case(
            name: "GKV coverage for flowtype 200",
            file: "PZN_Nr1_VerordnungArzt.xml",
            replacements: [],
            flowtype: .pharmacyPKV,
            expected: .coverageMismatch
        ),
        Case(
            name: "BtM category",
            file: "PZN_Nr1_VerordnungArzt.xml",
            replacements: [
                (
                    "KBV_CS_ERP_Medication_Category\"/>\n            <code value=\"00\"/>",
                    "KBV_CS_ERP_Medication_Category\"/>\n            <code value=\"01\"/>"
                )
            ],
            expected: .medicationCategoryNotAllowed
        ),
        Case(
            name: "MVO numbering 5 of 4",
            file: "PZN_MV1_VerordnungArzt.xml",
            replacements: [("<numerator>\n                <value value=\"1\"/>", "<numerator>\n                <value value=\"5\"/>")],
            expected: .invalidMultiplePrescription
        ),
    ]

    @Test("each broken prescription fails with its own code", arguments: cases)
    func brokenPrescription(_ broken: Case) throws {
        let file = try #require(try Fixtures.prescriptionFiles().first { $0.lastPathComponent == broken.file })
        let original = try Fixtures.xml(file, authoredOn: broken.authoredOn)
        var xml = try Fixtures.xml(file, authoredOn: broken.authoredOn, replacing: broken.replacements)
        #expect(xml != original || broken.replacements.isEmpty, "a replacement did not apply")
        var task = try Fixtures.task(for: try Fixtures.facts(original))
        if broken.flowtype != .pharmacyGKV {
            // The task of another flowtype has another PrescriptionID; the bundle carries it too.
            let id = try PrescriptionID(flowtype: broken.flowtype, sequenceNumber: task.id.sequenceNumber)
            xml = xml.replacingOccurrences(of: task.id.description, with: id.description)
            task = PrescriptionTask(id: id, flowtype: broken.flowtype, accessCode: .random(), authoredOn: Fixtures.signingTime)
        }
        let facts = try Fixtures.facts(xml)
        do {
            _ = try rules.check(facts, task: task, signingTime: Fixtures.signingTime, signerProfessions: [broken.signer], today: broken.today)
            Issue.record("\(broken.name): accepted, expected \(broken.expected)")
        } catch {
            #expect(error.code == broken.expected, "\(error)")
        }
    }
}
