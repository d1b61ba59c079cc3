// SPDX-License-Identifier: Apache-2.0

/// Every KVNR (`http://fhir.de/sid/gkv/kvid-10` identifier value) in `shared/fhir-examples`, with one file it occurs
/// in and whether its check digit is right.
///
/// The validity column was computed independently of the code under test with the algorithm of spec/fd-api.md §4.5.
/// Invalid ones are placeholders (`X123456789`, `X234567890`, `P987654321`) and the KVNRs of several pharmacy-side
/// MedicationDispense files of the 2025-10-01 end-to-end sets, which differ in the last digit from the KVNR of the
/// matching prescription (e.g. `K220645129` vs `K220645122`).
enum ExampleKVNRs {
    static let all: [(kvnr: String, valid: Bool, file: String)] = [
        ("H030170227", false, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_5/PZN_Nr5_MedicationDispense.xml"),
        ("H030170228", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_5/PZN_Nr5_VerordnungArzt.xml"),
        ("K030182229", true, "e2e-2025-10-01/PZN_Mehrfachverordnung/PZN_MV_1/PZN_MV1_MedicationDispense.xml"),
        ("K220635158", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_3/PZN_Nr3_MedicationDispense.xml"),
        ("K220645120", false, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_28/PZN_Nr28_MedicationDispense.xml"),
        ("K220645122", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_2/PZN_Nr2_VerordnungArzt.xml"),
        ("K220645129", false, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_2/PZN_Nr2_MedicationDispense.xml"),
        ("M310119800", false, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_4/PZN_Nr4_MedicationDispense.xml"),
        ("M310119802", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_4/PZN_Nr4_VerordnungArzt.xml"),
        ("M310119819", false, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_32/PZN_Nr32_MedicationDispense.xml"),
        ("P123464117", true, "chargeitem-consent/erp_chargeItem__05_GET_ChargeItem_Response.xml"),
        ("P223331975", false, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_6/PZN_Nr6_MedicationDispense.xml"),
        ("P223331978", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_6/PZN_Nr6_VerordnungArzt.xml"),
        ("P987654321", false, "chargeitem-consent/erp_chargeItem__03_POST_ChargeItem_Request.xml"),
        ("S040464113", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_33/PZN_Nr33_MedicationDispense.xml"),
        ("X123456789", false, "communication/erp_communication__03_request_PostPharmacyToPatient.xml"),
        ("X234567890", false, "communication/ref_communication_dispense_req.json"),
        ("X234567891", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_1/PZN_Nr1_VerordnungArzt.xml"),
    ]
}
