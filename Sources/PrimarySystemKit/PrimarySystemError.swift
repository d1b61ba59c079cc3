// SPDX-License-Identifier: Apache-2.0

public import FHIR

/// The one error type of `PrimarySystemKit`.
///
/// Shaped like `TICryptoError`: a stable ``Code`` callers match on, a ``reason`` for logs, and equality on the code
/// only, so tests can write `#expect(throws: PrimarySystemError(.requestIDMismatch))`. A failed Fachdienst operation
/// also carries the inner HTTP ``status`` and the server's ``operationOutcome``. Reasons never contain tokens, keys,
/// AccessCodes or Secrets.
public struct PrimarySystemError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable error code. New codes may be added in any release; do not switch over them exhaustively.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let rawValue: String

        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The stable name.
        public var description: String { self.rawValue }

        /// A caller-supplied value cannot be sent (a header with a line break, a path not in origin form, …).
        public static let invalidArgument = Code("invalidArgument")
        /// No access token: the inner request carries no `Authorization: Bearer` header, or the token source failed.
        public static let missingAccessToken = Code("missingAccessToken")
        /// The HTTP exchange failed below HTTP: no connection, a timeout, a reset.
        public static let transportFailed = Code("transportFailed")
        /// `GET /VAUCertificate` did not answer a DER certificate.
        public static let vauCertificateUnavailable = Code("vauCertificateUnavailable")
        /// C.FD.ENC does not chain to a trust anchor, is not valid now, lacks the VAU role or key usage, or its OCSP
        /// status is not good (A_20161-01 step 1; spec/ref-impl.md B.3).
        public static let untrustedVAUCertificate = Code("untrustedVAUCertificate")
        /// The outer response of `POST /VAU/{pseudonym}` is not 200 (the VAU refused the envelope).
        public static let vauRefused = Code("vauRefused")
        /// The VAU response does not decrypt with the response key of the request (A_20174).
        public static let responseDecryptionFailed = Code("responseDecryptionFailed")
        /// The VAU response names another request id than the one sent (A_20174).
        public static let requestIDMismatch = Code("requestIDMismatch")
        /// The decrypted VAU response does not start with `"1" SP request-id SP`.
        public static let malformedVAUResponse = Code("malformedVAUResponse")
        /// The inner response is not an HTTP/1.1 response.
        public static let malformedHTTPResponse = Code("malformedHTTPResponse")
        /// The Fachdienst answered the operation with an error status (its OperationOutcome in ``operationOutcome``).
        public static let operationFailed = Code("operationFailed")
        /// The Fachdienst answered with a success status but not with the resource the operation defines.
        public static let unexpectedResponse = Code("unexpectedResponse")
        /// The IDP's discovery document or one of its keys cannot be trusted: bad signature, a signer certificate that
        /// does not chain to the trust anchors or lacks the role `oid_idpd`, or a document outside its validity.
        public static let untrustedIDP = Code("untrustedIDP")
        /// The IDP refused a step of the login with an error answer (its `gematik_code` is in ``reason``).
        public static let idpRefused = Code("idpRefused")
        /// An IDP answer does not have the form the flow requires (challenge, redirect, token response).
        public static let malformedIDPResponse = Code("malformedIDPResponse")
        /// The card could not sign the challenge.
        public static let cardFailed = Code("cardFailed")
    }

    /// The failure.
    public let code: Code
    /// The failure, in words; safe to log.
    public let reason: String
    /// The HTTP status of the response that failed, when there was one (outer for `vauRefused`, inner otherwise).
    public let status: Int?
    /// The OperationOutcome of a failed operation, when the server sent a readable one.
    public let operationOutcome: OperationOutcome?

    /// Creates an error.
    public init(_ code: Code, reason: String = "", status: Int? = nil, operationOutcome: OperationOutcome? = nil) {
        self.code = code
        self.reason = reason
        self.status = status
        self.operationOutcome = operationOutcome
    }

    /// Equality on ``code`` only.
    public static func == (lhs: PrimarySystemError, rhs: PrimarySystemError) -> Bool { lhs.code == rhs.code }

    /// Hashes ``code`` only.
    public func hash(into hasher: inout Hasher) { hasher.combine(self.code) }

    /// `<code>: <reason>`, with the status when known.
    public var description: String {
        let status = self.status.map { " (HTTP \($0))" } ?? ""
        return "\(self.code)\(status): \(self.reason)"
    }
}
