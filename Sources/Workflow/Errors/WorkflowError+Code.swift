// SPDX-License-Identifier: Apache-2.0

extension WorkflowError {
    /// A stable error code with the HTTP answer it stands for. New codes may be added in any release; do not switch
    /// over them exhaustively.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let rawValue: String
        /// The HTTP status of the answer (spec/fd-api.md §2, §3, §9).
        public let httpStatus: Int
        /// The FHIR issue type of the answer.
        public let issueType: IssueType
        /// The TI-Flow detail code (`TIFLOW_*`, spec/fd-api.md §9), where the guides name one for this case.
        public let detailCode: String?

        init(_ rawValue: String, _ httpStatus: Int, _ issueType: IssueType, detail: String? = nil) {
            self.rawValue = rawValue
            self.httpStatus = httpStatus
            self.issueType = issueType
            self.detailCode = detail
        }

        /// The code's stable name.
        public var description: String { self.rawValue }

        /// Equality on the name only.
        public static func == (lhs: Code, rhs: Code) -> Bool { lhs.rawValue == rhs.rawValue }

        /// Hashes the name only, consistent with `==`.
        public func hash(into hasher: inout Hasher) { hasher.combine(self.rawValue) }

        // MARK: Authorization (403 forbidden)

        /// The caller's role may not perform the operation, or not for this flowtype (A_19018-01, A_19022-01, A_19166-02 …).
        public static let roleNotAllowed = Code("roleNotAllowed", 403, .forbidden, detail: "TIFLOW_AUTH_ROLE_NOT_ALLOWED")
        /// The AccessCode is missing, malformed or does not match (A_19024-03, A_19167-04, A_19120-03).
        public static let accessCodeMismatch = Code("accessCodeMismatch", 403, .forbidden, detail: "TIFLOW_ACCESSCODE_MISMATCH")
        /// The Secret is missing, malformed or does not match (A_19231-02, A_24280, A_19224).
        public static let secretMismatch = Code("secretMismatch", 403, .forbidden, detail: "TIFLOW_SECRET_MISMATCH")
        /// An insurant acts on a task that is not theirs and gave no AccessCode (A_20546-03, A_26148).
        public static let beneficiaryMismatch = Code("beneficiaryMismatch", 403, .forbidden)
        /// The insurant may not send a dispense request to this recipient for this flowtype (A_27767-01).
        public static let recipientNotAllowed = Code("recipientNotAllowed", 403, .forbidden)

        // MARK: Task state

        /// The task is in the wrong state; the live Fachdienst answers 403 (spec/fd-api.md §3, §11.1).
        public static let taskStatusMismatch = Code("taskStatusMismatch", 403, .forbidden, detail: "TIFLOW_TASK_STATUS_MISMATCH")
        /// `$accept` on a task that is draft, in progress or completed: 409 (A_19168-01).
        public static let taskStatusConflict = Code("taskStatusConflict", 409, .conflict)
        /// A precondition on the task failed with 412: secret recovery by a caller who is not the owner, or on a task
        /// that is not in progress (A_24176 … A_24179).
        // Not specified in spec/fd-api.md §9 which issue type goes with 412; chosen: processing.
        public static let taskPreconditionFailed = Code("taskPreconditionFailed", 412, .processing)
        /// The task existed but is cancelled or deleted: 410 (spec/fd-api.md §9).
        // Not specified in spec/fd-api.md §9 which issue type goes with 410; chosen: processing.
        public static let taskGone = Code("taskGone", 410, .processing)
        /// No task with this id ever existed: 404 (spec/fd-api.md §9).
        public static let taskNotFound = Code("taskNotFound", 404, .notFound)
        /// The prescription is past its expiry date (A_23539-01).
        public static let prescriptionExpired = Code("prescriptionExpired", 403, .forbidden)
        /// A part of a Mehrfachverordnung whose redemption period has not started yet (A_22635-02).
        public static let prescriptionNotYetRedeemable = Code("prescriptionNotYetRedeemable", 403, .forbidden)

        // MARK: Invalid input (400 invalid)

        /// A PrescriptionID that fails the syntax or the ISO 7064 MOD 97-10 check number (A_19217-01, A_19218).
        public static let invalidPrescriptionID = Code("invalidPrescriptionID", 400, .invalid)
        /// A KVNR that fails the format or the check digit (A_23890-01).
        public static let invalidKVNR = Code("invalidKVNR", 400, .invalid, detail: "TIFLOW_KVNR_INVALID")
        /// A Telematik-ID that is empty, too long or contains characters outside printable ASCII.
        public static let invalidTelematikID = Code("invalidTelematikID", 400, .invalid)
        /// A flowtype code that is not one of the codes of `GEM_ERP_CS_FlowType` (A_19257-01).
        public static let unknownFlowtype = Code("unknownFlowtype", 400, .invalid)
        /// A known flowtype that the Fachdienst does not activate yet (165, A_22231-01).
        public static let flowtypeNotActivatable = Code("flowtypeNotActivatable", 400, .invalid)
        /// PrescriptionID prefix and task flowtype differ, or the bundle's PrescriptionID is not the task's (A_21370).
        public static let flowtypeMismatch = Code("flowtypeMismatch", 400, .invalid, detail: "TIFLOW_FLOWTYPE_MISMATCH")
        /// Coverage type does not fit the flowtype (A_23443-01, A_22347-01).
        public static let coverageMismatch = Code("coverageMismatch", 400, .invalid)
        /// The QES signer's profession may not sign this flowtype (A_19225-02, A_27812).
        public static let signerProfessionNotAllowed = Code("signerProfessionNotAllowed", 400, .invalid)
        /// `authoredOn` is not the German calendar day of the QES signing time.
        public static let authoredOnMismatch = Code(
            "authoredOnMismatch",
            400,
            .invalid,
            detail: "TIFLOW_SIGNATURE_AUTHOREDON_MISMATCH"
        )
        /// A Mehrfachverordnung that breaks one of the rules A_22627-01 … A_24901.
        public static let invalidMultiplePrescription = Code("invalidMultiplePrescription", 400, .invalid)

        // MARK: Internal (500 exception)

        /// A PrescriptionID sequence number outside 0 … 999 999 999 999; the sequence is exhausted or misconfigured.
        public static let sequenceNumberOutOfRange = Code("sequenceNumberOutOfRange", 500, .exception)
    }
}
