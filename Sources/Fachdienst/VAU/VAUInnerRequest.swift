// SPDX-License-Identifier: Apache-2.0

public import Hummingbird

/// The inner HTTP/1.1 request of a VAU envelope, parsed strictly (spec/ref-impl.md B.1: "a complete RFC 2616 request").
///
/// Accepted: `METHOD SP origin-form SP HTTP/1.1 CRLF`, header lines `name: value CRLF` with token names and no line
/// folding, an empty line, and a body of exactly `Content-Length` bytes (none without the header). Refused:
/// other versions, absolute or asterisk targets, bare LF line ends, `Transfer-Encoding`, conflicting
/// `Content-Length` values, and bytes after the body.
public struct VAUInnerRequest: Sendable {
    /// The most header lines accepted.
    public static let maximumHeaderCount = 100

    private static let hostName = HTTPFields.Element.Name("Host")!

    /// The method.
    public let method: HTTPRequest.Method
    /// The request target in origin form: path and query.
    public let target: String
    /// The `Host` value, if sent.
    public let host: String?
    /// The header fields other than `Host`, in order.
    public let headerFields: HTTPFields
    /// The body.
    public let body: [UInt8]

    /// Parses `bytes`.
    /// - Throws: ``VAUError`` `malformedInnerRequest` naming the first violation.
    public init(parsing bytes: [UInt8]) throws(VAUError) {
        guard let headEnd = Self.find([13, 10, 13, 10], in: bytes) else {
            throw Self.malformed("the header section does not end with an empty line")
        }
        let lines = try Self.lines(bytes[..<headEnd])
        guard let requestLine = lines.first else { throw Self.malformed("the request line is missing") }
        (self.method, self.target) = try Self.requestLine(requestLine)

        var fields = HTTPFields()
        var host: String?
        var contentLength: Int?
        guard lines.count - 1 <= Self.maximumHeaderCount else { throw Self.malformed("more than \(Self.maximumHeaderCount) header lines") }
        for line in lines.dropFirst() {
            let field = try Self.field(line)
            // `Host` becomes the authority, as the HTTP/1 server of the plain routes does.
            if field.name == Self.hostName {
                guard host == nil else { throw Self.malformed("more than one Host header") }
                host = field.value
                continue
            }
            switch field.name {
            case .transferEncoding:
                throw Self.malformed("Transfer-Encoding is not supported; send Content-Length")
            case .contentLength:
                guard field.value.utf8.allSatisfy({ (48...57).contains($0) }), field.value.utf8.count <= 9, let length = Int(field.value) else {
                    throw Self.malformed("Content-Length is not a decimal number")
                }
                guard contentLength == nil || contentLength == length else { throw Self.malformed("conflicting Content-Length values") }
                contentLength = length
            default: break
            }
            fields.append(field)
        }
        let body = bytes[(headEnd + 4)...]
        guard body.count == (contentLength ?? 0) else {
            throw Self.malformed("the body has \(body.count) bytes, Content-Length announces \(contentLength ?? 0)")
        }
        self.host = host
        self.headerFields = fields
        self.body = Array(body)
    }

    /// The request as the router sees it.
    public var request: Request {
        let head = HTTPRequest(method: self.method, scheme: nil, authority: self.host, path: self.target, headerFields: self.headerFields)
        return Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: self.body)))
    }

    /// The first path segment (`Task` for `/Task/123/$accept`, `metadata` for `/metadata?_format=json`).
    public var firstPathSegment: Substring {
        let path = self.target.prefix { $0 != "?" && $0 != "#" }
        return path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true).first ?? ""
    }

    private static func requestLine(_ line: ArraySlice<UInt8>) throws(VAUError) -> (HTTPRequest.Method, String) {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw Self.malformed("the request line is not `METHOD target HTTP/1.1`") }
        guard parts[2].elementsEqual("HTTP/1.1".utf8) else { throw Self.malformed("the request is not HTTP/1.1") }
        guard let method = HTTPRequest.Method(String(decoding: parts[0], as: UTF8.self)) else {
            throw Self.malformed("the method is not a token")
        }
        let target = parts[1]
        guard target.first == UInt8(ascii: "/"), target.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw Self.malformed("the request target is not in origin form")
        }
        return (method, String(decoding: target, as: UTF8.self))
    }

    private static func field(_ line: ArraySlice<UInt8>) throws(VAUError) -> HTTPFields.Element {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw Self.malformed("a header line has no colon") }
        // A name must be a token; this also refuses obsolete line folding (leading whitespace).
        guard let name = HTTPFields.Element.Name(String(decoding: line[..<colon], as: UTF8.self)) else {
            throw Self.malformed("a header name is not a token")
        }
        let whitespace: Set<UInt8> = [UInt8(ascii: " "), 9]
        var value = line[(colon + 1)...]
        while let first = value.first, whitespace.contains(first) { value = value.dropFirst() }
        while let last = value.last, whitespace.contains(last) { value = value.dropLast() }
        guard HTTPFields.Element.isValidValue(value) else { throw Self.malformed("a header value holds control characters") }
        return HTTPFields.Element(name: name, value: value)
    }

    /// The CRLF-separated lines of the head; a bare CR or LF is refused.
    private static func lines(_ head: ArraySlice<UInt8>) throws(VAUError) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = head.startIndex
        var index = head.startIndex
        while index < head.endIndex {
            let byte = head[index]
            if byte == 13 {
                guard index + 1 < head.endIndex, head[index + 1] == 10 else { throw Self.malformed("a bare CR in the header section") }
                lines.append(head[start..<index])
                index += 2
                start = index
                continue
            }
            guard byte != 10 else { throw Self.malformed("a bare LF in the header section") }
            index += 1
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

    private static func malformed(_ reason: String) -> VAUError {
        VAUError(.malformedInnerRequest, reason: reason)
    }
}
