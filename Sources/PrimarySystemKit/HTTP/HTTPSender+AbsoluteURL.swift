// SPDX-License-Identifier: Apache-2.0

internal import Foundation

extension HTTPSender {
    /// Sends `method` to an absolute URL (an endpoint named by the IDP's discovery document).
    /// - Throws: `invalidArgument` for a URL without scheme and host.
    func send(
        _ method: String,
        url: URL,
        query: [(String, String)] = [],
        headers: HTTPHeaders = [:],
        body: [UInt8] = []
    ) async throws(PrimarySystemError) -> HTTPResponseMessage {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false), let scheme = components.scheme,
            let host = components.host
        else {
            throw PrimarySystemError(.invalidArgument, reason: "\(url) is not an absolute URL")
        }
        let authority = host.contains(":") ? "[\(host)]" : host
        let base = "\(scheme)://\(authority)" + (components.port.map { ":\($0)" } ?? "")
        var target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let existing = components.percentEncodedQuery.map { [$0] } ?? []
        let added = query.isEmpty ? [] : [FormEncoding.encode(query)]
        if !(existing + added).isEmpty { target += "?" + (existing + added).joined(separator: "&") }
        guard let baseURL = URL(string: base) else {
            throw PrimarySystemError(.invalidArgument, reason: "\(url) is not an absolute URL")
        }
        return try await self.send(HTTPRequestMessage(method: method, target: target, headers: headers, body: body), to: baseURL)
    }
}
