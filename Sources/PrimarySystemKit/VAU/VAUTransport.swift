// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto

/// Requests sent through the Fachdienst's VAU channel, `POST /VAU/{pseudonym}` (gemSpec_Krypt A_20161-01, A_20174;
/// spec/ref-impl.md B, spec/fd-api.md §1.1).
///
/// Before the first request the transport fetches C.FD.ENC from `GET /VAUCertificate` and checks it with
/// ``VAUCertificateVerifier`` against the client's trust anchors (when the anchors alone give no path, the CA
/// certificates of `GET /CertList` are tried as untrusted intermediates). Each request then gets a fresh ephemeral
/// key, request id and response key; the answer must decrypt with that key and name that request id. The
/// `Userpseudonym` of each answer is sent in the path of the next request (`0` before the first).
///
/// ```swift
/// let vau = VAUTransport(configuration: .init(baseURL: url, trustStore: anchors, userAgent: "PVS/1.0 Vendor/client-id"))
/// let client = FachdienstClient(transport: vau, accessToken: StaticAccessToken(token))
/// let task = try await client.createTask(flowtype: .pharmaceuticals)
/// ```
public actor VAUTransport: FachdienstTransport {
    /// Who calls, for the outer `X-erp-user` header.
    public enum UserKind: String, Sendable {
        /// A Leistungserbringer: practice, hospital, pharmacy, payer (`l`).
        case leistungserbringer = "l"
        /// An insurant (`v`).
        case versicherter = "v"
    }

    /// The settings of the transport.
    public struct Configuration: Sendable {
        /// The Fachdienst's base URL.
        public var baseURL: URL
        /// The client's trust anchors (and any known CAs and OCSP responders).
        public var trustStore: TrustStore
        /// The caller's side.
        public var userKind: UserKind
        /// The outer `User-Agent`, `<Produkt>/<Version> <Hersteller>/<client_id>` (A_20015-01).
        public var userAgent: String
        /// The OCSP check of C.FD.ENC.
        public var revocationCheck: VAUCertificateVerifier.RevocationCheck
        /// The inner `Host`; the base URL's host when nil.
        public var innerHost: String?
        /// The source of the current time for the certificate check.
        public var clock: @Sendable () -> Date

        /// Creates a configuration.
        public init(
            baseURL: URL,
            trustStore: TrustStore,
            userKind: UserKind = .leistungserbringer,
            userAgent: String,
            revocationCheck: VAUCertificateVerifier.RevocationCheck = .ifAvailable,
            innerHost: String? = nil,
            clock: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.baseURL = baseURL
            self.trustStore = trustStore
            self.userKind = userKind
            self.userAgent = userAgent
            self.revocationCheck = revocationCheck
            self.innerHost = innerHost
            self.clock = clock
        }
    }

    /// The settings.
    public nonisolated let configuration: Configuration
    private let sender: any HTTPSender
    private var verified: VAUCertificateVerifier.Verified?
    /// The pseudonym of the last answer, `0` before the first (spec/ref-impl.md B.2).
    public private(set) var userPseudonym = "0"

    /// Creates the transport; nothing is fetched until the first request.
    public init(configuration: Configuration, sender: any HTTPSender = URLSessionHTTPSender()) {
        self.configuration = configuration
        self.sender = sender
    }

    /// C.FD.ENC, fetched and checked on first use and kept until ``discardCertificate()``.
    /// - Throws: `vauCertificateUnavailable`, `untrustedVAUCertificate`, `transportFailed`.
    public func certificate() async throws(PrimarySystemError) -> VAUCertificateVerifier.Verified {
        if let verified { return verified }
        let fetched = try await self.fetchAndVerify()
        self.verified = fetched
        return fetched
    }

    /// Forgets C.FD.ENC, so that the next request fetches and checks it again (after a key change of the VAU).
    public func discardCertificate() { self.verified = nil }

    /// Encrypts `request`, posts it to `/VAU/{pseudonym}` and returns the decrypted inner response.
    /// - Throws: `missingAccessToken` without `Authorization: Bearer`; the certificate errors; `vauRefused` for an
    ///   outer status other than 200; `responseDecryptionFailed`, `requestIDMismatch`, `malformedVAUResponse`,
    ///   `malformedHTTPResponse` for an answer that is not the answer to this request.
    public func send(_ request: HTTPRequestMessage) async throws(PrimarySystemError) -> HTTPResponseMessage {
        guard let token = request.bearerToken else {
            throw PrimarySystemError(.missingAccessToken, reason: "the inner request carries no Authorization: Bearer token")
        }
        let recipient = try await self.certificate()
        let inner = try HTTP1Codec.serialize(request, host: self.configuration.innerHost ?? self.configuration.baseURL.host ?? "localhost")
        let exchange = VAUClientRequest()
        let sealed = try exchange.seal(accessToken: token, innerRequest: inner, recipient: recipient.publicKey)

        var headers: HTTPHeaders = [
            "Content-Type": "application/octet-stream",
            "X-erp-user": self.configuration.userKind.rawValue,
            "X-erp-resource": String(request.resource),
            "User-Agent": self.configuration.userAgent,
        ]
        headers["Accept"] = "application/octet-stream"
        let outer = HTTPRequestMessage(method: "POST", target: "/VAU/\(self.userPseudonym)", headers: headers, body: sealed)
        let response = try await self.sender.send(outer, to: self.configuration.baseURL)
        guard response.status == 200 else {
            throw PrimarySystemError(.vauRefused, reason: Self.outerErrorMessage(response), status: response.status)
        }
        let answer = try HTTP1Codec.parseResponse(try exchange.open(response.body))
        // Only an authenticated answer may change the pseudonym.
        if let pseudonym = response.headers["Userpseudonym"], Self.isPathSafe(pseudonym) {
            self.userPseudonym = pseudonym
        }
        return answer
    }

    private func fetchAndVerify() async throws(PrimarySystemError) -> VAUCertificateVerifier.Verified {
        let certificateResponse = try await self.get("/VAUCertificate", accept: "application/pkix-cert")
        guard certificateResponse.status == 200 else {
            throw PrimarySystemError(
                .vauCertificateUnavailable,
                reason: "GET /VAUCertificate answered \(certificateResponse.status)",
                status: certificateResponse.status
            )
        }
        var ocsp: [UInt8]?
        if self.configuration.revocationCheck != .off {
            let answer = try await self.get("/VAUCertificateOCSPResponse", accept: "application/ocsp-response")
            if answer.status == 200 { ocsp = answer.body }
        }
        let verifier = VAUCertificateVerifier(trustStore: self.configuration.trustStore, revocationCheck: self.configuration.revocationCheck)
        let now = self.configuration.clock()
        do {
            return try verifier.verify(certificateDER: certificateResponse.body, ocspResponseDER: ocsp, at: now)
        } catch let error where error.code == .untrustedVAUCertificate {
            // The anchors alone may lack the issuing CA; the Fachdienst lists it in /CertList (spec/ref-impl.md B.3).
            let extra = try await self.certListCACertificates()
            guard !extra.isEmpty else { throw error }
            return try verifier.verify(certificateDER: certificateResponse.body, ocspResponseDER: ocsp, extraCertificates: extra, at: now)
        }
    }

    /// The `ca_certs` of `GET /CertList`; empty when the Fachdienst has none or answers something else.
    private func certListCACertificates() async throws(PrimarySystemError) -> [TelematikCertificate] {
        let response = try await self.get("/CertList", accept: "application/json")
        guard response.status == 200,
            let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let list = object["ca_certs"] as? [String]
        else { return [] }
        return list.compactMap { Data(base64Encoded: $0).flatMap { try? TelematikCertificate(derEncoded: Array($0)) } }
    }

    private func get(_ path: String, accept: String) async throws(PrimarySystemError) -> HTTPResponseMessage {
        let headers: HTTPHeaders = ["Accept": accept, "User-Agent": self.configuration.userAgent]
        return try await self.sender.send(HTTPRequestMessage(method: "GET", target: path, headers: headers), to: self.configuration.baseURL)
    }

    /// The `message` of the VAU's JSON error body, or the status alone.
    private static func outerErrorMessage(_ response: HTTPResponseMessage) -> String {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        if let error = object?["error"] as? String, let message = object?["message"] as? String {
            return "the VAU refused the request: \(error): \(message)"
        }
        return "the VAU answered \(response.status)"
    }

    /// A pseudonym goes into the path: letters, digits and `-` only.
    private static func isPathSafe(_ pseudonym: String) -> Bool {
        !pseudonym.isEmpty && pseudonym.count <= 256
            && pseudonym.utf8.allSatisfy { $0 == UInt8(ascii: "-") || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }
    }
}
