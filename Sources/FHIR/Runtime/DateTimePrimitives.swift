// SPDX-License-Identifier: Apache-2.0

/// `date`: a year, year-month or full date, without time.
public enum FHIRDate: FHIRPrimitiveType, FHIRLexicalPrimitive {
    public typealias Value = DateTimeValue
    public static let typeName = "date"
    static func accepts(_ value: DateTimeValue) -> Bool { value.precision <= .day }
}

/// `dateTime`: a date of any precision, or a date with time and time zone.
public enum FHIRDateTime: FHIRPrimitiveType, FHIRLexicalPrimitive {
    public typealias Value = DateTimeValue
    public static let typeName = "dateTime"
    static func accepts(_ value: DateTimeValue) -> Bool { true }
}

/// `instant`: a full date and time with time zone.
public enum FHIRInstant: FHIRPrimitiveType, FHIRLexicalPrimitive {
    public typealias Value = DateTimeValue
    public static let typeName = "instant"
    static func accepts(_ value: DateTimeValue) -> Bool { value.precision == .second }
}

/// `time`: a time of day without time zone.
public enum FHIRTime: FHIRPrimitiveType, FHIRLexicalPrimitive {
    public typealias Value = TimeValue
    public static let typeName = "time"
    static func accepts(_ value: TimeValue) -> Bool { true }
}

extension FHIRLexicalPrimitive {
    static func decode(_ scalar: FHIRScalar, format: FHIRFormat) throws(FHIRDecodingError) -> Value {
        guard case .string(let lexical) = scalar else {
            throw FHIRDecodingError(.wrongType, "a \(typeName) must be a JSON string")
        }
        guard let value = Value(lexical: lexical), accepts(value) else {
            throw FHIRDecodingError(.invalidValue, "'\(lexical.prefix(80))' is not a valid \(typeName)")
        }
        return value
    }

    static func scalar(for value: Value) -> FHIRScalar { .string(value.lexical) }
}
