// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto

/// The IDP's discovery document after its checks (spec/ref-impl.md C.1; docs/idp.md "Discovery document"): a
/// `BP256R1` JWS whose `x5c[0]` chains to the client's trust anchors and has the role `oid_idpd`, valid now.
public struct IDPDiscoveryDocument: Sendable {
    /// `authorization_endpoint`.
    public let authorizationEndpoint: URL
    /// `token_endpoint`.
    public let tokenEndpoint: URL
    /// `uri_puk_idp_enc`: the key challenges and key verifiers are encrypted to.
    public let encryptionKeyURL: URL
    /// `uri_puk_idp_sig`: the key challenges and tokens are signed with.
    public let signatureKeyURL: URL
    /// `issuer`.
    public let issuer: String
    /// `exp`: reload the document after this.
    public let expiresAt: Date

    /// The policy for IDP signer certificates: `digitalSignature` and the role `oid_idpd` (1.2.276.0.76.4.260);
    /// revocation is not checked here (the Konnektor or the TSL service does in a practice).
    public static let signerPolicy = CertificatePolicy(
        requiredKeyUsage: .digitalSignature,
        allowedProfessionOIDs: [TelematikOID.idpd],
        revocationMode: .notChecked
    )

    /// Checks and reads `compact`.
    /// - Throws: `untrustedIDP` for a signature, certificate or validity failure; `malformedIDPResponse` for a document
    ///   without the endpoints.
    public init(compact: String, trustStore: TrustStore, at now: Date) throws(PrimarySystemError) {
        let jws: JWS
        do {
            jws = try JWS(compact: compact.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            throw PrimarySystemError(.malformedIDPResponse, reason: "the discovery document is no compact JWS")
        }
        _ = try Self.verifiedSigner(of: jws, trustStore: trustStore, at: now, what: "discovery document")
        guard let claims = IDPJSON.object(jws.payload) else {
            throw PrimarySystemError(.malformedIDPResponse, reason: "the discovery document's payload is no JSON object")
        }
        let time = Int64(now.timeIntervalSince1970)
        guard let exp = claims["exp"] as? NSNumber, time <= exp.int64Value else {
            throw PrimarySystemError(.untrustedIDP, reason: "the discovery document has expired")
        }
        if let nbf = claims["nbf"] as? NSNumber, time < nbf.int64Value {
            throw PrimarySystemError(.untrustedIDP, reason: "the discovery document is not valid yet")
        }
        func url(_ name: String) throws(PrimarySystemError) -> URL {
            guard let text = claims[name] as? String, let url = URL(string: text), url.scheme != nil, url.host != nil else {
                throw PrimarySystemError(.malformedIDPResponse, reason: "the discovery document lacks \(name)")
            }
            return url
        }
        self.authorizationEndpoint = try url("authorization_endpoint")
        self.tokenEndpoint = try url("token_endpoint")
        self.encryptionKeyURL = try url("uri_puk_idp_enc")
        self.signatureKeyURL = try url("uri_puk_idp_sig")
        self.issuer = claims["issuer"] as? String ?? ""
        self.expiresAt = Date(timeIntervalSince1970: TimeInterval(exp.int64Value))
    }

    /// The certificate of `x5c[0]` after its path check, when the JWS verifies with its key.
    static func verifiedSigner(of jws: JWS, trustStore: TrustStore, at now: Date, what: String) throws(PrimarySystemError) -> TelematikCertificate {
        guard jws.algorithm == .bp256r1, let der = jws.header.x5c?.first, let certificate = try? TelematikCertificate(derEncoded: der) else {
            throw PrimarySystemError(.untrustedIDP, reason: "the \(what) is not BP256R1 with a signer certificate in x5c")
        }
        do {
            _ = try CertificatePathValidator(trustStore: trustStore, policy: self.signerPolicy).validate(certificate, at: now)
        } catch {
            throw PrimarySystemError(.untrustedIDP, reason: "the signer of the \(what) is refused (\(error.code)): \(error.reason)")
        }
        guard let key = try? BrainpoolP256r1.Signing.PublicKey(x963Representation: certificate.subjectPublicKeyInfo.publicKey),
            (try? jws.verify(with: key)) != nil
        else {
            throw PrimarySystemError(.untrustedIDP, reason: "the signature of the \(what) does not verify")
        }
        return certificate
    }
}

/// JSON objects of IDP answers.
enum IDPJSON {
    static func object(_ bytes: some Collection<UInt8>) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
    }

    static func data(_ object: [String: String]) -> [UInt8] {
        // String values always serialise.
        Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data())
    }
}
