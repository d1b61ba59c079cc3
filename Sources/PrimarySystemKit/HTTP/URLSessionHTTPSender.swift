// SPDX-License-Identifier: Apache-2.0

public import Foundation

#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif

/// An ``HTTPSender`` over Foundation's `URLSession` (FoundationNetworking on Linux): no cache, no cookies, no
/// credential storage, so that nothing of an exchange is kept on disk or in memory beyond the call, and no redirects
/// followed: a redirect is returned as the response (the IDP answers the signed challenge with a 302 whose `Location`
/// carries the code, addressed to the client's own redirect URI).
public struct URLSessionHTTPSender: HTTPSender {
    private let session: URLSession

    /// Creates a sender with an ephemeral session.
    /// - Parameter timeout: Seconds to wait for a response.
    public init(timeout: TimeInterval = 30) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCredentialStorage = nil
        configuration.timeoutIntervalForRequest = timeout
        self.session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }

    /// Creates a sender over `session`; redirects are handled as that session's delegate decides.
    public init(session: URLSession) { self.session = session }

    /// Sends `request` to `baseURL` + the request's target.
    public func send(_ request: HTTPRequestMessage, to baseURL: URL) async throws(PrimarySystemError) -> HTTPResponseMessage {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + request.target) else {
            throw PrimarySystemError(.invalidArgument, reason: "\(base) with the request target is not a URL")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await self.session.data(for: urlRequest)
        } catch {
            // Only the path and the error code: the query may carry an AccessCode or a Secret.
            let code = (error as NSError).code
            throw PrimarySystemError(.transportFailed, reason: "\(request.method) \(request.path): URL error \(code)")
        }
        guard let http = response as? HTTPURLResponse else {
            throw PrimarySystemError(.transportFailed, reason: "the answer is not an HTTP response")
        }
        var headers = HTTPHeaders()
        for (name, value) in http.allHeaderFields {
            headers.append(name: "\(name)", value: "\(value)")
        }
        return HTTPResponseMessage(status: http.statusCode, headers: headers, body: Array(data))
    }
}

/// Refuses every redirect, so that the 3xx answer itself is returned.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
