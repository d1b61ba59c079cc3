// SPDX-License-Identifier: Apache-2.0

/// An operation on a task that the operation table ``TaskAccess/rules`` governs (spec/fd-api.md §3).
public enum TaskOperation: String, Sendable, CaseIterable, CustomStringConvertible {
    /// `POST /Task/$create`.
    case create = "$create"
    /// `POST /Task/{id}/$activate`.
    case activate = "$activate"
    /// `POST /Task/{id}/$accept`.
    case accept = "$accept"
    /// `POST /Task/{id}/$reject`.
    case reject = "$reject"
    /// `POST /Task/{id}/$dispense`.
    case dispense = "$dispense"
    /// `POST /Task/{id}/$close`.
    case close = "$close"
    /// `POST /Task/{id}/$abort`.
    case abort = "$abort"
    /// `GET /Task/{id}?ac=…`: the owning pharmacy recovers the Secret (A_24176 … A_24179).
    case readWithAccessCode = "GET /Task/{id}?ac"
    /// `GET /Task/{id}?secret=…`: the holder reads the task, and after `$close` the receipt (A_19226-01).
    case readWithSecret = "GET /Task/{id}?secret"

    /// The operation as the specification writes it.
    public var description: String { self.rawValue }
}
