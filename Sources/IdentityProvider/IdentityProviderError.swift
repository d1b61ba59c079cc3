// SPDX-License-Identifier: Apache-2.0

/// A refusal of the identity provider: a stable ``Code`` carrying the OAuth error and gematik's error number, plus a
/// reason for logs.
///
/// Errors compare equal by code only, so tests can match them without the text.
public struct IdentityProviderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable error code: a name, the OAuth `error`, the `gematik_code` and the `gematik_error_text`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The stable name, e.g. `clientIDInvalid`.
        public let name: String
        /// The OAuth `error`.
        public let error: OAuthErrorType
        /// The `gematik_code`, e.g. `2012`.
        public let gematikCode: String
        /// The `gematik_error_text` (German, as the gematik IDP answers).
        public let text: String

        init(_ name: String, _ error: OAuthErrorType, _ gematikCode: String, _ text: String) {
            self.name = name
            self.error = error
            self.gematikCode = gematikCode
            self.text = text
        }

        /// Equal when the names are equal.
        public static func == (lhs: Code, rhs: Code) -> Bool { lhs.name == rhs.name }

        /// Hashes the name.
        public func hash(into hasher: inout Hasher) { hasher.combine(self.name) }

        /// `name (error gematikCode)`.
        public var description: String { "\(self.name) (\(self.error.rawValue) \(self.gematikCode))" }
    }

    /// The code.
    public let code: Code
    /// Why, for logs; never sent to the client.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, reason: String? = nil) {
        self.code = code
        self.reason = reason ?? code.text
    }

    /// Equal when the codes are equal.
    public static func == (lhs: IdentityProviderError, rhs: IdentityProviderError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code.
    public func hash(into hasher: inout Hasher) { hasher.combine(self.code) }

    /// The code and the reason.
    public var description: String { "\(self.code): \(self.reason)" }
}
