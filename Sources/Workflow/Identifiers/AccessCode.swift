// SPDX-License-Identifier: Apache-2.0

/// The AccessCode of a task: 256 random bits as 64 lower-case hex digits (A_19021-02), generated at `$create` and
/// required for `$activate`, `$accept`, the prescriber's `$abort` and representative access (spec/fd-api.md §4.3).
///
/// `==` runs in constant time over the bytes. `description`, `debugDescription` and `dump` never show the value; read
/// ``hexadecimal`` where the value must be written out (the Task resource, the E-Rezept-Token).
public struct AccessCode: Equatable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The naming system of AccessCodes in `Task.identifier`.
    public static let system = "https://gematik.de/fhir/erp/NamingSystem/GEM_ERP_NS_AccessCode"

    private let token: HexToken

    /// Parses an AccessCode given by a caller (`X-AccessCode` header or `?ac=`).
    /// - Parameter text: 64 lower-case hex digits.
    /// - Throws: ``WorkflowError/Code/accessCodeMismatch`` (403) when the text has the wrong form: a malformed code
    ///   can never match, and the specification answers a wrong AccessCode with 403.
    public init(_ text: some StringProtocol) throws(WorkflowError) {
        guard let token = HexToken(hex: text) else {
            throw WorkflowError(.accessCodeMismatch, reason: "AccessCode must be 64 lower-case hex digits")
        }
        self.token = token
    }

    private init(token: HexToken) {
        self.token = token
    }

    /// A new AccessCode from a cryptographically secure generator.
    /// - Parameter generator: the source of randomness; it must be a CSPRNG outside tests.
    public static func random(using generator: inout some RandomNumberGenerator) -> AccessCode {
        AccessCode(token: .random(using: &generator))
    }

    /// A new AccessCode from the system CSPRNG (A_19021-02: at least 120 bits of entropy; here 256).
    public static func random() -> AccessCode {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// The 64 lower-case hex digits. Write them only where the specification sends the AccessCode.
    public var hexadecimal: String { self.token.hex }

    /// Constant-time comparison of the 32 bytes.
    public static func == (lhs: AccessCode, rhs: AccessCode) -> Bool {
        lhs.token.constantTimeEquals(rhs.token)
    }

    /// `AccessCode(redacted)`.
    public var description: String { "AccessCode(redacted)" }

    /// `AccessCode(redacted)`.
    public var debugDescription: String { self.description }

    /// A mirror without children, so that `dump` shows no bytes.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
