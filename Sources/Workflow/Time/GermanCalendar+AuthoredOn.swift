// SPDX-License-Identifier: Apache-2.0

public import Foundation

extension GermanCalendar {
    /// Checks that the prescription's `authoredOn` is the German calendar day of the QES signing time.
    /// - Parameters:
    ///   - authoredOn: `MedicationRequest.authoredOn`.
    ///   - signingTime: the `signingTime` of the QES.
    /// - Throws: ``WorkflowError/Code/authoredOnMismatch`` (400).
    public static func checkAuthoredOn(_ authoredOn: CalendarDate, signingTime: Date) throws(WorkflowError) {
        // §6 step 9: authoredOn must be the same calendar day as the QES signing time (German local time, §1.3).
        guard self.date(of: signingTime) == authoredOn else {
            throw WorkflowError(
                .authoredOnMismatch,
                reason: "Ausstellungsdatum und Signaturzeitpunkt weichen voneinander ab, müssen aber taggleich sein"
            )
        }
    }
}
