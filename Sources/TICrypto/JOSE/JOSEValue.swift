// SPDX-License-Identifier: Apache-2.0

internal import Foundation

/// A JSON value as carried in a JOSE header (RFC 7515 §4, RFC 7516 §4) or a JWK (RFC 7517 §4).
///
/// Integers are kept apart from other numbers so that NumericDate members such as `exp` (which the gematik IDP puts into
/// challenge and token headers, spec/ref-impl.md C.2) round-trip exactly.
public enum JOSEValue: Hashable, Sendable, Codable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without fraction or exponent that fits into 64 bits.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JOSEValue])
    /// An object.
    case object([String: JOSEValue])

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JOSEValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JOSEValue].self))
        }
    }

    /// Encodes the value as JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The string, if this is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is one.
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: [String: JOSEValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JOSEValue]? {
        if case .array(let value) = self { return value }
        return nil
    }
}

extension JOSEValue {
    /// The JSON object encoded in the UTF-8 bytes `json`.
    /// - Throws: `malformedJOSE` unless `json` is one well-formed JSON object without duplicate member names at any
    ///   depth (RFC 7515 §4, RFC 7517 §4).
    static func decodeObject(_ json: some Collection<UInt8>) throws(TICryptoError) -> [String: JOSEValue] {
        let bytes = Array(json)
        let object: [String: JOSEValue]
        do {
            object = try JSONDecoder().decode([String: JOSEValue].self, from: Data(bytes))
        } catch {
            throw TICryptoError(.malformedJOSE, reason: "not a JSON object: \(error)")
        }
        guard !JSONDuplicateMembers.exist(in: bytes) else {
            throw TICryptoError(.malformedJOSE, reason: "duplicate member names in a JSON object")
        }
        return object
    }

    /// Compact UTF-8 JSON for `object`, with sorted keys and unescaped slashes, so that equal objects encode equally.
    static func encodeObject(_ object: [String: JOSEValue]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, finite numbers, arrays and objects cannot fail; non-finite doubles are not constructible
        // from parsed JSON, and a caller-made `.number(.nan)` falls back to `null` rather than trapping.
        guard let data = try? encoder.encode(object) else {
            return Array((try? encoder.encode(object.mapValues(\.finite))) ?? Data("{}".utf8))
        }
        return Array(data)
    }

    /// The value with non-finite numbers replaced by `null` (JSON cannot represent them).
    private var finite: JOSEValue {
        switch self {
        case .number(let value) where !value.isFinite: .null
        case .array(let values): .array(values.map(\.finite))
        case .object(let members): .object(members.mapValues(\.finite))
        default: self
        }
    }
}
