// SPDX-License-Identifier: Apache-2.0

import Foundation
import Workflow

/// The JSON form of a task's ``Workflow/MultiplePrescription`` in the `tasks.multiple_prescription` column.
struct SQLiteMultiplePrescription: Codable {
    var numerator: Int
    var denominator: Int
    var start: String?
    var end: String?
    var id: String

    /// The column value of `part`.
    static func json(_ part: MultiplePrescription) throws -> String {
        let value = SQLiteMultiplePrescription(
            numerator: part.numerator,
            denominator: part.denominator,
            start: part.start?.description,
            end: part.end?.description,
            id: part.id
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The part stored as `text`.
    static func decode(_ text: String) throws -> MultiplePrescription {
        let value = try JSONDecoder().decode(SQLiteMultiplePrescription.self, from: Data(text.utf8))
        func date(_ text: String?) throws -> CalendarDate? {
            guard let text else { return nil }
            guard let date = CalendarDate(iso: text) else { throw StorageError(.corruptRecord, reason: "invalid MVO date") }
            return date
        }
        return MultiplePrescription(
            numerator: value.numerator,
            denominator: value.denominator,
            start: try date(value.start),
            end: try date(value.end),
            id: value.id
        )
    }
}
