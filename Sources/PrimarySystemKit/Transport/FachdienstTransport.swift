// SPDX-License-Identifier: Apache-2.0

/// How a request reaches the Fachdienst: directly (``PlainTransport``, for local development) or through the VAU
/// channel (``VAUTransport``, as the Fachdienst of the TI requires, spec/fd-api.md §1.1).
///
/// A transport sends what it gets; the caller sets `Authorization`, `Accept` and `Content-Type`. Implementations are
/// safe to share between tasks.
public protocol FachdienstTransport: Sendable {
    /// Sends `request` and returns the Fachdienst's (inner) response.
    /// - Throws: ``PrimarySystemError`` when no response could be obtained; an error status of the Fachdienst is a
    ///   response, not an error.
    func send(_ request: HTTPRequestMessage) async throws(PrimarySystemError) -> HTTPResponseMessage
}
