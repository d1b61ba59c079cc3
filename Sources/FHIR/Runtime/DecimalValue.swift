// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// A FHIR `decimal`, kept exactly as written so that precision (`1.50` vs `1.5`) survives a round trip.
public struct DecimalValue: FHIRLexicalValue {
    public let lexical: String

    /// Validates `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    public init?(lexical: String) {
        let bytes = Array(lexical.utf8)
        var index = 0
        _ = Lexical.consume(UInt8(ascii: "-"), bytes, &index)
        let integerStart = index
        while index < bytes.count, Lexical.isDigit(bytes[index]) { index += 1 }
        let integerDigits = index - integerStart
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
        if Lexical.consume(UInt8(ascii: "."), bytes, &index) {
            let fractionStart = index
            while index < bytes.count, Lexical.isDigit(bytes[index]) { index += 1 }
            guard index > fractionStart else { return nil }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let exponentStart = index
            while index < bytes.count, Lexical.isDigit(bytes[index]) { index += 1 }
            guard index > exponentStart else { return nil }
        }
        guard index == bytes.count else { return nil }
        self.lexical = lexical
    }

    /// The value as a Foundation decimal (exact for up to 38 significant digits).
    public var decimal: Decimal { Decimal(string: lexical, locale: Locale(identifier: "en_US_POSIX")) ?? .nan }
}
