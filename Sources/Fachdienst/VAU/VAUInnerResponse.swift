// SPDX-License-Identifier: Apache-2.0

public import Hummingbird

/// The inner response serialised as HTTP/1.1 for the VAU response (spec/ref-impl.md B.1): status line, the header
/// fields with `Content-Length` set to the body's length, an empty line and the body.
public enum VAUInnerResponse {
    /// The bytes of `response`, its body collected in full.
    public static func serialize(_ response: Response) async throws -> [UInt8] {
        let collector = BodyCollector()
        try await response.body.write(CollectingWriter(collector: collector))
        let body = collector.bytes
        var head = "HTTP/1.1 \(response.status.code) \(response.status.reasonPhrase)\r\n"
        for field in response.headers where field.name != .contentLength && field.name != .transferEncoding {
            head += "\(field.name.rawName): \(field.value)\r\n"
        }
        head += "Content-Length: \(body.count)\r\n\r\n"
        return Array(head.utf8) + body
    }

    /// The collected bytes; used only by the one task that writes and then reads them.
    private final class BodyCollector {
        var bytes: [UInt8] = []
    }

    private struct CollectingWriter: ResponseBodyWriter {
        let collector: BodyCollector

        mutating func write(_ buffer: ByteBuffer) async throws {
            self.collector.bytes.append(contentsOf: buffer.readableBytesView)
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
