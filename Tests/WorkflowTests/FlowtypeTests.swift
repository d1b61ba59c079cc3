// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing
import Workflow

struct FlowtypeTests {
    @Test("codes and workflow 1.6 display names (CodeSystem GEM_ERP_CS_FlowType 1.6.4)")
    func codesAndDisplays() throws {
        let expected: [(String, String)] = [
            ("160", "Flowtype für Apothekenpflichtige Arzneimittel"),
            ("162", "Flowtype für Digitale Gesundheitsanwendungen"),
            ("165", "Flowtype für Betäubungsmittel"),
            ("166", "Flowtype für Arzneimittel nach § 3a AMVV"),
            ("169", "Flowtype zur Workflow-Steuerung durch Leistungserbringer"),
            ("200", "Flowtype für Apothekenpflichtige Arzneimittel (PKV)"),
            ("209", "Flowtype zur Workflow-Steuerung durch Leistungserbringer (PKV)"),
        ]
        #expect(Flowtype.allCases.count == expected.count)
        for (code, display) in expected {
            let flowtype = try Flowtype(code: code)
            #expect(flowtype.code == code)
            #expect(flowtype.displayName == display)
        }
    }

    @Test("A_19257-01: unknown codes are refused", arguments: ["", "161", "16", "1600", "abc"])
    func unknownCodes(code: String) {
        #expect(throws: WorkflowError(.unknownFlowtype)) { try Flowtype(code: code) }
    }

    @Test("A_22231-01: 165 is known but not activated")
    func activatable() throws {
        #expect(Flowtype.allCases.filter { !$0.isActivatable } == [.narcotic])
        #expect(throws: WorkflowError(.flowtypeNotActivatable)) { try Flowtype.narcotic.checkActivatable() }
        try Flowtype.pharmacyGKV.checkActivatable()
    }

    @Test("A_23443-01, A_22347-01: PKV coverage forbidden for 160/169, required for 200/209")
    func coverage() throws {
        for flowtype in [Flowtype.pharmacyGKV, .directAssignmentGKV] {
            try flowtype.checkCoverage(isPKV: false)
            #expect(throws: WorkflowError(.coverageMismatch)) { try flowtype.checkCoverage(isPKV: true) }
        }
        for flowtype in [Flowtype.pharmacyPKV, .directAssignmentPKV] {
            try flowtype.checkCoverage(isPKV: true)
            #expect(throws: WorkflowError(.coverageMismatch)) { try flowtype.checkCoverage(isPKV: false) }
        }
        #expect(Flowtype.tPrescription.coverageRequirement == .unrestricted)
        // A_23443-01 (IG diga): 162 must not be PKV.
        try Flowtype.diga.checkCoverage(isPKV: false)
        #expect(throws: WorkflowError(.coverageMismatch)) { try Flowtype.diga.checkCoverage(isPKV: true) }
    }

    @Test("A_19225-02, A_27812: QES signers")
    func signers() throws {
        for flowtype in [Flowtype.pharmacyGKV, .directAssignmentGKV, .pharmacyPKV, .directAssignmentPKV] {
            try flowtype.checkSigner(professionOID: TelematikOID.arzt)
            try flowtype.checkSigner(professionOID: TelematikOID.zahnarzt)
            #expect(throws: WorkflowError(.signerProfessionNotAllowed)) { try flowtype.checkSigner(professionOID: TelematikOID.apotheker) }
        }
        try Flowtype.tPrescription.checkSigner(professionOID: TelematikOID.arzt)
        #expect(throws: WorkflowError(.signerProfessionNotAllowed)) { try Flowtype.tPrescription.checkSigner(professionOID: TelematikOID.zahnarzt) }
        #expect(throws: WorkflowError(.signerProfessionNotAllowed)) { try Flowtype.pharmacyGKV.checkSigner(professionOID: TelematikOID.praxisArzt) }
        // A_25990: DiGA prescriptions may also be signed by psychotherapists, which 160 refuses.
        for oid in [
            TelematikOID.arzt, TelematikOID.zahnarzt, TelematikOID.psychotherapeut, TelematikOID.psychologischerPsychotherapeut,
            TelematikOID.kinderUndJugendlichenPsychotherapeut,
        ] {
            try Flowtype.diga.checkSigner(professionOID: oid)
        }
        #expect(throws: WorkflowError(.signerProfessionNotAllowed)) {
            try Flowtype.pharmacyGKV.checkSigner(professionOID: TelematikOID.psychotherapeut)
        }
        #expect(throws: WorkflowError(.signerProfessionNotAllowed)) { try Flowtype.diga.checkSigner(professionOID: TelematikOID.apotheker) }
    }

    @Test("A_19166-02: the payer redeems 162, pharmacies the rest; performerType follows")
    func redeemingRole() {
        for flowtype in Flowtype.allCases {
            #expect(flowtype.redeemingRole == (flowtype == .diga ? .payer : .pharmacy))
        }
        #expect(Flowtype.diga.performerType == TelematikOID.kostentraeger)
        #expect(Flowtype.pharmacyGKV.performerType == "1.2.276.0.76.4.54")
    }

    @Test("A_21360-01: the insurant never sees the AccessCode of 169/209")
    func accessCodeVisibility() {
        #expect(Flowtype.allCases.filter { !$0.insurantMaySeeAccessCode } == [.directAssignmentGKV, .directAssignmentPKV])
    }

    @Test("A_27767-01: dispense request recipients by flowtype")
    func recipients() throws {
        let pharmacy = try TelematikID("3-SMC-B-Testkarte-883110000116873")
        let hospitalPharmacy = try TelematikID("9-abc")
        let payer = try TelematikID("8-SMC-B-Testkarte-883110000095957")
        for flowtype in [Flowtype.pharmacyGKV, .tPrescription, .pharmacyPKV] {
            try flowtype.checkInsurantMayAssign(to: pharmacy)
            #expect(flowtype.insurantMayAssign(to: hospitalPharmacy))
            #expect(throws: WorkflowError(.recipientNotAllowed)) { try flowtype.checkInsurantMayAssign(to: payer) }
        }
        try Flowtype.diga.checkInsurantMayAssign(to: payer)
        #expect(!Flowtype.diga.insurantMayAssign(to: pharmacy))
        for flowtype in [Flowtype.directAssignmentGKV, .directAssignmentPKV, .narcotic] {
            #expect(!flowtype.insurantMayAssign(to: pharmacy))
            #expect(!flowtype.insurantMayAssign(to: payer))
        }
        #expect(WorkflowError.Code.recipientNotAllowed.httpStatus == 403)
    }
}
