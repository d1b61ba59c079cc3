// SPDX-License-Identifier: Apache-2.0

/// The Secret of a task in progress: 256 random bits as 64 lower-case hex digits (A_19169-01), generated at `$accept`
/// for the pharmacy or payer that holds the task and required as `?secret=` for `$reject`, `$dispense`, `$close`, the
/// pharmacy's `$abort` and the receipt download (spec/fd-api.md §4.3). Never shown to the insurant (A_21532-02).
///
/// `==` runs in constant time over the bytes. `description`, `debugDescription` and `dump` never show the value; read
/// ``hexadecimal`` where the value must be written out (the `$accept` response).
public struct Secret: Equatable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The naming system of Secrets in `Task.identifier`.
    public static let system = "https://gematik.de/fhir/erp/NamingSystem/GEM_ERP_NS_Secret"

    private let token: HexToken

    /// Parses a Secret given by a caller (`?secret=`).
    /// - Parameter text: 64 lower-case hex digits.
    /// - Throws: ``WorkflowError/Code/secretMismatch`` (403) when the text has the wrong form: a malformed secret can
    ///   never match, and the specification answers a wrong Secret with 403.
    public init(_ text: some StringProtocol) throws(WorkflowError) {
        guard let token = HexToken(hex: text) else {
            throw WorkflowError(.secretMismatch, reason: "Secret must be 64 lower-case hex digits")
        }
        self.token = token
    }

    private init(token: HexToken) {
        self.token = token
    }

    /// A new Secret from a cryptographically secure generator.
    /// - Parameter generator: the source of randomness; it must be a CSPRNG outside tests.
    public static func random(using generator: inout some RandomNumberGenerator) -> Secret {
        Secret(token: .random(using: &generator))
    }

    /// A new Secret from the system CSPRNG (A_19169-01: at least 120 bits of entropy; here 256).
    public static func random() -> Secret {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// The 64 lower-case hex digits. Write them only where the specification sends the Secret.
    public var hexadecimal: String { self.token.hex }

    /// Constant-time comparison of the 32 bytes.
    public static func == (lhs: Secret, rhs: Secret) -> Bool {
        lhs.token.constantTimeEquals(rhs.token)
    }

    /// `Secret(redacted)`.
    public var description: String { "Secret(redacted)" }

    /// `Secret(redacted)`.
    public var debugDescription: String { self.description }

    /// A mirror without children, so that `dump` shows no bytes.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
