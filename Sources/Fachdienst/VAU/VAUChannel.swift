// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Foundation
public import Hummingbird
internal import Logging
internal import TICrypto
public import Workflow

/// The server side of the ERP-VAU channel: `POST /VAU/{pseudonym}` (gemSpec_Krypt A_20163; spec/ref-impl.md A.4, B).
///
/// Decrypts the envelope, checks it, hands the inner HTTP request to the Fachdienst's own responder in-process (so the
/// access token, roles and content negotiation apply exactly as on the plain routes), and answers 200 with the inner
/// response encrypted under the client's response key and a `Userpseudonym` header. A request the channel cannot
/// accept is answered without encryption with the ``VAUError``'s status and a JSON body; it never reaches a route.
public struct VAUChannel: Sendable {
    /// The outer response header carrying the caller's pseudonym (spec/fd-api.md §1.1).
    public static let userPseudonymHeader = HTTPFields.Element.Name("Userpseudonym")!
    /// The outer header naming the caller's side: `l` (Leistungserbringer) or `v` (Versicherter).
    public static let userHeader = HTTPFields.Element.Name("X-erp-user")!
    /// The outer header naming the inner request's resource (`Task`, `metadata`, …).
    public static let resourceHeader = HTTPFields.Element.Name("X-erp-resource")!
    /// The media type of outer request and response bodies.
    public static let mediaType = "application/octet-stream"
    /// How long a request id is remembered when its token cannot be verified (the IDP token lifetime).
    static let unverifiedTokenLifetime: TimeInterval = 300

    private let decryptor: VAUDecryptor
    private let pseudonyms: UserPseudonyms
    private let requestIDs: VAURequestIDCache
    private let verifier: AccessTokenVerifier
    private let innerResponder: any HTTPResponder<FachdienstRequestContext>
    private let maximumRequestSize: Int
    private let clock: any WallClock

    /// Creates the channel.
    /// - Parameters:
    ///   - configuration: The VAU key, the pseudonym key lifetime and the limits.
    ///   - clock: The source of the current time.
    ///   - verifier: The access-token check, used here for the `sub` and `exp` of the envelope's token.
    ///   - innerResponder: The responder inner requests go to: the Fachdienst's router without the VAU routes.
    public init(
        configuration: VAUConfiguration,
        clock: any WallClock,
        verifier: AccessTokenVerifier,
        innerResponder: any HTTPResponder<FachdienstRequestContext>
    ) {
        self.decryptor = VAUDecryptor(privateKey: configuration.privateKey)
        self.pseudonyms = UserPseudonyms(lifetime: configuration.pseudonymKeyLifetime, clock: clock)
        self.requestIDs = VAURequestIDCache(capacity: configuration.replayCacheCapacity)
        self.verifier = verifier
        self.innerResponder = innerResponder
        self.maximumRequestSize = configuration.maximumRequestSize
        self.clock = clock
    }

    /// Adds `POST /VAU/{pseudonym}`, and 405 for the other methods on that path, to `router`. Call it before the
    /// router's middlewares are added: the outer request carries neither an access token nor FHIR.
    public func mount(on router: Router<FachdienstRequestContext>) {
        let path: RouterPath = "/VAU/:pseudonym"
        router.post(path) { request, context in await self.respond(to: request, context: context) }
        for method: HTTPRequest.Method in [.get, .head, .put, .patch, .delete, .options] {
            router.on(path, method: method) { _, context in
                VAUError(.methodNotAllowed, reason: "the VAU endpoint accepts POST only").response(requestID: Self.requestID(of: context))
            }
        }
    }

    /// Answers one outer request; never throws.
    public func respond(to request: Request, context: FachdienstRequestContext) async -> Response {
        do throws(VAUError) {
            return try await self.process(request, context: context)
        } catch {
            context.logger.info("VAU request refused", metadata: ["erp.vau.check": "\(error.code)"])
            return error.response(requestID: Self.requestID(of: context))
        }
    }

