// SPDX-License-Identifier: Apache-2.0

extension WorkflowError.Code {
    /// `$close` without a body on a task for which no `$dispense` stored dispense information (A_24287-01); 403.
    public static let medicationDispenseMissing = Self(
        "medicationDispenseMissing",
        403,
        .forbidden,
        detail: "TIFLOW_MEDICATION_DISPENSE_MISSING"
    )
    /// Dispense information of a kind the flowtype does not allow, e.g. a DiGA MedicationDispense for 160 (A_26002-02);
    /// 400.
    public static let invalidMedicationDispense = Self(
        "invalidMedicationDispense",
        400,
        .invalid,
        detail: "TIFLOW_INVALID_MEDICATION_DISPENSE"
    )
    /// The receipt cannot be signed: no signer configured or no OCSP response of at most 24 hours for its
    /// certificate (A_22919); 503.
    public static let receiptSigningUnavailable = Self(
        "receiptSigningUnavailable",
        503,
        .exception,
        detail: "TIFLOW_OCSP_BACKEND_ERROR"
    )
}
