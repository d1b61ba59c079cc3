// SPDX-License-Identifier: Apache-2.0

import CLibXML2

/// The libxml2 plumbing shared by `XMLReader` and `XHTMLMarkup`: one-time initialisation, secure parser options,
/// and readers whose errors are captured instead of printed.
enum LibXML2 {
    static let fhirNamespace = "http://hl7.org/fhir"
    static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"
    static let schemaInstanceNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    /// Parser options. Deliberately absent: `NOENT` (entity substitution) and `DTDLOAD`/`DTDATTR`/`DTDVALID`
    /// (anything from a DTD). `HUGE` lifts libxml2's 10 MB limit on a single value (a large `Binary.data`): the
    /// decoder bounds the document size and the element depth itself, and DTDs, the source of expansion attacks,
    /// are rejected before libxml2 sees the bytes. Documents are UTF-8 whatever their XML declaration says, as
    /// FHIR requires.
    private static let options = Int32(
        bitPattern:
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_HUGE.rawValue
    )

    /// `xmlInitParser` is not safe to race with the first parse on another thread; a lazy static runs it once.
    private static let initialised: Void = { xmlInitParser() }()

    /// Runs `body` with a text reader over `bytes`, then frees the reader.
    ///
    /// The reader reads `bytes` in place, so it must not escape. A document type declaration is refused before
    /// libxml2 sees the document, which rules out entity expansion attacks and external entities altogether.
    /// - Parameter makeError: turns a message into the error to throw, so callers choose the error code.
    static func withReader<Result>(
        _ bytes: UnsafeBufferPointer<UInt8>,
        makeError: (String) -> FHIRDecodingError,
        _ body: (OpaquePointer, XMLErrorSink) throws(FHIRDecodingError) -> Result
    ) throws(FHIRDecodingError) -> Result {
        _ = initialised
        guard let base = bytes.baseAddress, !bytes.isEmpty else { throw makeError("the document is empty") }
        guard bytes.count <= Int(Int32.max) else {
            throw FHIRDecodingError(.tooLarge, "the document is larger than libxml2 can read")
        }
        if let line = doctypeLine(bytes) { throw makeError("DTDs are not allowed (line \(line))") }
        let reader = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            xmlReaderForMemory($0, Int32(bytes.count), nil, "UTF-8", options)
        }
        guard let reader else { throw makeError("libxml2 could not create a reader") }
        let sink = XMLErrorSink()
        defer {
            xmlFreeTextReader(reader)
            withExtendedLifetime(sink) {}
        }
        // The closure's parameter types are inferred from libxml2's header, which differ between versions
        // (`xmlErrorPtr` before 2.12, `const xmlError *` after).
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error else { return }
                let sink = Unmanaged<XMLErrorSink>.fromOpaque(context).takeUnretainedValue()
                sink.record(
                    level: Int(error.pointee.level.rawValue),
                    line: Int(error.pointee.line),
                    message: error.pointee.message.map { String(cString: $0) } ?? "unknown error"
                )
            },
            Unmanaged.passUnretained(sink).toOpaque()
        )
        return try body(reader, sink)
    }

    /// The line of a `<!DOCTYPE` in the prolog, if there is one.
    ///
    /// Only the prolog can hold one: the XML declaration, comments, processing instructions and whitespace are
    /// skipped, anything else ends the search (libxml2 then reports whatever is wrong with it).
    static func doctypeLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var line = 1
        func starts(with literal: String, at position: Int) -> Bool {
            var offset = position
            for byte in literal.utf8 {
                guard offset < bytes.count, bytes[offset] == byte else { return false }
                offset += 1
            }
            return true
        }
        /// Moves past `terminator`, counting lines; false if the input ends first.
        func skip(past terminator: String) -> Bool {
            while index < bytes.count {
                if starts(with: terminator, at: index) {
                    index += terminator.utf8.count
                    return true
                }
                if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
            return false
        }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"):
                line += 1
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "<"):
                if starts(with: "<!DOCTYPE", at: index) { return line }
                if starts(with: "<!--", at: index) {
                    guard skip(past: "-->") else { return nil }
                } else if starts(with: "<?", at: index) {
                    guard skip(past: "?>") else { return nil }
                } else {
                    return nil
                }
            default:
                return nil
            }
        }
        return nil
    }

    /// Whether a NUL-terminated libxml2 string equals `string`.
    static func equals(_ pointer: UnsafePointer<xmlChar>, _ string: String) -> Bool {
        var offset = 0
        for byte in string.utf8 {
            guard pointer[offset] == byte else { return false }
            offset += 1
        }
        return pointer[offset] == 0
    }
}

/// Collects the first error libxml2 reports while one reader parses; warnings are ignored.
final class XMLErrorSink {
    private(set) var message: String?
    private(set) var line = 0

    /// Whether an error (not just a warning) was reported.
    var hasError: Bool { message != nil }

    func record(level: Int, line: Int, message: String) {
        guard level >= Int(XML_ERR_ERROR.rawValue), self.message == nil else { return }
        self.line = line
        var trimmed = Substring(message)
        while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
        self.message = String(trimmed)
    }

    /// The recorded error as a decoding error: libxml2's own limits become too deep or too large, the rest syntax.
    ///
    /// With `XML_PARSE_HUGE` libxml2 still stops at 2,048 levels of elements (the tree builder's own limit comes
    /// first) and at 1 GB for a single token; both are reported as such rather than as syntax errors.
    func error(path: String, fallback: String) -> FHIRDecodingError {
        guard let message else { return FHIRDecodingError(.syntax, fallback, path: path) }
        if message.contains("Excessive depth") {
            return FHIRDecodingError(.tooDeep, "line \(line): the document nests deeper than libxml2 allows", path: path)
        }
        if message.contains("Huge input lookup") || message.contains("length too long") || message.contains("huge text node") {
            return FHIRDecodingError(.tooLarge, "line \(line): a value exceeds libxml2's size limit (\(message))", path: path)
        }
        return FHIRDecodingError(.syntax, "line \(line): \(message)", path: path)
    }
}
