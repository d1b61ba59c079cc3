// SPDX-License-Identifier: Apache-2.0

/// The operation × role × state table of spec/fd-api.md §3, one ``TaskAccessRule`` per line of the specification's
/// table, and the check every Task route makes before it touches the task.
///
/// Status codes for a task in the wrong state follow the live Fachdienst as documented in gematik/api-erp (AE
/// erp_statuscodes): 403 for `$activate`, `$reject`, `$dispense`, `$close` and `$abort`, 409 for `$accept`, and 410
/// whenever the task is cancelled (deleted). The TI-Flow implementation-guide drafts answer several of these with
/// 412 and `TIFLOW_*` detail codes (spec/fd-api.md §11.1); that is not followed here.
public enum TaskAccess {
    private static let everyFlowtype = Set(Flowtype.allCases)
    /// Flowtypes that pharmacies redeem: everything but DiGA (162).
    private static let pharmacyFlowtypes = everyFlowtype.subtracting([.diga])
    /// Flowtypes that payers redeem: DiGA (162).
    private static let payerFlowtypes: Set<Flowtype> = [.diga]

    /// The table. Order and content follow the lines of spec/fd-api.md §3 "Operation × role × state".
    public static let rules: [TaskAccessRule] = [
        // $create | PVS | token | – | –
        TaskAccessRule(
            .create,
            roles: [.prescriber: everyFlowtype],
            credential: .token,
            from: [nil],
            to: .draft,
            wrongState: .conflict,  // not reachable from HTTP: $create is a type-level operation
            requirements: "A_19018-01, A_19019-01"
        ),
        // $activate | PVS | AccessCode | draft | 403
        TaskAccessRule(
            .activate,
            roles: [.prescriber: everyFlowtype],
            credential: .accessCode,
            from: [.draft],
            to: .ready,
            wrongState: .forbidden,
            requirements: "A_19022-01, A_19024-03"
        ),
        // $accept | AVS (160/165/166/169/200/209), KTR (162) | ?ac | ready | 409 (draft/in-progress/completed), 410 (cancelled)
        TaskAccessRule(
            .accept,
            roles: [.pharmacy: pharmacyFlowtypes, .payer: payerFlowtypes],
            credential: .accessCode,
            from: [.ready],
            to: .inProgress,
            wrongState: .conflict,
            requirements: "A_19166-02, A_19167-04, A_19168-01"
        ),
        // $reject | AVS, KTR (162) | ?secret | in-progress | 403
        TaskAccessRule(
            .reject,
            roles: [.pharmacy: pharmacyFlowtypes, .payer: payerFlowtypes],
            credential: .secret,
            from: [.inProgress],
            to: .ready,
            wrongState: .forbidden,
            requirements: "A_19172-01, A_24175"
        ),
        // $dispense | AVS | ?secret | in-progress | 403; the status stays in-progress (A_24284)
        TaskAccessRule(
            .dispense,
            roles: [.pharmacy: pharmacyFlowtypes],
            credential: .secret,
            from: [.inProgress],
            to: nil,
            wrongState: .forbidden,
            requirements: "A_24279, A_24280, A_24298, A_24284"
        ),
        // $close | AVS, KTR (162) | ?secret | in-progress | 403
        TaskAccessRule(
            .close,
            roles: [.pharmacy: pharmacyFlowtypes, .payer: payerFlowtypes],
            credential: .secret,
            from: [.inProgress],
            to: .completed,
            wrongState: .forbidden,
            requirements: "A_19230-01, A_19231-02"
        ),
        // $abort | PVS | X-AccessCode | ready | 403
        TaskAccessRule(
            .abort,
            roles: [.prescriber: everyFlowtype],
            credential: .accessCode,
            from: [.ready],
            to: .cancelled,
            wrongState: .forbidden,
            requirements: "A_19026-01, A_19120-03"
        ),
        // $abort | FdV | KVNR = Task.for, or AccessCode | any except in-progress; 169/209 only completed | 403
        // Not specified in spec/fd-api.md §3 whether "any" includes draft; chosen: the literal reading (draft allowed).
        TaskAccessRule(
            .abort,
            roles: [.insurant: everyFlowtype],
            credential: .beneficiaryOrAccessCode,
            from: [.draft, .ready, .completed],
            fromOverrides: [.directAssignmentGKV: [.completed], .directAssignmentPKV: [.completed]],
            to: .cancelled,
            wrongState: .forbidden,
            requirements: "A_19026-01, A_20546-03, A_19145-01, A_22102-01"
        ),
        // $abort | AVS | ?secret | in-progress | 403
        TaskAccessRule(
            .abort,
            roles: [.pharmacy: pharmacyFlowtypes],
            credential: .secret,
            from: [.inProgress],
            to: .cancelled,
            wrongState: .forbidden,
            requirements: "A_19026-01, A_19224, A_19146"
        ),
        // GET /Task/{id}?ac | AVS (owner) | ?ac + owner match | in-progress | 412
        TaskAccessRule(
            .readWithAccessCode,
            roles: [.pharmacy: pharmacyFlowtypes],
            credential: .ownerAndAccessCode,
            from: [.inProgress],
            to: nil,
            wrongState: .preconditionFailed,
            requirements: "A_24176, A_24177, A_24178, A_24179"
        ),
        // GET /Task/{id}?secret | AVS/KTR | ?secret | in-progress / completed | 410 if deleted
        // Not specified in spec/fd-api.md §2.10 for draft/ready (no Secret exists then); chosen: 403.
        TaskAccessRule(
            .readWithSecret,
            roles: [.pharmacy: pharmacyFlowtypes, .payer: payerFlowtypes],
            credential: .secret,
            from: [.inProgress, .completed],
            to: nil,
            wrongState: .forbidden,
            requirements: "A_19226-01"
        ),
    ]
}
