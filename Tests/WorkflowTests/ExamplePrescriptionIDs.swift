// SPDX-License-Identifier: Apache-2.0

/// Every PrescriptionID-shaped value in the files of `shared/fhir-examples` that mention the naming system
/// `GEM_ERP_NS_PrescriptionId`, with one file it occurs in and whether its MOD 97-10 check number is right.
///
/// The validity column was computed independently of the code under test (the whole 17-digit number mod 97 = 1).
/// The invalid ones are the placeholders of the API documentation (`…000.000.01` etc., spec/fd-api.md §4.1, §11.5)
/// and `162.000.033.491.280.78`, whose check number belongs to the same sequence under flowtype 160.
enum ExamplePrescriptionIDs {
    static let all: [(id: String, valid: Bool, file: String)] = [
        ("160.000.000.000.000.01", false, "auditevent/erp_versicherte__07_response_getAuditEvent.json"),
        ("160.000.000.000.000.02", false, "medicationdispense/erp_versicherte__04_response_getDispenseMultiple1.json"),
        ("160.000.000.000.000.03", false, "task/erp_versicherte__01_response_taskGetAll.json"),
        ("160.000.000.000.000.04", false, "medicationdispense/erp_versicherte__04_response_getDispenseMultiple2.json"),
        ("160.000.000.000.000.05", false, "medicationdispense/erp_versicherte__04_response_getDispenseMultiple2.json"),
        ("160.000.033.491.280.78", true, "medicationdispense/wf1.6_MedicationDispense-Example-MedicationDispense-2.json"),
        ("160.000.764.737.300.50", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_1/PZN_Nr1_ErxReceipt.xml"),
        ("160.037.424.539.578.62", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_30/PZN_Nr30_MedicationDispense.xml"),
        ("160.065.873.704.859.46", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_33/PZN_Nr33_MedicationDispense.xml"),
        ("160.087.893.173.538.24", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_28/PZN_Nr28_MedicationDispense.xml"),
        ("160.100.000.000.001.39", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_2/PZN_Nr2_MedicationDispense.xml"),
        ("160.100.000.000.002.36", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_4/PZN_Nr4_MedicationDispense.xml"),
        ("160.100.000.000.004.30", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_7/PZN_Nr7_MedicationDispense.xml"),
        ("160.100.000.000.005.27", true, "e2e-2025-10-01/PZN-Verordnung_Unfall/PZN-Verordnung_Unfall_1/PZN_Unfall_MedicationDispense.xml"),
        ("160.100.000.000.006.24", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_3/PZN_Nr3_MedicationDispense.xml"),
        ("160.100.000.000.007.21", true, "e2e-2025-10-01/PZN-Verordnung_aut_idem/PZN-Verordnung_aut_idem_1/PZN_aut_idem_MedicationDispense.xml"),
        ("160.100.000.000.010.12", true, "e2e-2025-10-01/PZN_Mehrfachverordnung/PZN_MV_1/PZN_MV1_MedicationDispense.xml"),
        ("160.100.000.000.011.09", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_6/PZN_Nr6_MedicationDispense.xml"),
        ("160.100.000.000.012.06", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_8/PZN_Nr8_MedicationDispense.xml"),
        ("160.100.000.000.014.97", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_5/PZN_Nr5_MedicationDispense.xml"),
        ("160.100.000.000.015.94", true, "e2e-2025-10-01/PZN_Mehrfachverordnung/PZN_MV_2/PZN_MV2_MedicationDispense.xml"),
        ("160.100.000.000.016.91", true, "e2e-2025-10-01/PZN_Mehrfachverordnung/PZN_MV_3/PZN_MV3_MedicationDispense.xml"),
        ("160.100.000.000.017.88", true, "e2e-2025-10-01/PZN_Mehrfachverordnung/PZN_MV_4/PZN_MV4_MedicationDispense.xml"),
        ("160.100.000.000.019.82", true, "e2e-2025-10-01/Wirkstoff-Verordnung/Wirkstoff-Verordnung_1/WS_V1_MedicationDispense.xml"),
        ("160.100.000.000.021.76", true, "e2e-2025-10-01/Wirkstoff-Verordnung_Unfall/Wirkstoff-Verordnung_Unfall_1/WS_Unfall_MedicationDispense.xml"),
        ("160.100.000.000.024.67", true, "e2e-2025-10-01/Rezeptur-Verordnung/Rezeptur-Verordnung_1/Rez_Nr1_MedicationDispense.xml"),
        ("160.101.394.591.628.58", true, "e2e-2025-10-01/Wirkstoff-Verordnung-2W/WS_2W_MedicationDispense.xml"),
        ("160.112.925.848.156.74", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_32/PZN_Nr32_MedicationDispense.xml"),
        ("160.115.468.135.035.50", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_31/PZN_Nr31_MedicationDispense.xml"),
        ("160.123.456.789.123.58", true, "auditevent/wf1.6_AuditEvent-9361863d-fec0-4ba9-8776-7905cf1b0cfa.json"),
        ("160.270.038.026.944.60", true, "e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_29/PZN_Nr29_MedicationDispense.xml"),
        ("162.000.000.000.000.01", false, "kbv-bundles/erp_diga__01_evdga_bundle.xml"),
        ("162.000.033.491.280.78", false, "medicationdispense/wf1.6_MedicationDispense-Example-MedicationDispense-DiGA-DeepLink.json"),
        ("169.000.000.000.000.01", false, "task/erp_steuerung_durch_le__02_response_taskCreate169.xml"),
        ("169.000.000.000.000.02", false, "task/erp_steuerung_durch_le__08_response_taskGet169Versicherter.json"),
        ("200.000.000.000.000.01", false, "chargeitem-consent/erp_chargeItem__03_POST_ChargeItem_Request.xml"),
        ("200.000.000.000.000.02", false, "medicationdispense/erp_versicherte__06_response_get-multiple-medication-dispense.json"),
    ]
}
