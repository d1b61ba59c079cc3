// SPDX-License-Identifier: Apache-2.0

// The text-valued primitive types of FHIR R4, with the lexical rules of the R4 definitions
// (http://hl7.org/fhir/R4/datatypes.html).

/// `string`: any non-empty Unicode text.
public enum FHIRString: FHIRPrimitiveType, FHIRStringPrimitive {
    public typealias Value = String
    public static let typeName = "string"
    static func isValid(_ string: String) -> Bool { true }
}

/// `markdown`: non-empty text with markdown.
public enum FHIRMarkdown: FHIRPrimitiveType, FHIRStringPrimitive {
    public typealias Value = String
    public static let typeName = "markdown"
    static func isValid(_ string: String) -> Bool { true }
}

/// `code`: tokens without leading, trailing or double whitespace (`[^\s]+(\s[^\s]+)*`).
public enum FHIRCode: FHIRPrimitiveType, FHIRStringPrimitive {
    public typealias Value = String
    public static let typeName = "code"
    static func isValid(_ string: String) -> Bool {
        var previousWasSpace = true
        for byte in string.utf8 {
            let isSpace = Lexical.isWhitespace(byte)
            if isSpace && previousWasSpace { return false }
            if isSpace && byte != UInt8(ascii: " ") { return false }
            previousWasSpace = isSpace
        }
        return !previousWasSpace
    }
}

/// `id`: 1 to 64 characters of `A-Z a-z 0-9 - .`.
public enum FHIRID: FHIRPrimitiveType, FHIRStringPrimitive {
    public typealias Value = String
    public static let typeName = "id"
    static func isValid(_ string: String) -> Bool {
        string.utf8.count <= 64
            && string.utf8.allSatisfy { Lexical.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }
}

/// `uri`: a URI without whitespace.
public enum FHIRURI: FHIRPrimitiveType, FHIRStringPrimitive {
    public typealias Value = String
    public static let typeName = "uri"
    static func isValid(_ string: String) -> Bool { !string.utf8.contains(where: Lexical.isWhitespace) }
}

/// `url`: a URL without whitespace.
public enum FHIRURL: FHIRPrimitiveType, FHIRStringPrimitive {
    public typealias Value = String
    public static let typeName = "url"
    static func isValid(_ string: String) -> Bool { !string.utf8.contains(where: Lexical.isWhitespace) }
}

/// `canonical`: a canonical URL, optionally with `|version`.
public enum FHIRCanonical: FHIRPrimitiveType, FHIRStringPrimitive {
    public typealias Value = String
    public static let typeName = "canonical"
    static func isValid(_ string: String) -> Bool { !string.utf8.contains(where: Lexical.isWhitespace) }
}

/// `oid`: `urn:oid:[0-2](\.(0|[1-9][0-9]*))+`.
public enum FHIROID: FHIRPrimitiveType, FHIRStringPrimitive {
    public typealias Value = String
    public static let typeName = "oid"
    static func isValid(_ string: String) -> Bool {
        guard string.hasPrefix("urn:oid:") else { return false }
        let arcs = string.utf8.dropFirst(8).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard arcs.count >= 2, let first = arcs.first, first.count == 1,
            let digit = first.first, (UInt8(ascii: "0")...UInt8(ascii: "2")).contains(digit)
        else { return false }
        return arcs.dropFirst().allSatisfy { arc in
            !arc.isEmpty && arc.allSatisfy(Lexical.isDigit) && (arc.count == 1 || arc.first != UInt8(ascii: "0"))
        }
    }
}

/// `uuid`: `urn:uuid:` and a lower-case UUID.
public enum FHIRUUID: FHIRPrimitiveType, FHIRStringPrimitive {
    public typealias Value = String
    public static let typeName = "uuid"
    static func isValid(_ string: String) -> Bool {
        guard string.hasPrefix("urn:uuid:") else { return false }
        let uuid = Array(string.utf8.dropFirst(9))
        guard uuid.count == 36 else { return false }
        for (index, byte) in uuid.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                if byte != UInt8(ascii: "-") { return false }
            } else if !(Lexical.isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)) {
                return false
            }
        }
        return true
    }
}

/// `base64Binary`: base64 text; whitespace between groups is allowed.
public enum FHIRBase64Binary: FHIRPrimitiveType, FHIRStringPrimitive {
    public typealias Value = String
    public static let typeName = "base64Binary"
    static func isValid(_ string: String) -> Bool {
        var count = 0
        var padding = 0
        for byte in string.utf8 {
            if Lexical.isWhitespace(byte) { continue }
            if byte == UInt8(ascii: "=") {
                padding += 1
            } else if padding > 0 || !(Lexical.isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")) {
                return false
            }
            count += 1
        }
        return count % 4 == 0 && padding <= 2
    }
}

/// `xhtml`: the narrative `div`, kept as its markup.
public enum FHIRXHTML: FHIRPrimitiveType, FHIRPrimitiveCoding {
    public typealias Value = String
    public static let typeName = "xhtml"

    static func decode(_ scalar: FHIRScalar, format: FHIRFormat) throws(FHIRDecodingError) -> String {
        guard case .string(let markup) = scalar else { throw FHIRDecodingError(.wrongType, "xhtml must be a JSON string") }
        // Markup read from XML was checked by the XML parser; markup from a JSON string is parsed here.
        if format == .json { try XHTMLMarkup.validate(markup) }
        return markup
    }

    static func scalar(for value: String) -> FHIRScalar { .string(value) }
}
