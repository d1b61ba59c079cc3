// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import Hummingbird
internal import TICrypto
internal import Workflow

/// The certificate endpoints of the VAU channel (spec/ref-impl.md B.3, spec/fd-api.md §1.1), public like ``OCSPRoute``:
///
/// - `GET /VAUCertificate`: C.FD.ENC, DER, `application/pkix-cert`;
/// - `GET /VAUCertificateOCSPResponse`: the configured OCSP responder's answer for C.FD.ENC, DER,
///   `application/ocsp-response` (deprecated by the specification, kept for older clients);
/// - `GET /CertList`: JSON `{"add_roots": [], "ca_certs": [...], "ee_certs": [...]}` with base64 DER; the end-entity
///   certificates are C.FD.ENC and the IDP signer certificate, the CA certificates their issuers; no cross certificates;
/// - `GET /OCSPList`: JSON `{"OCSP Responses": [...]}` with the base64 DER answers for the end-entity certificates.
///
/// Without ``FachdienstConfiguration/vau`` the route mounts nothing; without an OCSP responder the two OCSP endpoints
/// are left out.
public struct VAUCertificateRoute: FachdienstRoute {
    /// The media type of a DER certificate (RFC 2585).
    public static let certificateMediaType = "application/pkix-cert"

    /// Creates the route.
    public init() {}

    /// Not a FHIR interaction.
    public var capabilities: [Capability] { [] }

    /// The certificate endpoints, when the VAU channel is configured.
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        guard let vau = environment.configuration.vau else { return [] }
        let endEntities = [vau.certificate, environment.configuration.idpSignerCertificate]
        let certificate = vau.certificate.derEncoded
        let certList = Self.json([
            "add_roots": [],
            "ca_certs": Self.unique(endEntities.compactMap(vau.issuer(of:))).map(Self.base64),
            "ee_certs": endEntities.map(Self.base64),
        ])
        var endpoints = [
            FachdienstEndpoint(.get, "/VAUCertificate", requiresAuthentication: false) { _, _ in
                Self.response(certificate, type: Self.certificateMediaType)
            },
            FachdienstEndpoint(.get, "/CertList", requiresAuthentication: false) { _, _ in
                Self.response(certList, type: "application/json")
            },
        ]
        guard let responder = environment.configuration.ocspResponder else { return endpoints }
        let clock = environment.configuration.clock
        let requests = endEntities.map { certificate in Self.ocspRequest(for: certificate, vau: vau) }
        endpoints += [
            FachdienstEndpoint(.get, "/VAUCertificateOCSPResponse", requiresAuthentication: false) { _, _ in
                // An issuer missing from the configuration is answered like any unanswerable request.
                let answer = requests[0].map { responder($0, clock.now) } ?? OCSPRoute.malformedRequestResponse
                return Self.response(answer, type: OCSPRoute.responseMediaType)
            },
            FachdienstEndpoint(.get, "/OCSPList", requiresAuthentication: false) { _, _ in
                let now = clock.now
                let answers = requests.compactMap { $0 }.map { Self.base64(responder($0, now)) }
                return Self.response(Self.json(["OCSP Responses": answers]), type: "application/json")
            },
        ]
        return endpoints
    }

    /// The DER OCSP request for `certificate`; `nil` when its issuer is not among the configured CA certificates.
    private static func ocspRequest(for certificate: TelematikCertificate, vau: VAUConfiguration) -> [UInt8]? {
        guard let issuer = vau.issuer(of: certificate),
            let certID = try? OCSPCertID(certificate: certificate, issuer: issuer),
            let request = try? OCSPRequest(certIDs: [certID])
        else { return nil }
        return request.derEncoded
    }

    private static func unique(_ certificates: [TelematikCertificate]) -> [TelematikCertificate] {
        var seen = Set<TelematikCertificate>()
        return certificates.filter { seen.insert($0).inserted }
    }

    private static func base64(_ certificate: TelematikCertificate) -> String { self.base64(certificate.derEncoded) }

    private static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    private static func json(_ object: [String: [String]]) -> [UInt8] {
        // Arrays of base64 strings always serialise; the fallback only satisfies the type checker.
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return data.map { Array($0) } ?? Array("{}".utf8)
    }

    private static func response(_ bytes: [UInt8], type: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
