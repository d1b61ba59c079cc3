// SPDX-License-Identifier: Apache-2.0

import Workflow

/// The expected answer of every operation × role × flowtype × state, written down from spec/fd-api.md §3 (table
/// "Operation × role × state", "Role sets") and §2.2–§2.10, independently of `TaskAccess.rules`.
///
/// One line per operation, role and group of flowtypes; the columns after the flowtypes are the task states (`none`: no
/// task exists). `>state` is success with the state after the operation; a number is the expected HTTP status. A
/// combination that has no line is refused for the role: 403 in every state. Wrong-state codes follow the live
/// Fachdienst (403, 409 for `$accept`, 410 when cancelled), not the TI-Flow drafts (412).
enum TaskAccessExpectations {
    static let table = """
        operation              role        flowtypes                    none    draft       ready         in-progress   completed   cancelled
        $create                prescriber  160,162,165,166,169,200,209  >draft  409         409           409           409         409
        $activate              prescriber  160,162,165,166,169,200,209  404     >ready      403           403           403         410
        $accept                pharmacy    160,165,166,169,200,209      404     409         >in-progress  409           409         410
        $accept                payer       162                          404     409         >in-progress  409           409         410
        $reject                pharmacy    160,165,166,169,200,209      404     403         403           >ready        403         410
        $reject                payer       162                          404     403         403           >ready        403         410
        $dispense              pharmacy    160,165,166,169,200,209      404     403         403           >in-progress  403         410
        $close                 pharmacy    160,165,166,169,200,209      404     403         403           >completed    403         410
        $close                 payer       162                          404     403         403           >completed    403         410
        $abort                 prescriber  160,162,165,166,169,200,209  404     403         >cancelled    403           403         410
        $abort                 insurant    160,162,165,166,200          404     >cancelled  >cancelled    403           >cancelled  410
        $abort                 insurant    169,209                      404     403         403           403           >cancelled  410
        $abort                 pharmacy    160,165,166,169,200,209      404     403         403           >cancelled    403         410
        GET /Task/{id}?ac      pharmacy    160,165,166,169,200,209      404     412         412           >in-progress  412         410
        GET /Task/{id}?secret  pharmacy    160,165,166,169,200,209      404     403         403           >in-progress  >completed  410
        GET /Task/{id}?secret  payer       162                          404     403         403           >in-progress  >completed  410
        """

    /// The table as rows of fields.
    static let lines: [[String]] = table.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.map { fields in
        // Operations such as "GET /Task/{id}?ac" contain one space: glue them back together.
        fields[0] == "GET" ? [fields[0] + " " + fields[1]] + fields.dropFirst(2) : fields
    }

    /// The expected outcome: a success with the next state, or an HTTP status.
    enum Outcome: Equatable, CustomStringConvertible {
        case next(String)
        case status(Int)

        var description: String {
            switch self {
            case .next(let state): ">\(state)"
            case .status(let code): "\(code)"
            }
        }
    }

    /// Looks up the expectation; `state` is `"none"` when there is no task, `role` is `"none"` for a caller without role.
    static func outcome(operation: String, role: String, flowtype: String, state: String) -> Outcome {
        let header = lines[0]
        guard let column = header.firstIndex(of: state) else { fatalError("no column for state \(state)") }
        for line in lines.dropFirst() where line[0] == operation && line[1] == role {
            guard line[2].split(separator: ",").contains(Substring(flowtype)) else { continue }
            let cell = line[column]
            if cell.hasPrefix(">") { return .next(String(cell.dropFirst())) }
            return .status(Int(cell)!)
        }
        return .status(403)
    }
}
