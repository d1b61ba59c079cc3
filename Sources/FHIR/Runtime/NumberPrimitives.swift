// SPDX-License-Identifier: Apache-2.0

/// `boolean`: `true` or `false` (a JSON boolean in JSON).
public enum FHIRBoolean: FHIRPrimitiveType, FHIRPrimitiveCoding {
    public typealias Value = Bool
    public static let typeName = "boolean"

    static func decode(_ scalar: FHIRScalar, format: FHIRFormat) throws(FHIRDecodingError) -> Bool {
        switch (scalar, format) {
        case (.bool(let bool), .json): return bool
        case (.string("true"), .xml): return true
        case (.string("false"), .xml): return false
        case (_, .json): throw FHIRDecodingError(.wrongType, "a boolean must be a JSON true or false")
        case (_, .xml): throw FHIRDecodingError(.invalidValue, "'\(scalar.lexical.prefix(80))' is not a valid boolean")
        }
    }

    static func scalar(for value: Bool) -> FHIRScalar { .bool(value) }
}

/// `integer`: a signed 32-bit integer.
public enum FHIRInteger: FHIRPrimitiveType, FHIRPrimitiveCoding {
    public typealias Value = Int32
    public static let typeName = "integer"

    static func decode(_ scalar: FHIRScalar, format: FHIRFormat) throws(FHIRDecodingError) -> Int32 {
        try IntegerRule.decode(scalar, format: format, typeName: typeName, range: Int(Int32.min)...Int(Int32.max))
    }

    static func scalar(for value: Int32) -> FHIRScalar { .number(String(value)) }
}

/// `unsignedInt`: 0 to 2,147,483,647.
public enum FHIRUnsignedInt: FHIRPrimitiveType, FHIRPrimitiveCoding {
    public typealias Value = Int32
    public static let typeName = "unsignedInt"

    static func decode(_ scalar: FHIRScalar, format: FHIRFormat) throws(FHIRDecodingError) -> Int32 {
        try IntegerRule.decode(scalar, format: format, typeName: typeName, range: 0...Int(Int32.max))
    }

    static func scalar(for value: Int32) -> FHIRScalar { .number(String(value)) }
}

/// `positiveInt`: 1 to 2,147,483,647.
public enum FHIRPositiveInt: FHIRPrimitiveType, FHIRPrimitiveCoding {
    public typealias Value = Int32
    public static let typeName = "positiveInt"

    static func decode(_ scalar: FHIRScalar, format: FHIRFormat) throws(FHIRDecodingError) -> Int32 {
        try IntegerRule.decode(scalar, format: format, typeName: typeName, range: 1...Int(Int32.max))
    }

    static func scalar(for value: Int32) -> FHIRScalar { .number(String(value)) }
}

/// `decimal`: a decimal number, kept exactly as written (`1.50` stays `1.50`).
public enum FHIRDecimal: FHIRPrimitiveType, FHIRPrimitiveCoding {
    public typealias Value = DecimalValue
    public static let typeName = "decimal"

    static func decode(_ scalar: FHIRScalar, format: FHIRFormat) throws(FHIRDecodingError) -> DecimalValue {
        switch (scalar, format) {
        case (.number(let lexical), .json), (.string(let lexical), .xml):
            guard let value = DecimalValue(lexical: lexical) else {
                throw FHIRDecodingError(.invalidValue, "'\(lexical.prefix(80))' is not a valid decimal")
            }
            return value
        default:
            throw FHIRDecodingError(.wrongType, "a decimal must be a JSON number")
        }
    }

    static func scalar(for value: DecimalValue) -> FHIRScalar { .number(value.lexical) }
}

/// The shared rule of the integer types: `-?(0|[1-9][0-9]*)` within a range; a JSON number in JSON.
enum IntegerRule {
    static func decode(_ scalar: FHIRScalar, format: FHIRFormat, typeName: String, range: ClosedRange<Int>) throws(FHIRDecodingError) -> Int32 {
        let lexical: String
        switch (scalar, format) {
        case (.number(let string), .json), (.string(let string), .xml): lexical = string
        default: throw FHIRDecodingError(.wrongType, "a \(typeName) must be a JSON number")
        }
        let bytes = Array(lexical.utf8)
        let digits = bytes.first == UInt8(ascii: "-") ? bytes.dropFirst() : bytes[...]
        guard !digits.isEmpty, digits.count <= 11, digits.allSatisfy(Lexical.isDigit),
            digits.count == 1 || digits.first != UInt8(ascii: "0"),
            let value = Int(lexical), range.contains(value), lexical != "-0"
        else {
            throw FHIRDecodingError(.invalidValue, "'\(lexical.prefix(80))' is not a valid \(typeName)")
        }
        return Int32(value)
    }
}
