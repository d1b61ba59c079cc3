// SPDX-License-Identifier: Apache-2.0

/// The one error type of `TICrypto`.
///
/// Modelled on swift-certificates' `CertificateError`: a stable, extensible ``Code`` that callers match on, a human
/// ``reason`` for logs (never for clients), and the source location that raised it. Two errors are equal when their
/// codes are equal, so tests and callers can write `#expect(throws: TICryptoError(.invalidKey))`.
public struct TICryptoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable error code. New codes may be added in any release; do not switch over them exhaustively.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let rawValue: String

        init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        /// A key is malformed, out of range, or its public point is not on the curve.
        public static let invalidKey = Code("invalidKey")
        /// A signature is malformed (not strict DER, wrong length, or a component too large).
        public static let invalidSignature = Code("invalidSignature")
        /// A PEM, DER or PKCS#12 document could not be decoded.
        public static let invalidEncoding = Code("invalidEncoding")
        /// A key is on a different curve than the type that was asked for, or on an unnamed custom curve.
        public static let unsupportedCurve = Code("unsupportedCurve")
        /// A key is not an elliptic-curve key at all (RSA, Ed25519, …).
        public static let unsupportedAlgorithm = Code("unsupportedAlgorithm")
        /// Authenticated decryption failed: wrong key, or the ciphertext or tag was altered.
        public static let decryptionFailed = Code("decryptionFailed")
        /// A ciphertext is structurally invalid, for example too short to hold the header and tag.
        public static let invalidCiphertext = Code("invalidCiphertext")
        /// A message carries a protocol version this implementation does not speak, or a certificate is not v1, v2 or v3.
        public static let unsupportedVersion = Code("unsupportedVersion")
        /// A caller-supplied parameter has the wrong size or form (IV, digest, symmetric key).
        public static let invalidParameter = Code("invalidParameter")
        /// The password of a PKCS#12 container is wrong (its MAC does not verify).
        public static let invalidPassword = Code("invalidPassword")
        /// A CMS (RFC 5652) document is malformed: not BER/DER, not SignedData, or a signed attribute is broken.
        public static let invalidCMS = Code("invalidCMS")
        /// A well-formed CMS document uses a feature this implementation does not handle (detached content, several
        /// signers, no signed attributes, signer certificate not included).
        public static let unsupportedCMS = Code("unsupportedCMS")
        /// A JOSE compact serialization or one of its parts is malformed: wrong number of segments, invalid base64url, a
        /// header that is not a JSON object or lacks a required member, or a part of the wrong size (RFC 7515, RFC 7516).
        public static let malformedJOSE = Code("malformedJOSE")
        /// A JWS with `alg: none` (an unsecured JWS, RFC 7515 §3.6, RFC 7518 §3.6); it is never accepted.
        public static let unsecuredJWS = Code("unsecuredJWS")
        /// A JOSE `alg` or `enc` value this implementation does not implement, or a `zip` it does not support.
        public static let unsupportedJOSEAlgorithm = Code("unsupportedJOSEAlgorithm")
        /// A JOSE `alg` that is implemented but does not fit the key or the operation (for example `ES256` verified with a
        /// brainpoolP256r1 key, or `dir` opened as `ECDH-ES`): refused to prevent algorithm confusion.
        public static let joseAlgorithmMismatch = Code("joseAlgorithmMismatch")
        /// A JOSE header lists extensions in `crit` (RFC 7515 §4.1.11), none of which this implementation understands.
        public static let unsupportedCriticalHeader = Code("unsupportedCriticalHeader")
        /// A well-formed signature that does not verify with the given key.
        public static let signatureVerificationFailed = Code("signatureVerificationFailed")
        /// DER input ends before an element it announces (X.690 §8.1.3: the length exceeds the remaining bytes).
        public static let truncated = Code("truncated")
        /// An element has a different tag than the ASN.1 structure requires at that position.
        public static let invalidTag = Code("invalidTag")
        /// A length field is not DER (X.690 §10.1) or too large to be supported.
        public static let invalidLength = Code("invalidLength")
        /// Elements are missing, surplus, or out of order, or bytes follow the structure.
        public static let invalidStructure = Code("invalidStructure")
        /// An INTEGER is empty, not minimally encoded, negative where it must not be, or out of range.
        public static let invalidInteger = Code("invalidInteger")
        /// An OBJECT IDENTIFIER is not validly encoded (X.690 §8.19).
        public static let invalidOID = Code("invalidOID")
        /// A string does not match its ASN.1 string type (e.g. invalid UTF-8, non-ASCII in a PrintableString).
        public static let invalidString = Code("invalidString")
        /// A UTCTime or GeneralizedTime is not in the form RFC 5280 §4.1.2.5 requires.
        public static let invalidTime = Code("invalidTime")
        /// A certificate extension's value does not match its ASN.1 definition (RFC 5280 §4.2, Common PKI Part 9).
        public static let invalidExtension = Code("invalidExtension")
        /// A certificate extension appears more than once (forbidden by RFC 5280 §4.2).
        public static let duplicateExtension = Code("duplicateExtension")
        /// `tbsCertificate.signature` differs from `signatureAlgorithm` (RFC 5280 §4.1.1.2).
        public static let signatureAlgorithmMismatch = Code("signatureAlgorithmMismatch")
        /// PEM text has no `CERTIFICATE` block, unbalanced markers, or invalid Base64 (RFC 7468).
        public static let invalidPEM = Code("invalidPEM")
        /// OpenSSL failed in a way that is not attributable to the input (for example memory exhaustion).
        public static let openSSL = Code("openSSL")

        /// The code's stable name.
        public var description: String { self.rawValue }
    }

    /// What went wrong, in machine-readable form.
    public var code: Code
    /// What went wrong, for humans and logs; may include OpenSSL's error-queue text. Do not show to clients.
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
    public static func == (lhs: TICryptoError, rhs: TICryptoError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes ``code`` only, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.code)
    }

    /// `TICryptoError.<code>: <reason> (<file>:<line>)`.
    public var description: String {
        "TICryptoError.\(self.code): \(self.reason) (\(self.file):\(self.line))"
    }
}
