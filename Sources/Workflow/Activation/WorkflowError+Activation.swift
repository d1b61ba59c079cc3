// SPDX-License-Identifier: Apache-2.0

extension WorkflowError.Code {
    /// The `ePrescription` parameter is missing or is not a parseable CAdES-enveloping PKCS#7 structure, or the bundle
    /// inside is not valid FHIR (spec/fd-api.md §6 steps 2 and 6).
    public static let validationFailed = Self("validationFailed", 400, .invalid, detail: "SVC_VALIDATION_FAILED")
    /// The bundle declares a profile or profile version the Fachdienst does not accept on this day (§1.4, §6 step 6:
    /// "unknown or unexpected profile").
    public static let unknownProfile = Self("unknownProfile", 400, .invalid, detail: "SVC_VALIDATION_FAILED")
    /// The HBA certificate of the QES is not valid at the signing time: chain, validity, revocation (§6 step 3).
    public static let certificateInvalid = Self("certificateInvalid", 400, .invalid, detail: "TIFLOW_CERTIFICATE_INVALID")
    /// No OCSP answer could be obtained for the QES certificate (§6 step 3, status 512).
    public static let ocspBackendError = Self("ocspBackendError", 512, .exception, detail: "TIFLOW_OCSP_BACKEND_ERROR")
    /// The QES signature does not verify (§6 step 4).
    public static let signatureInvalid = Self("signatureInvalid", 400, .invalid, detail: "TIFLOW_SIGNATURE_INVALID")
    /// The PrescriptionID in the bundle is missing or differs from the task's (§6 step 7; the IG names the detail
    /// code `TIFLOW_FLOWTYPE_MISMATCH` for this case too).
    public static let prescriptionIDMismatch = Self("prescriptionIDMismatch", 400, .invalid, detail: "TIFLOW_FLOWTYPE_MISMATCH")
    /// The medication category does not fit the flowtype, or a BtM prescription (§6 step 11, A_22231-01).
    public static let medicationCategoryNotAllowed = Self("medicationCategoryNotAllowed", 400, .invalid)
}

extension WorkflowError.Code {
    /// A flowtype 162 bundle without DeviceRequest or without Composition type `e16D` (A_25991), or a bundle whose
    /// declared profile belongs to the other package (§6 step 6).
    public static let healthAppRequestRequired = Self("healthAppRequestRequired", 400, .invalid)
    /// The PZN of a DiGA prescription fails its check digit (A_25992).
    public static let invalidPZN = Self("invalidPZN", 400, .invalid)
}
