// SPDX-License-Identifier: Apache-2.0

/// Why ``OCSPClient`` has no OCSP response for a certificate.
///
/// The reasons name the certificate, the responder URL and the failed step, never more of the exchange; they are meant
/// for the log. Equality is on ``code`` only.
public struct OCSPClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The failed step.
    public let code: Code
    /// The failed step, in words.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The failed step, as a stable name.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let rawValue: String

        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The stable name.
        public var description: String { self.rawValue }

        /// The certificate's AIA names no OCSP responder with an `http` or `https` URL.
        public static let noResponderURL = Code("noResponderURL")
        /// No CA known to the client issued the certificate, or the CertID cannot be built from the issuer.
        public static let unknownIssuer = Code("unknownIssuer")
        /// The responder did not answer: refused connection, unknown host, or no answer within the timeout.
        public static let unreachable = Code("unreachable")
        /// The responder answered with an HTTP status other than 200.
        public static let httpStatus = Code("httpStatus")
        /// The body is no DER `OCSPResponse` (RFC 6960 §4.2.1), or it is too large.
        public static let invalidResponse = Code("invalidResponse")
        /// The `responseStatus` is not `successful` (`tryLater`, `unauthorized`, …).
        public static let unsuccessful = Code("unsuccessful")
        /// A successful response without a `SingleResponse` for the certificate asked about.
        public static let wrongCertificate = Code("wrongCertificate")
    }

    /// `code: reason`.
    public var description: String { "\(self.code): \(self.reason)" }

    /// Equality on the code only.
    public static func == (lhs: OCSPClientError, rhs: OCSPClientError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only.
    public func hash(into hasher: inout Hasher) { hasher.combine(self.code) }
}
