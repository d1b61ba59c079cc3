// SPDX-License-Identifier: Apache-2.0

/// HTTP/1.1 messages as bytes, for the inner requests and responses of the VAU channel (spec/ref-impl.md B.1:
/// "a complete RFC 2616 request"; the Fachdienst parses strictly, `Sources/Fachdienst/VAU/VAUInnerRequest.swift`).
public enum HTTP1Codec {
    private static let crlf: [UInt8] = [13, 10]

    /// `METHOD SP target SP HTTP/1.1 CRLF`, `Host`, the header fields, `Content-Length` when there is a body, an empty
    /// line and the body.
    /// - Parameters:
    ///   - request: The request; its `Host` and `Content-Length` fields are replaced.
    ///   - host: The `Host` value.
    /// - Throws: `invalidArgument` for a method that is not a token, a target not in origin form, or a header name or
    ///   value the server would refuse (control characters, line breaks).
    public static func serialize(_ request: HTTPRequestMessage, host: String) throws(PrimarySystemError) -> [UInt8] {
        guard !request.method.isEmpty, request.method.utf8.allSatisfy(Self.isTokenCharacter) else {
            throw PrimarySystemError(.invalidArgument, reason: "the method is not an HTTP token")
        }
        guard request.target.first == "/", request.target.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw PrimarySystemError(.invalidArgument, reason: "the request target is not in origin form")
        }
        var head = "\(request.method) \(request.target) HTTP/1.1\r\n"
        var fields = request.headers
        fields["Host"] = nil
        fields["Content-Length"] = nil
        fields["Transfer-Encoding"] = nil
        try Self.checkValue(host, name: "Host")
        head += "Host: \(host)\r\n"
        for field in fields {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(Self.isTokenCharacter) else {
                throw PrimarySystemError(.invalidArgument, reason: "a header name is not an HTTP token")
            }
            try Self.checkValue(field.value, name: field.name)
            head += "\(field.name): \(field.value)\r\n"
        }
        if !request.body.isEmpty { head += "Content-Length: \(request.body.count)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + request.body
    }

    /// Parses `HTTP/1.1 SP status SP reason CRLF`, header lines, an empty line and a body of `Content-Length` bytes
    /// (the rest of the bytes without that header).
    /// - Throws: `malformedHTTPResponse` naming the first violation.
    public static func parseResponse(_ bytes: some Collection<UInt8>) throws(PrimarySystemError) -> HTTPResponseMessage {
        let bytes = Array(bytes)
        guard let headEnd = Self.find([13, 10, 13, 10], in: bytes) else {
            throw Self.malformed("the header section does not end with an empty line")
        }
        var lines = Self.split(bytes[..<headEnd])
        guard !lines.isEmpty else { throw Self.malformed("the status line is missing") }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].elementsEqual("HTTP/1.1".utf8), parts[1].count == 3,
            let status = Int(String(decoding: parts[1], as: UTF8.self)), (100...599).contains(status)
        else {
            throw Self.malformed("the status line is not `HTTP/1.1 NNN reason`")
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                throw Self.malformed("a header line has no name")
            }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: " \t")
            headers.append(name: name, value: value)
        }
        let body = bytes[(headEnd + 4)...]
        if let text = headers["Content-Length"] {
            guard let length = Int(text), length >= 0 else { throw Self.malformed("Content-Length is not a number") }
            guard body.count == length else {
                throw Self.malformed("the body has \(body.count) bytes, Content-Length announces \(length)")
            }
        }
        return HTTPResponseMessage(status: status, headers: headers, body: Array(body))
    }

    private static func checkValue(_ value: String, name: String) throws(PrimarySystemError) {
        // Visible characters, space and tab only (RFC 9110 §5.5): no header injection into the inner request.
        guard value.utf8.allSatisfy({ $0 == 9 || (0x20...0x7E).contains($0) || $0 >= 0x80 }) else {
            throw PrimarySystemError(.invalidArgument, reason: "the value of \(name) holds control characters")
        }
    }

    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    private static func split(_ head: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = head.startIndex
        var index = head.startIndex
        while index < head.endIndex {
            if head[index] == 13, index + 1 < head.endIndex, head[index + 1] == 10 {
                lines.append(head[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(head[start..<head.endIndex])
        return lines
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }

    private static func malformed(_ reason: String) -> PrimarySystemError {
        PrimarySystemError(.malformedHTTPResponse, reason: reason)
    }
}

extension String {
    /// The string without leading and trailing characters of `set`.
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        let start = self.firstIndex { !characters.contains($0) } ?? self.endIndex
        let end = self.lastIndex { !characters.contains($0) }.map { self.index(after: $0) } ?? start
        return start < end ? String(self[start..<end]) : ""
    }
}
