// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto
public import Workflow

/// The settings of a Fachdienst instance.
public struct FachdienstConfiguration: Sendable {
    /// The request body limit of the specification: 1 MB for the whole request (spec/fd-api.md §1.1).
    public static let defaultMaximumBodySize = 1024 * 1024

    /// An OCSP responder: answers a DER `OCSPRequest` at the given time with a DER `OCSPResponse`; it never fails and
    /// answers requests it cannot parse with `malformedRequest` (e.g. `TICrypto.OCSPResponder.respond(to:now:)`).
    public typealias OCSPResponderFunction = @Sendable (_ requestDER: [UInt8], _ now: Date) -> [UInt8]

    /// The host name or address to bind to.
    public var hostname: String
    /// The TCP port to listen on.
    public var port: Int
    /// The IDP's token signing certificate (`puk_idp_sig`); access tokens must be signed with its key.
    public var idpSignerCertificate: TelematikCertificate
    /// The `aud` access tokens must carry, exactly (`IDP_REGISTERED_FD_URI`, spec/ref-impl.md C.4 step 4).
    public var audience: String
    /// The source of the current time for token expiry.
    public var clock: any WallClock
    /// How far in the future a token's `iat` may lie (spec/ref-impl.md C.4 step 5: 2 s).
    public var clockSkew: TimeInterval
    /// How many verified tokens the cache keeps at most.
    public var tokenCacheCapacity: Int
    /// The largest accepted request body, in bytes.
    public var maximumBodySize: Int
    /// The version reported in the CapabilityStatement's `software.version`.
    public var softwareVersion: String
    /// The base URL clients reach the Fachdienst at, without a trailing slash, for `Location` headers and
    /// `Bundle.entry.fullUrl`; `nil` means `http://<hostname>:<port>`.
    public var publicBaseURL: String?
    /// The OCSP responder served at `/ocsp` without an access token; `nil` leaves the route out.
    public var ocspResponder: OCSPResponderFunction?
    /// The VAU channel (`POST /VAU/{pseudonym}`, `/VAUCertificate`, …); `nil` leaves those routes out.
    public var vau: VAUConfiguration?
    /// Whether the FHIR endpoints are reachable without the VAU channel. `true` (local development) serves every route
    /// at the root as well; `false` (the production profile) serves at the root only what the Fachdienst of the TI
    /// serves outside the VAU: the endpoints without access token (``FachdienstEndpoint/requiresAuthentication``
    /// `false`: the VAU and OCSP certificate endpoints, `/CertList`, `/OCSPList`, the OCSP responder) and
    /// `GET /metadata` (spec/fd-api.md §1.1). Every other path answers 404 outside the channel.
    public var plainEndpoints: Bool

    /// Creates a configuration.
    public init(
        hostname: String = "127.0.0.1",
        port: Int = 8080,
        idpSignerCertificate: TelematikCertificate,
        audience: String,
        clock: any WallClock = SystemClock(),
        clockSkew: TimeInterval = 2,
        tokenCacheCapacity: Int = 10_000,
        maximumBodySize: Int = FachdienstConfiguration.defaultMaximumBodySize,
        softwareVersion: String = "0.1.0",
        publicBaseURL: String? = nil,
        ocspResponder: OCSPResponderFunction? = nil,
        vau: VAUConfiguration? = nil,
        plainEndpoints: Bool = true
    ) {
        self.hostname = hostname
        self.port = port
        self.idpSignerCertificate = idpSignerCertificate
        self.audience = audience
        self.clock = clock
        self.clockSkew = clockSkew
        self.tokenCacheCapacity = tokenCacheCapacity
        self.maximumBodySize = maximumBodySize
        self.softwareVersion = softwareVersion
        self.publicBaseURL = publicBaseURL
        self.ocspResponder = ocspResponder
        self.vau = vau
        self.plainEndpoints = plainEndpoints
    }

    /// The base URL for links to resources: ``publicBaseURL``, else `http://<hostname>:<port>`.
    public var resourceBaseURL: String {
        guard let base = self.publicBaseURL else { return "http://\(self.hostname):\(self.port)" }
        return base.hasSuffix("/") ? String(base.dropLast()) : base
    }
}
