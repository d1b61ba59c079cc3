// SPDX-License-Identifier: Apache-2.0

/// The one error type of `Storage`.
///
/// Shaped like `TICryptoError`: a stable, extensible ``Code`` that callers match on, a human ``reason`` for logs (never
/// for clients), and the source location that raised it. Two errors are equal when their codes are equal, so tests and
/// callers can write `#expect(throws: StorageError(.decryptionFailed))`.
public struct StorageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable error code. New codes may be added in any release; do not switch over them exhaustively.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let rawValue: String

        init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        /// The key file exists but is not a key: not a regular file, or not exactly 32 bytes long.
        public static let keyFileInvalid = Code("keyFileInvalid")
        /// The key file may be read by group or others (any of the mode bits `0o077` is set); it is refused until the
        /// operator restricts it to the owner (`chmod 600`).
        public static let keyFilePermissions = Code("keyFilePermissions")
        /// The key file or its directory cannot be opened, read, created or synced (the reason carries `errno`).
        public static let keyFileAccess = Code("keyFileAccess")
        /// A master key does not have the required size of 256 bits.
        public static let invalidKey = Code("invalidKey")
        /// An insurant identifier is empty after normalisation.
        public static let invalidInsurant = Code("invalidInsurant")
        /// A value to be hashed for a lookup is empty after normalisation.
        public static let invalidLookupValue = Code("invalidLookupValue")
        /// A stored ciphertext is structurally invalid, for example too short to hold the header and tag.
        public static let invalidCiphertext = Code("invalidCiphertext")
        /// A stored ciphertext starts with a format version this implementation does not read.
        public static let unsupportedCiphertextVersion = Code("unsupportedCiphertextVersion")
        /// Authenticated decryption failed: wrong master key, wrong insurant, wrong associated data, or altered bytes.
        public static let decryptionFailed = Code("decryptionFailed")
        /// The cryptographic library failed in a way that is not attributable to the input.
        public static let cryptoFailure = Code("cryptoFailure")

        /// The code's stable name.
        public var description: String { self.rawValue }
    }

    /// What went wrong, in machine-readable form.
    public var code: Code
    /// What went wrong, for humans and logs. Never contains key material or plaintext.
    public var reason: String
    /// The source file that raised the error.
    public var file: String
    /// The source line that raised the error.
    public var line: UInt

    /// Creates an error.
    /// - Parameters:
    ///   - code: The stable code.
    ///   - reason: A human explanation.
    public init(_ code: Code, reason: String = "", file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// Equality on ``code`` only.
    public static func == (lhs: StorageError, rhs: StorageError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes ``code`` only, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.code)
    }

    /// `StorageError.<code>: <reason> (<file>:<line>)`.
    public var description: String {
        "StorageError.\(self.code): \(self.reason) (\(self.file):\(self.line))"
    }
}
