// SPDX-License-Identifier: Apache-2.0

/// Why an access token was refused. Every case is answered with 401 (spec/ref-impl.md C.4).
///
/// The reasons name the failed check only, never the token or a claim's value, so they are safe to log and to return.
public struct AccessTokenError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The failed check.
    public let code: Code
    /// The failed check, in words.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The failed check, as a stable name.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The stable name.
        public var description: String { self.rawValue }

        /// No `Authorization: Bearer` header.
        public static let missing = Code("missing")
        /// Not a compact JWS with a JSON claims object.
        public static let malformed = Code("malformed")
        /// Wrong algorithm or signature.
        public static let invalidSignature = Code("invalidSignature")
        /// A required claim is missing or has the wrong type.
        public static let missingClaim = Code("missingClaim")
        /// `exp` has passed.
        public static let expired = Code("expired")
        /// `iat` or `nbf` lies in the future.
        public static let notYetValid = Code("notYetValid")
        /// `aud` is not this Fachdienst.
        public static let wrongAudience = Code("wrongAudience")
        /// `acr` is not an accepted level of assurance.
        public static let insufficientAssurance = Code("insufficientAssurance")
        /// `professionOID` belongs to no workflow role.
        public static let unknownProfession = Code("unknownProfession")
        /// `idNummer` is not a valid KVNR or Telematik-ID.
        public static let invalidIdentifier = Code("invalidIdentifier")
    }

    /// Equality on ``code`` only.
    public static func == (lhs: AccessTokenError, rhs: AccessTokenError) -> Bool { lhs.code == rhs.code }

    /// Hashes ``code`` only.
    public func hash(into hasher: inout Hasher) { hasher.combine(self.code) }

    /// `<code>: <reason>`.
    public var description: String { "\(self.code): \(self.reason)" }

    /// The 401 answer: issue code `login` without a token, `expired` for an expired one, else `security`.
    public var operationOutcomeError: OperationOutcomeError {
        let issueCode =
            switch self.code {
            case .missing: "login"
            case .expired: "expired"
            default: "security"
            }
        return .unauthenticated(issueCode: issueCode, reason: self.reason)
    }
}
