// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// Sends one HTTP request to a server and returns its response: the outer HTTP of every transport.
///
/// ``URLSessionHTTPSender`` is the implementation; tests substitute their own to observe or alter the exchange.
public protocol HTTPSender: Sendable {
    /// Sends `request` to `baseURL` + the request's target.
    /// - Throws: `transportFailed` when no HTTP response arrives.
    func send(_ request: HTTPRequestMessage, to baseURL: URL) async throws(PrimarySystemError) -> HTTPResponseMessage
}
