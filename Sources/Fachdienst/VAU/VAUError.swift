// SPDX-License-Identifier: Apache-2.0

public import Hummingbird

/// Why the VAU channel refused an outer request before any inner request ran (A_20163).
///
/// Answered without encryption as JSON `{"x-request-id", "status", "error", "message"}` (A_22103, spec/fd-api.md §9).
/// The reasons name the failed check only, never the token, a key or the inner request, so they are safe to log and
/// to return. Equality is on ``code`` only.
public struct VAUError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The failed check.
    public let code: Code
    /// The failed check, in words.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The failed check, as a stable name with the outer HTTP status it is answered with.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let rawValue: String
        /// The outer HTTP status code.
        public let status: Int

        private init(_ rawValue: String, status: Int) {
            self.rawValue = rawValue
            self.status = status
        }

        /// The stable name.
        public var description: String { self.rawValue }

        /// Equality on the name only.
        public static func == (lhs: Code, rhs: Code) -> Bool { lhs.rawValue == rhs.rawValue }

        /// Hashes the name only.
        public func hash(into hasher: inout Hasher) { hasher.combine(self.rawValue) }

        /// The message is shorter than `0x01 ‖ X ‖ Y ‖ IV ‖ tag` (93 bytes).
        public static let truncated = Code("truncated", status: 400)
        /// The first byte of the message is not `0x01`.
        public static let unsupportedVersion = Code("unsupportedVersion", status: 400)
        /// The ephemeral key is not a point on brainpoolP256r1.
        public static let invalidEphemeralKey = Code("invalidEphemeralKey", status: 400)
        /// The AES-GCM tag does not verify.
        public static let decryptionFailed = Code("decryptionFailed", status: 400)
        /// The plaintext is not `"1" SP token SP request-id SP response-key SP request`.
        public static let malformedPlaintext = Code("malformedPlaintext", status: 400)
        /// The plaintext's version is not `1`.
        public static let unsupportedPlaintextVersion = Code("unsupportedPlaintextVersion", status: 400)
        /// The request id is not 32 hexadecimal characters.
        public static let invalidRequestID = Code("invalidRequestID", status: 400)
        /// The response key is not 16 bytes in hexadecimal.
        public static let invalidResponseKey = Code("invalidResponseKey", status: 400)
        /// The inner request is not an HTTP/1.1 request.
        public static let malformedInnerRequest = Code("malformedInnerRequest", status: 400)
        /// The inner `Authorization` header does not carry the envelope's token.
        public static let tokenMismatch = Code("tokenMismatch", status: 400)
        /// `X-erp-user` or `X-erp-resource` contradicts the inner request or its token.
        public static let headerMismatch = Code("headerMismatch", status: 400)
        /// The request id was used before within the token's lifetime.
        public static let replayedRequest = Code("replayedRequest", status: 400)
        /// The outer body is not `application/octet-stream`.
        public static let unsupportedMediaType = Code("unsupportedMediaType", status: 415)
        /// The outer body exceeds the limit.
        public static let requestTooLarge = Code("requestTooLarge", status: 413)
        /// The method is not `POST`.
        public static let methodNotAllowed = Code("methodNotAllowed", status: 405)
    }

    /// Equality on ``code`` only.
    public static func == (lhs: VAUError, rhs: VAUError) -> Bool { lhs.code == rhs.code }

    /// Hashes ``code`` only.
    public func hash(into hasher: inout Hasher) { hasher.combine(self.code) }

    /// `<code>: <reason>`.
    public var description: String { "\(self.code): \(self.reason)" }

    /// The outer HTTP status.
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: self.code.status) }
}
