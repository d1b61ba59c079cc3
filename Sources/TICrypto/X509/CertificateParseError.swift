// SPDX-License-Identifier: Apache-2.0

/// The error thrown when a certificate (DER or PEM) cannot be parsed.
///
/// Follows the house error shape (swift-certificates `CertificateError`): a stable, extensible ``Code`` that callers
/// and OperationOutcome mapping switch on, a human ``reason`` for logs, and the throwing location. Two errors are
/// equal when their codes are equal, so tests can write `#expect(throws: CertificateParseError.truncated)`.
public struct CertificateParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier of the kind of failure; new codes may be added in later versions.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case truncated, invalidTag, invalidLength, invalidStructure, invalidInteger, invalidOID, invalidString
            case unsupportedVersion, invalidTime, invalidExtension, duplicateExtension, signatureAlgorithmMismatch
            case invalidPEM
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The input ends before an element it announces (X.690 §8.1.3: the length exceeds the remaining bytes).
        public static let truncated = Code(.truncated)
        /// An element has a different tag than the X.509 structure requires at that position.
        public static let invalidTag = Code(.invalidTag)
        /// A length field is not DER (X.690 §10.1) or too large to be supported.
        public static let invalidLength = Code(.invalidLength)
        /// Elements are missing, surplus, or out of order, or bytes follow the certificate.
        public static let invalidStructure = Code(.invalidStructure)
        /// An INTEGER is empty, negative where it must not be, or out of range.
        public static let invalidInteger = Code(.invalidInteger)
        /// An OBJECT IDENTIFIER is not validly encoded (X.690 §8.19).
        public static let invalidOID = Code(.invalidOID)
        /// A string does not match its ASN.1 string type (e.g. invalid UTF-8, non-ASCII in a PrintableString).
        public static let invalidString = Code(.invalidString)
        /// The certificate version is not v1, v2 or v3 (RFC 5280 §4.1.2.1).
        public static let unsupportedVersion = Code(.unsupportedVersion)
        /// A UTCTime or GeneralizedTime is not in the form RFC 5280 §4.1.2.5 requires.
        public static let invalidTime = Code(.invalidTime)
        /// An extension's value does not match its ASN.1 definition (RFC 5280 §4.2, Common PKI Part 9).
        public static let invalidExtension = Code(.invalidExtension)
        /// An extension appears more than once (forbidden by RFC 5280 §4.2).
        public static let duplicateExtension = Code(.duplicateExtension)
        /// `tbsCertificate.signature` differs from `signatureAlgorithm` (RFC 5280 §4.1.1.2).
        public static let signatureAlgorithmMismatch = Code(.signatureAlgorithmMismatch)
        /// The PEM text has no `CERTIFICATE` block, unbalanced markers, or invalid Base64 (RFC 7468).
        public static let invalidPEM = Code(.invalidPEM)

        /// The code's name, e.g. `truncated`.
        public var description: String { value.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// What exactly was wrong, for logs; never shown to remote clients.
    public let reason: String
    /// The source file that threw.
    public let file: String
    /// The source line that threw.
    public let line: UInt

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - reason: a human explanation for logs.
    public init(_ code: Code, _ reason: String = "", file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// `code: reason (file:line)`.
    public var description: String { "CertificateParseError.\(code): \(reason) (\(file):\(line))" }

    /// Equality on ``code`` only.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    /// Hashes ``code`` only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// An error with code ``Code/truncated`` (for `#expect(throws:)` and pattern matching).
    public static let truncated = CertificateParseError(.truncated)
    /// An error with code ``Code/invalidTag``.
    public static let invalidTag = CertificateParseError(.invalidTag)
    /// An error with code ``Code/invalidLength``.
    public static let invalidLength = CertificateParseError(.invalidLength)
    /// An error with code ``Code/invalidStructure``.
    public static let invalidStructure = CertificateParseError(.invalidStructure)
    /// An error with code ``Code/unsupportedVersion``.
    public static let unsupportedVersion = CertificateParseError(.unsupportedVersion)
    /// An error with code ``Code/invalidTime``.
    public static let invalidTime = CertificateParseError(.invalidTime)
    /// An error with code ``Code/invalidExtension``.
    public static let invalidExtension = CertificateParseError(.invalidExtension)
    /// An error with code ``Code/duplicateExtension``.
    public static let duplicateExtension = CertificateParseError(.duplicateExtension)
    /// An error with code ``Code/invalidPEM``.
    public static let invalidPEM = CertificateParseError(.invalidPEM)
}
