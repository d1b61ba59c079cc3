// SPDX-License-Identifier: Apache-2.0

/// The parser behind `JSONReader`, working on raw bytes.
///
/// Open objects and arrays live on explicit stacks rather than the native one, so no nesting can exhaust the stack
/// and the depth check is a comparison. Error paths are built from those stacks when an error is thrown, so the
/// happy path pays nothing for them.
struct JSONParser {
    /// An open array: its items so far, and the index of the item being read, until the separator after it.
    private struct OpenArray {
        var items: [JSONValue] = []
        var position: Int?
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maximumDepth: Int
    private var index = 0
    private var objects: [JSONObjectBuilder] = []
    private var arrays: [OpenArray] = []
    /// For each open container, innermost last, whether it is an object (else an array).
    private var containers: [Bool] = []
    /// Reused for strings with escapes, so that only the final `String` is allocated.
    private var scratch: [UInt8] = []
    /// The root's resource type once read, to start error paths with it.
    private var rootResourceType: String?

    init(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// Parses the whole document: one object with a `resourceType`, and nothing but whitespace after it.
    mutating func parseDocument() throws(FHIRDecodingError) -> FHIRNode {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw FHIRDecodingError(.byteOrderMark, "a UTF-8 byte order mark is not allowed")
        }
        skipWhitespace()
        guard peek == Byte.openBrace else {
            throw syntax(index < bytes.count ? "the document must be a JSON object" : "the document is empty")
        }
        let root: JSONValue
        do throws(FHIRDecodingError) {
            root = try parseRoot()
            skipWhitespace()
            guard index == bytes.count else { throw syntax("unexpected data after the root object") }
        } catch {
            throw withPath(error)
        }
        guard case .object(let children, let resourceType) = root, let resourceType else {
            throw FHIRDecodingError(.cardinality, "the root object has no resourceType")
        }
        return FHIRNode(name: resourceType, children: children, resourceType: resourceType)
    }

    // MARK: - Structure

    /// Parses the root object with a loop over values: containers are opened and closed on the explicit stacks.
    private mutating func parseRoot() throws(FHIRDecodingError) -> JSONValue {
        var completed = try startValue()
        while true {
            guard let value = completed else {
                completed = try startValue()
                continue
            }
            guard let isObject = containers.last else { return value }
            completed = isObject ? try addMember(value) : try addItem(value)
        }
    }

    /// Reads the value at `index`: a scalar is returned; a container is opened and nil returned, with `index` at the
    /// container's first value (or the container's value returned if it was empty).
    private mutating func startValue() throws(FHIRDecodingError) -> JSONValue? {
        switch peek {
        case Byte.openBrace:
            try enterContainer(isObject: true)
            objects.append(JSONObjectBuilder())
            skipWhitespace()
            if peek == Byte.closeBrace {
                index += 1
                return try closeObject()
            }
            try startMember()
            return nil
        case Byte.openBracket:
            try enterContainer(isObject: false)
            arrays.append(OpenArray())
            skipWhitespace()
            if peek == Byte.closeBracket { throw FHIRDecodingError(.empty, "empty arrays are not allowed") }
            arrays[arrays.count - 1].position = 0
            return nil
        default:
            return try parseScalar()
        }
    }

    /// Hands a member value to the innermost object, then moves to the next member or closes the object.
    private mutating func addMember(_ value: JSONValue) throws(FHIRDecodingError) -> JSONValue? {
        let top = objects.count - 1
        try objects[top].add(value)
        if objects.count == 1, containers.count == 1, let type = objects[top].resourceType { rootResourceType = type }
        skipWhitespace()
        if peek == Byte.comma {
            index += 1
            objects[top].endMember()
            skipWhitespace()
            try startMember()
            return nil
        }
        guard peek == Byte.closeBrace else { throw unexpected("',' or '}'") }
        index += 1
        objects[top].endMember()
        return try closeObject()
    }

    /// Hands an item to the innermost array, then moves to the next item or closes the array.
    private mutating func addItem(_ value: JSONValue) throws(FHIRDecodingError) -> JSONValue? {
        let top = arrays.count - 1
        if case .array = value { throw FHIRDecodingError(.wrongType, "arrays cannot be nested") }
        arrays[top].items.append(value)
        skipWhitespace()
        if peek == Byte.comma {
            index += 1
            skipWhitespace()
            arrays[top].position = arrays[top].items.count
            return nil
        }
        guard peek == Byte.closeBracket else { throw unexpected("',' or ']'") }
        index += 1
        containers.removeLast()
        return .array(arrays.removeLast().items)
    }

    /// Reads a member name and the colon, leaving `index` at the member's value.
    private mutating func startMember() throws(FHIRDecodingError) {
        guard peek == Byte.quote else { throw unexpected("a member name") }
        let key = try parseString()
        try objects[objects.count - 1].begin(key)
        skipWhitespace()
        guard peek == Byte.colon else { throw unexpected("':'") }
        index += 1
        skipWhitespace()
    }

    /// Completes the innermost object (its `_x` merging may fail, with the object still open for the error path).
    private mutating func closeObject() throws(FHIRDecodingError) -> JSONValue {
        let value = try objects[objects.count - 1].finish()
        objects.removeLast()
        containers.removeLast()
        return value
    }

    /// Counts one more level of nesting, refusing it beyond the maximum.
    private mutating func enterContainer(isObject: Bool) throws(FHIRDecodingError) {
        guard containers.count < maximumDepth else {
            throw FHIRDecodingError(.tooDeep, "the document nests deeper than \(maximumDepth) levels (byte \(index))")
        }
        containers.append(isObject)
        index += 1
    }

