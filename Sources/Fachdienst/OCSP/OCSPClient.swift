// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Asks an OCSP responder over HTTP about one certificate (RFC 6960 Appendix A.1, POST with
/// `Content-Type: application/ocsp-request`).
///
/// The Fachdienst needs OCSP answers it cannot get from a Konnektor: for C.FD.SIG, embedded in every receipt
/// (A_22919), and for an HBA whose QES arrives without one (spec/fd-api.md §6 step 3). The responder is the one named in
/// the certificate's AuthorityInfoAccess. The request is unsigned, without nonce (RFC 5019 §2.1), with a SHA-1 CertID.
///
/// The client checks what it can without trust decisions: an HTTP 200, a DER `OCSPResponse`, `successful`, and a
/// `SingleResponse` for the certificate asked about. The responder's signature, its authorisation and the freshness
/// are checked where the response is used (``CertificatePathValidator`` for the QES, `ReceiptSigner` for receipts).
///
/// ```swift
/// let client = OCSPClient()
/// let response = try await client.response(for: certificate, issuer: issuingCA)
/// ```
public struct OCSPClient: Sendable {
    /// The largest response body accepted, in bytes.
    public static let maximumResponseSize = 64 * 1024

    /// Seconds to wait for the whole exchange.
    public let timeout: TimeInterval
    private let session: URLSession

    /// Creates a client with an ephemeral session: no cache, no cookies, no credentials.
    /// - Parameter timeout: Seconds to wait for the whole exchange; 5 by default, so that an unreachable responder
    ///   delays a `$close` or `$activate` only briefly before it is answered with the specified error.
    public init(timeout: TimeInterval = 5) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCredentialStorage = nil
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        self.timeout = timeout
        self.session = URLSession(configuration: configuration)
    }

    /// The responder URL of `certificate`: the first `http` or `https` OCSP URL of its AuthorityInfoAccess.
    /// - Throws: ``OCSPClientError/Code/noResponderURL``.
    public static func responderURL(of certificate: TelematikCertificate) throws(OCSPClientError) -> URL {
        for text in certificate.ocspURLs {
            if let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil {
                return url
            }
        }
        throw OCSPClientError(.noResponderURL, reason: "\(certificate.subject) names no HTTP OCSP responder in its AIA")
    }

    /// The status of `certificate`, issued by `issuer`, from the responder in `certificate`'s AIA.
    /// - Throws: ``OCSPClientError`` for every way of not getting a usable response.
    public func response(for certificate: TelematikCertificate, issuer: TelematikCertificate) async throws(OCSPClientError) -> OCSPResponse {
        try await self.response(for: certificate, issuer: issuer, responderURL: try Self.responderURL(of: certificate))
    }

    /// The status of `certificate`, issued by `issuer`, from the responder at `responderURL`.
    /// - Throws: ``OCSPClientError`` for every way of not getting a usable response.
    public func response(
        for certificate: TelematikCertificate,
        issuer: TelematikCertificate,
        responderURL: URL
    ) async throws(OCSPClientError) -> OCSPResponse {
        let certID: OCSPCertID
        let request: OCSPRequest
        do {
            certID = try OCSPCertID(certificate: certificate, issuer: issuer)
            request = try OCSPRequest(certIDs: [certID])
        } catch {
            throw OCSPClientError(.unknownIssuer, reason: "\(certificate.subject): \(error.code)")
        }
        var urlRequest = URLRequest(url: responderURL, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: self.timeout)
        urlRequest.httpMethod = "POST"
        urlRequest.setValue("application/ocsp-request", forHTTPHeaderField: "Content-Type")
        urlRequest.setValue("application/ocsp-response", forHTTPHeaderField: "Accept")
        urlRequest.httpBody = Data(request.derEncoded)
        let data: Data
        let urlResponse: URLResponse
        do {
            (data, urlResponse) = try await self.session.data(for: urlRequest)
        } catch {
            throw OCSPClientError(.unreachable, reason: "\(responderURL.absoluteString): URL error \((error as NSError).code)")
        }
        guard let http = urlResponse as? HTTPURLResponse, http.statusCode == 200 else {
            let status = (urlResponse as? HTTPURLResponse)?.statusCode ?? 0
            throw OCSPClientError(.httpStatus, reason: "\(responderURL.absoluteString) answered HTTP \(status)")
        }
        guard data.count <= Self.maximumResponseSize else {
            throw OCSPClientError(.invalidResponse, reason: "\(responderURL.absoluteString) answered \(data.count) bytes")
        }
        let response: OCSPResponse
        do {
            response = try OCSPResponse(derEncoded: Array(data))
        } catch {
            throw OCSPClientError(.invalidResponse, reason: "\(responderURL.absoluteString): \(error.code)")
        }
        guard let basic = response.basicResponse else {
            throw OCSPClientError(.unsuccessful, reason: "\(responderURL.absoluteString) answered \(response.status)")
        }
        guard basic.responses.contains(where: { $0.certID.matches(certificate: certificate, issuer: issuer) }) else {
            throw OCSPClientError(.wrongCertificate, reason: "\(responderURL.absoluteString) did not answer for \(certificate.subject)")
        }
        return response
    }
}
