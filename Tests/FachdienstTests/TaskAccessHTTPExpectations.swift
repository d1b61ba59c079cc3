// SPDX-License-Identifier: Apache-2.0

/// What the Fachdienst must answer over HTTP to every operation × caller × flowtype × state, written down from
/// spec/fd-api.md §2.3–§2.10 and the table of §3 (read again for this table, independently of `TaskAccess.rules` and
/// of `TaskAccessExpectations` in the workflow tests), with the DiGA roles of the IG diga pages for 162
/// (IG-TIFLOW-DIGA-3 `$close`, IG-TIFLOW-DIGA-A1 `$reject`, IG-TIFLOW-DIGA-A7 `$abort`: payer resp. insurant and
/// prescriber only).
///
/// One line per operation, caller and group of flowtypes; the columns after the flowtypes are the task states. A cell
/// is an HTTP status, followed by `>state` when the operation moves the task into that state or by `=` when it
/// succeeds and leaves the task as it is. A combination without a line is refused for the caller's role: 403 in every
/// state, also for a cancelled task (the role is checked first, spec §6 "Order of checks", IG-TIFLOW-CORE-418).
///
/// Choices where the specification is silent (each is marked in the table's notes below):
/// - Wrong-state answers follow the live Fachdienst (AE): 403, 409 for `$accept`, 412 for the Secret recovery, and 410
///   for a cancelled task whenever the role fits ("A deleted/cancelled task … further access → 410", §3).
/// - `Task.for` is set only by `$activate` (A_19127-03), so no insurant is the beneficiary of a draft: the insurant's
///   `$abort` and read of a draft are 403 (A_20546-03, AE erp_versicherte "only tasks with status ≥ ready").
/// - `GET /Task/{id}?secret` on a draft or ready task (no Secret exists yet): 403.
/// - An insurant who adds `?ac=` or `?secret=` to `GET /Task/{id}` still reads as the insurant (A_19113-02).
/// - `GET /Task/{id}` by a pharmacy or payer without `?ac`/`?secret` lacks the Secret of A_19226-01: 403.
/// - `$dispense` and the Secret recovery `?ac` belong to pharmacies only (§2.6, §2.10), not for 162.
enum TaskAccessHTTPExpectations {
    static let table = """
        operation    caller      flowtypes                draft      ready            in-progress      completed        cancelled
        $activate    prescriber  160,162,166,169,200,209  200>ready  403              403              403              410
        $accept      pharmacy    160,166,169,200,209      409        200>in-progress  409              409              410
        $accept      payer       162                      409        200>in-progress  409              409              410
        $reject      pharmacy    160,166,169,200,209      403        403              204>ready        403              410
        $reject      payer       162                      403        403              204>ready        403              410
        $dispense    pharmacy    160,166,169,200,209      403        403              204=             403              410
        $close       pharmacy    160,166,169,200,209      403        403              200>completed    403              410
        $close       payer       162                      403        403              200>completed    403              410
        $abort       prescriber  160,162,166,169,200,209  403        204>cancelled    403              403              410
        $abort       insurant    160,162,166,200          403        204>cancelled    403              204>cancelled    410
        $abort       insurant    169,209                  403        403              403              204>cancelled    410
        $abort       pharmacy    160,166,169,200,209      403        403              204>cancelled    403              410
        GET?ac       pharmacy    160,166,169,200,209      412        412              200=             412              410
        GET?ac       insurant    160,162,166,169,200,209  403        200=             200=             200=             410
        GET?secret   pharmacy    160,166,169,200,209      403        403              200=             200=             410
        GET?secret   payer       162                      403        403              200=             200=             410
        GET?secret   insurant    160,162,166,169,200,209  403        200=             200=             200=             410
        GET          insurant    160,162,166,169,200,209  403        200=             200=             200=             410
        GET          pharmacy    160,166,169,200,209      403        403              403              403              410
        GET          payer       162                      403        403              403              403              410
        """

    /// The expected answer of one cell.
    struct Outcome: Equatable, CustomStringConvertible {
        /// The HTTP status.
        let status: Int
        /// For a success: the state afterwards (equal to the state before when the operation keeps it).
        let next: String?

        var isSuccess: Bool { self.next != nil }

        var description: String { self.next.map { "\(self.status)>\($0)" } ?? "\(self.status)" }
    }

    private static let lines: [[String]] = table.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }

    /// The expectation for `operation` by `caller` on a task of `flowtype` in `state`.
    static func outcome(operation: String, caller: String, flowtype: String, state: String) -> Outcome {
        guard let column = lines[0].firstIndex(of: state) else { fatalError("no column for state \(state)") }
        for line in lines.dropFirst() where line[0] == operation && line[1] == caller {
            guard line[2].split(separator: ",").contains(Substring(flowtype)) else { continue }
            let cell = line[column]
            if let arrow = cell.firstIndex(of: ">") {
                return Outcome(status: Int(cell[..<arrow])!, next: String(cell[cell.index(after: arrow)...]))
            }
            if cell.hasSuffix("=") { return Outcome(status: Int(cell.dropLast())!, next: state) }
            return Outcome(status: Int(cell)!, next: nil)
        }
        return Outcome(status: 403, next: nil)
    }
}