    /// Puts the path of the value being read in front of `error`'s path: member names, array indices, the root type.
    private func withPath(_ error: FHIRDecodingError) -> FHIRDecodingError {
        var error = error
        var object = objects.count
        var array = arrays.count
        for isObject in containers.reversed() {
            if isObject {
                object -= 1
                if let key = objects[object].key { error = error.prefixed(with: key) }
            } else {
                array -= 1
                if let position = arrays[array].position { error = error.prefixed(with: "[\(position)]") }
            }
        }
        return rootResourceType.map { error.prefixed(with: $0) } ?? error
    }

    /// Parses a string, number or literal at `index`.
    private mutating func parseScalar() throws(FHIRDecodingError) -> JSONValue {
        switch peek {
        case Byte.quote:
            let string = try parseString()
            guard !string.isEmpty else { throw FHIRDecodingError(.empty, "empty strings are not allowed") }
            return .scalar(.string(string))
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .scalar(.bool(true))
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .scalar(.bool(false))
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .scalar(.number(try parseNumber()))
        default:
            throw unexpected("a value")
        }
    }

    // MARK: - Scalars

    /// Parses a string at its opening quote; the fast path makes a `String` straight from the input bytes.
    private mutating func parseString() throws(FHIRDecodingError) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.quote {
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return string
            } else if byte == Byte.backslash {
                return try parseEscapedString(from: start)
            } else if byte < 0x20 {
                throw syntax("unescaped control character in a string")
            } else if byte < 0x80 {
                index += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        throw syntax("unterminated string")
    }

    /// Continues a string at its first backslash, collecting the unescaped bytes in `scratch`.
    private mutating func parseEscapedString(from start: Int) throws(FHIRDecodingError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.quote {
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == Byte.backslash {
                try parseEscape()
            } else if byte < 0x20 {
                throw syntax("unescaped control character in a string")
            } else if byte < 0x80 {
                scratch.append(byte)
                index += 1
            } else {
                let sequenceStart = index
                try skipUTF8Sequence()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[sequenceStart..<index]))
            }
        }
        throw syntax("unterminated string")
    }

    /// Appends the character of the escape sequence at `index` to `scratch`.
    private mutating func parseEscape() throws(FHIRDecodingError) {
        index += 1
        guard index < bytes.count else { throw syntax("unterminated string") }
        let simple: UInt8
        switch bytes[index] {
        case Byte.quote: simple = Byte.quote
        case Byte.backslash: simple = Byte.backslash
        case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            index += 1
            appendUTF8(try parseUnicodeEscape())
            return
        default:
            throw syntax("invalid escape sequence")
        }
        scratch.append(simple)
        index += 1
    }

    /// Reads the hex digits after `\u`, and a following low surrogate escape when the first is a high surrogate.
    private mutating func parseUnicodeEscape() throws(FHIRDecodingError) -> UInt32 {
        let first = try parseHex4()
        switch first {
        case 0xD800...0xDBFF:
            guard index + 1 < bytes.count, bytes[index] == Byte.backslash, bytes[index + 1] == UInt8(ascii: "u") else {
                throw syntax("unpaired surrogate in a \\u escape")
            }
            index += 2
            let second = try parseHex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw syntax("unpaired surrogate in a \\u escape") }
            return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        case 0xDC00...0xDFFF:
            throw syntax("unpaired surrogate in a \\u escape")
        default:
            return first
        }
    }

    /// Reads four hex digits.
    private mutating func parseHex4() throws(FHIRDecodingError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw syntax("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntax("invalid hex digit in a \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Appends a Unicode scalar value (never a surrogate) to `scratch` as UTF-8.
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Steps over one multi-byte UTF-8 sequence, rejecting overlong forms, surrogates and values above U+10FFFF.
    private mutating func skipUTF8Sequence() throws(FHIRDecodingError) {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default: throw syntax("invalid UTF-8")
        }
        guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { throw syntax("invalid UTF-8") }
        for offset in 2..<max(length, 2) where bytes[index + offset] & 0xC0 != 0x80 {
            throw syntax("invalid UTF-8")
        }
        index += length
    }

    /// Reads a number, checking the JSON grammar, and returns its lexeme.
    private mutating func parseNumber() throws(FHIRDecodingError) -> String {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(peek) {
            skipDigits()
        } else {
            throw syntax("invalid number")
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard isDigit(peek) else { throw syntax("invalid number: digits must follow '.'") }
            skipDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard isDigit(peek) else { throw syntax("invalid number: digits must follow the exponent") }
            skipDigits()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    /// Consumes `literal` (`true`, `false`, `null`) at `index`.
    private mutating func expectLiteral(_ literal: StaticString) throws(FHIRDecodingError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw syntax("truncated literal") }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] {
            throw unexpected("a value")
        }
        index += count
    }

    // MARK: - Bytes

    /// The byte at `index`, or 0 at the end (0 never stands where the parser peeks).
    private var peek: UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private func syntax(_ message: String) -> FHIRDecodingError {
        FHIRDecodingError(.syntax, "\(message) (byte \(index))")
    }

    /// An error for the byte at `index`, or for the end of the input, where `expected` was due.
    private func unexpected(_ expected: String) -> FHIRDecodingError {
        guard index < bytes.count else { return syntax("unexpected end of input, expected \(expected)") }
        let byte = bytes[index]
        let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        return syntax("unexpected \(shown), expected \(expected)")
    }
}

/// ASCII bytes the parser dispatches on.
private enum Byte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
}
