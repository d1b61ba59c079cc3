// SPDX-License-Identifier: Apache-2.0

/// An HTTP request as the kit sends it: to the Fachdienst directly, or as the inner request of a VAU envelope.
public struct HTTPRequestMessage: Sendable, Hashable {
    /// The method, e.g. `POST`.
    public var method: String
    /// The request target in origin form: path and query, e.g. `/Task/160.000.000.000.000.01/$accept?ac=…`.
    public var target: String
    /// The header fields; `Host` and `Content-Length` are written by the transport.
    public var headers: HTTPHeaders
    /// The body; empty for none.
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, target: String, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The path without the query.
    public var path: Substring { self.target.prefix { $0 != "?" && $0 != "#" } }

    /// The first path segment: `Task` for `/Task/123/$accept`, `metadata` for `/metadata` (for `X-erp-resource`).
    public var resource: Substring { self.path.split(separator: "/", maxSplits: 1).first ?? "" }

    /// The token of an `Authorization: Bearer` header, if there is one.
    public var bearerToken: String? {
        guard let value = self.headers["Authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingPrefix(while: { $0 == " " })
        return token.isEmpty ? nil : String(token)
    }
}
