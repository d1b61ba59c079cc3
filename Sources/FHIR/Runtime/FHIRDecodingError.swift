// SPDX-License-Identifier: Apache-2.0

/// Why a FHIR document could not be decoded, and where.
///
/// Errors compare equal by `code` and `path`, so tests can check them without matching the wording.
public struct FHIRDecodingError: Error, Sendable, CustomStringConvertible {
    /// A stable, machine-readable reason.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The bytes are not well-formed JSON or XML.
        public static let syntax = Code("syntax")
        /// The document starts with a UTF-8 byte order mark, which FHIR does not allow.
        public static let byteOrderMark = Code("byte-order-mark")
        /// The document is larger than the decoder accepts.
        public static let tooLarge = Code("too-large")
        /// The document nests deeper than the decoder accepts.
        public static let tooDeep = Code("too-deep")
        /// The input is neither JSON nor XML.
        public static let unknownFormat = Code("unknown-format")
        /// An element the definition does not have.
        public static let unknownElement = Code("unknown-element")
        /// An unknown or abstract resource type.
        public static let unknownResourceType = Code("unknown-resource-type")
        /// A value of the wrong kind: an object for a primitive, a JSON string for a boolean, …
        public static let wrongType = Code("wrong-type")
        /// A primitive value whose lexical form is not valid for its type.
        public static let invalidValue = Code("invalid-value")
        /// An element that may appear once appears again.
        public static let duplicate = Code("duplicate")
        /// A required element is missing, or a JSON array/non-array mismatch.
        public static let cardinality = Code("cardinality")
        /// XML elements out of the order the definition gives.
        public static let order = Code("order")
        /// An element with neither value nor children, an empty string or array.
        public static let empty = Code("empty")
    }

    /// The reason.
    public let code: Code
    /// The FHIRPath-like location, for example `Bundle.entry[3].resource.Patient.foo`.
    public private(set) var path: String
    /// A human explanation.
    public let message: String

    init(_ code: Code, _ message: String, path: String = "") {
        self.code = code
        self.message = message
        self.path = path
    }

    /// Returns the error with `segment` put in front of its path.
    func prefixed(with segment: String) -> FHIRDecodingError {
        var copy = self
        if copy.path.isEmpty {
            copy.path = segment
        } else if copy.path.hasPrefix("[") {
            copy.path = segment + copy.path
        } else {
            copy.path = segment + "." + copy.path
        }
        return copy
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

extension FHIRDecodingError: Equatable {
    public static func == (lhs: FHIRDecodingError, rhs: FHIRDecodingError) -> Bool {
        lhs.code == rhs.code && lhs.path == rhs.path
    }
}
