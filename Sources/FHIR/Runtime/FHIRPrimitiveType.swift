// SPDX-License-Identifier: Apache-2.0

/// A FHIR primitive type: the Swift type of its value and its lexical rules.
///
/// Conforming types are caseless enums used as the type parameter of ``Primitive``.
public protocol FHIRPrimitiveType: Sendable {
    /// The Swift representation of a value.
    associatedtype Value: Sendable & Hashable
    /// The FHIR type name, for messages.
    static var typeName: String { get }
}

extension FHIRPrimitiveType {
    /// The JSON value kind that carries the type, for messages.
    static var jsonKind: String {
        switch Value.self {
        case is Bool.Type: "boolean"
        case is Int32.Type, is DecimalValue.Type: "number"
        default: "string"
        }
    }
}

/// How a primitive type reads and writes its values; every ``FHIRPrimitiveType`` of the module conforms.
protocol FHIRPrimitiveCoding: FHIRPrimitiveType {
    /// Decodes and validates a value as the wire format carried it.
    static func decode(_ scalar: FHIRScalar, format: FHIRFormat) throws(FHIRDecodingError) -> Value
    /// Encodes a value for the wire formats.
    static func scalar(for value: Value) -> FHIRScalar
}

/// The primitive types whose value is text in both wire formats and is validated by a lexical rule.
protocol FHIRStringPrimitive: FHIRPrimitiveCoding where Value == String {
    /// Whether `string` is a valid lexical form (it is never empty when called).
    static func isValid(_ string: String) -> Bool
}

extension FHIRStringPrimitive {
    static func decode(_ scalar: FHIRScalar, format: FHIRFormat) throws(FHIRDecodingError) -> String {
        guard case .string(let string) = scalar else {
            throw FHIRDecodingError(.wrongType, "a \(typeName) must be a JSON string")
        }
        guard !string.isEmpty else { throw FHIRDecodingError(.empty, "a \(typeName) must not be empty") }
        // R4 datatypes: strings "SHALL NOT contain Unicode character points below 32, except for u0009, u000D and u000A".
        if string.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
            throw FHIRDecodingError(.invalidValue, "a \(typeName) must not contain control characters")
        }
        guard isValid(string) else {
            throw FHIRDecodingError(.invalidValue, "'\(string.prefix(80))' is not a valid \(typeName)")
        }
        return string
    }

    static func scalar(for value: String) -> FHIRScalar { .string(value) }
}

/// The primitive types whose value is a validated lexical form kept exactly as written (decimals, dates).
protocol FHIRLexicalPrimitive: FHIRPrimitiveCoding where Value: FHIRLexicalValue {
    /// Whether a lexically valid value is allowed for this type (for example the precision of an `instant`).
    static func accepts(_ value: Value) -> Bool
}

/// A value that is kept as its validated lexical form so that it round-trips exactly.
public protocol FHIRLexicalValue: Sendable, Hashable, CustomStringConvertible {
    /// The text exactly as written.
    var lexical: String { get }
    /// Validates `lexical`; returns `nil` if it is not a valid lexical form.
    init?(lexical: String)
}

extension FHIRLexicalValue {
    public var description: String { lexical }
}
