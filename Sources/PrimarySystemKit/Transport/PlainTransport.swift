// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// Requests sent to the Fachdienst's plain FHIR endpoints, as `erezept serve --profile local` offers them for
/// debugging. The Fachdienst of the TI has none: use ``VAUTransport`` there.
public struct PlainTransport: FachdienstTransport {
    /// The Fachdienst's base URL.
    public let baseURL: URL
    private let sender: any HTTPSender

    /// Creates the transport.
    /// - Parameters:
    ///   - baseURL: The Fachdienst's base URL, e.g. `http://127.0.0.1:8080`.
    ///   - sender: The HTTP client.
    public init(baseURL: URL, sender: any HTTPSender = URLSessionHTTPSender()) {
        self.baseURL = baseURL
        self.sender = sender
    }

    /// Sends `request` unchanged.
    public func send(_ request: HTTPRequestMessage) async throws(PrimarySystemError) -> HTTPResponseMessage {
        try await self.sender.send(request, to: self.baseURL)
    }
}
