// SPDX-License-Identifier: Apache-2.0

/// An HTTP response as the kit receives it: the outer response of a transport, or the decrypted inner response.
public struct HTTPResponseMessage: Sendable, Hashable {
    /// The status code.
    public var status: Int
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(self.status) }
}