    private func process(_ request: Request, context: FachdienstRequestContext) async throws(VAUError) -> Response {
        let message = try await Self.collectBody(of: request, limit: self.maximumRequestSize)
        // [REQ:gemSpec_Krypt:A_20163] decrypt with the C.FD.ENC key, then check the plaintext's fields.
        let envelope = try VAUEnvelope(plaintext: try self.decryptor.decrypt(message))
        let inner = try VAUInnerRequest(parsing: envelope.innerRequest)
        try Self.checkToken(of: inner, equals: envelope.accessToken)
        try Self.checkResource(request.headers[Self.resourceHeader], inner: inner)

        let now = self.clock.now
        let caller = try? self.verifier.verify(envelope.accessToken)
        try Self.checkUser(request.headers[Self.userHeader], caller: caller)
        let expiry = caller?.expiresAt ?? now.addingTimeInterval(Self.unverifiedTokenLifetime)
        guard self.requestIDs.register(envelope.requestID, until: expiry, now: now) else {
            throw VAUError(.replayedRequest, reason: "the request id was used before")
        }

        // [REQ:gemSpec_FD_eRp:A_20163] user pseudonym: CMAC of `sub`; whatever was sent, the current one is returned.
        let pseudonym = caller.map { self.pseudonyms.pseudonym(forSubject: $0.subject) } ?? "0"
        if let caller, let sent = context.parameters.get("pseudonym") {
            let recognition = self.pseudonyms.recognise(sent, subject: caller.subject)
            context.logger.debug("VAU pseudonym", metadata: ["erp.vau.pseudonym": "\(recognition)"])
        }

        let innerResponse = await self.dispatch(inner, context: context)
        // [REQ:gemSpec_Krypt:A_20174] `"1" SP request-id SP response`, AES-128-GCM under the client's key, random IV.
        let plaintext = Array("\(VAUEnvelope.version) \(envelope.requestID) ".utf8) + innerResponse
        let sealed: [UInt8]
        do {
            sealed = try VAUResponse.seal(plaintext, key: envelope.responseKey)
        } catch {
            // The envelope check guarantees a 16-byte key, the only reason sealing can fail.
            throw VAUError(.invalidResponseKey, reason: "the response key is not a valid AES-128 key")
        }
        var headers: HTTPFields = [.contentType: Self.mediaType, .cacheControl: "no-store"]
        headers[Self.userPseudonymHeader] = pseudonym
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: sealed)))
    }

    /// Runs the inner request through the Fachdienst's responder with a fresh context and serialises the answer.
    private func dispatch(_ inner: VAUInnerRequest, context: FachdienstRequestContext) async -> [UInt8] {
        // The outer context is untouched by middlewares (the VAU route is mounted before them); a copy with its own
        // route storage is a fresh context for the inner request.
        var innerContext = context
        innerContext.coreContext = CoreRequestContextStorage(source: context)
        let request = inner.request
        do {
            let response = try await self.innerResponder.respond(to: request, context: innerContext)
            return try await VAUInnerResponse.serialize(response)
        } catch {
            // The router renders its own errors; this only catches a body that fails while it is written.
            context.logger.error("VAU inner request failed", metadata: ["error.type": "\(type(of: error))"])
            let outcome = OperationOutcomeError(mapping: error).response(format: FHIRMediaType.explicitFormat(of: request) ?? .xml)
            return (try? await VAUInnerResponse.serialize(outcome)) ?? Array("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n".utf8)
        }
    }

    private static func collectBody(of request: Request, limit: Int) async throws(VAUError) -> [UInt8] {
        let contentType = request.headers[.contentType].map {
            Self.trimmingWhitespace($0.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]).lowercased()
        }
        guard contentType == Self.mediaType else {
            throw VAUError(.unsupportedMediaType, reason: "the body must be \(Self.mediaType)")
        }
        let tooLarge = VAUError(.requestTooLarge, reason: "the request exceeds \(limit) bytes")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge }
        do {
            return Array(buffer: try await request.body.collect(upTo: limit))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge
        } catch {
            throw VAUError(.truncated, reason: "the request body could not be read")
        }
    }

    /// The inner `Authorization: Bearer` token must be the envelope's token (spec/ref-impl.md A.4, C.4 step 7).
    private static func checkToken(of inner: VAUInnerRequest, equals token: String) throws(VAUError) {
        let parts = inner.headerFields[.authorization]?.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true) ?? []
        guard parts.count == 2, parts[0].lowercased() == "bearer", Self.trimmingWhitespace(parts[1]) == token else {
            throw VAUError(.tokenMismatch, reason: "the inner Authorization header does not carry the envelope's token")
        }
    }

    /// `text` without leading and trailing members of `CharacterSet.whitespaces`, as `trimmingCharacters(in:
    /// .whitespaces)` returns it, but without Foundation's round trip through `NSString`: on Linux that took about
    /// 30 µs for the two checks of a request (media type and token), a scalar loop about 1 µs.
    static func trimmingWhitespace(_ text: Substring) -> Substring {
        let whitespace = CharacterSet.whitespaces
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !whitespace.contains($0) }),
            let last = scalars.lastIndex(where: { !whitespace.contains($0) })
        else { return "" }
        return Substring(scalars[first...last])
    }

    /// `X-erp-resource`, when sent, names the first path segment of the inner request (spec/fd-api.md §1.1).
    private static func checkResource(_ value: String?, inner: VAUInnerRequest) throws(VAUError) {
        guard let value else { return }
        guard value == inner.firstPathSegment else {
            throw VAUError(.headerMismatch, reason: "X-erp-resource does not name the inner request's resource")
        }
    }

    /// `X-erp-user`, when sent, is `l` or `v`, and `v` exactly for insurants (spec/fd-api.md §1.1).
    private static func checkUser(_ value: String?, caller: Caller?) throws(VAUError) {
        guard let value else { return }
        guard value == "l" || value == "v" else { throw VAUError(.headerMismatch, reason: "X-erp-user is neither l nor v") }
        if let caller, (caller.role == .insurant) != (value == "v") {
            throw VAUError(.headerMismatch, reason: "X-erp-user does not match the token's profession")
        }
    }

    /// The id the logs know the outer request by.
    private static func requestID(of context: FachdienstRequestContext) -> String {
        if let id = context.logger[metadataKey: "hb.request.id"] { return "\(id)" }
        var generator = SystemRandomNumberGenerator()
        return VAUHex.encode((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
