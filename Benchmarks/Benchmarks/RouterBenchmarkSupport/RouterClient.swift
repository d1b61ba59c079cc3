// SPDX-License-Identifier: Apache-2.0

import Fachdienst
import Hummingbird
import Logging
import NIOEmbedded
import Synchronization

/// Sends requests straight to a router's responder, as Hummingbird's server does after parsing HTTP, and collects
/// the whole response body: the benchmarks measure the server's work, not socket I/O.
public struct RouterClient: Sendable {
    public struct Response: Sendable {
        public var status: HTTPResponse.Status
        public var headers: HTTPFields
        public var body: ByteBuffer
    }

    let responder: RouterResponder<FachdienstRequestContext>
    let logger = Logger(label: "router-benchmark", factory: { _ in SwiftLogNoOpLogHandler() })
    let channel = NIOAsyncTestingChannel()

    public init(responder: RouterResponder<FachdienstRequestContext>) {
        self.responder = responder
    }

    public func execute(uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> Response {
        var headers = headers
        if let body { headers[.contentLength] = String(body.readableBytes) }
        let request = Request(
            head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: uri, headerFields: headers),
            body: RequestBody(buffer: body ?? ByteBuffer())
        )
        let context = FachdienstRequestContext(source: .init(channel: self.channel, logger: self.logger))
        let response = try await self.responder.respond(to: request, context: context)
        let collected = Collected()
        try await response.body.write(Collector(collected: collected))
        return Response(status: response.status, headers: response.headers, body: collected.body.withLock { $0 })
    }

    final class Collected: Sendable {
        let body = Mutex(ByteBuffer())
    }

    struct Collector: ResponseBodyWriter {
        let collected: Collected

        mutating func write(_ buffer: ByteBuffer) async throws {
            _ = self.collected.body.withLock { $0.writeImmutableBuffer(buffer) }
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
