// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto

/// The settings of an identity provider.
public struct IdentityProviderConfiguration: Sendable {
    /// Supplies a fresh OCSP response for a card certificate at the given time, or nil when none is available.
    public typealias OCSPSource = @Sendable (_ certificate: TelematikCertificate, _ now: Date) -> OCSPResponse?

    /// The server's public URL without trailing slash; the IDP lives at `publicURL + "/idp"` and every URL of the
    /// discovery document is built from it.
    public var publicURL: String
    /// The `aud` of access tokens: the Fachdienst's configured audience, which its token check compares exactly.
    public var audience: String
    /// The token signer's key (`puk_idp_sig`); it also signs the discovery document, challenges and codes.
    public var signingKey: BrainpoolP256r1.Signing.PrivateKey
    /// The certificate of ``signingKey``, published as `x5c`.
    public var signingCertificate: TelematikCertificate
    /// The key signed challenges and key verifiers are encrypted to (`puk_idp_enc`).
    public var encryptionKey: BrainpoolP256r1.KeyAgreement.PrivateKey
    /// The trust anchors and intermediates card certificates must chain to.
    public var trustStore: TrustStore
    /// Where OCSP responses for card certificates come from; nil checks no revocation.
    public var ocspSource: OCSPSource?
    /// The registered clients.
    public var clients: [RegisteredClient]
    /// The salt of the pairwise `sub` (spec/ref-impl.md C.3: `sub` = hash of aud, idNummer and a server salt).
    public var subjectSalt: String
    /// The source of the current time.
    public var now: @Sendable () -> Date

    /// Creates a configuration.
    public init(
        publicURL: String,
        audience: String? = nil,
        signingKey: BrainpoolP256r1.Signing.PrivateKey,
        signingCertificate: TelematikCertificate,
        encryptionKey: BrainpoolP256r1.KeyAgreement.PrivateKey,
        trustStore: TrustStore,
        ocspSource: OCSPSource? = nil,
        clients: [RegisteredClient] = RegisteredClient.defaults,
        subjectSalt: String = "erezept-idp",
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        let base = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.publicURL = base
        self.audience = audience ?? base
        self.signingKey = signingKey
        self.signingCertificate = signingCertificate
        self.encryptionKey = encryptionKey
        self.trustStore = trustStore
        self.ocspSource = ocspSource
        self.clients = clients
        self.subjectSalt = subjectSalt
        self.now = now
    }

    /// The configuration for a test PKI: `idp-sig` signs, ``TestPKI/idpEncryptionKey()`` decrypts, the PKI's trust
    /// store and OCSP responder check card certificates.
    /// - Throws: `unknownIdentity` when the PKI has no `idp-sig` identity.
    public init(
        testPKI: TestPKI,
        publicURL: String,
        audience: String? = nil,
        clients: [RegisteredClient] = RegisteredClient.defaults,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(TICryptoError) {
        let signer = try testPKI.identity(named: "idp-sig")
        // A card's OCSP answer is reused for an hour (OCSPResponseCache), as the QES check does.
        let ocsp = OCSPResponseCache { certificate, now in testPKI.ocspResponse(for: certificate, now: now) }
        self.init(
            publicURL: publicURL,
            audience: audience,
            signingKey: signer.privateKey,
            signingCertificate: signer.certificate,
            encryptionKey: try testPKI.idpEncryptionKey(),
            trustStore: testPKI.trustStore,
            ocspSource: { certificate, now in ocsp.response(for: certificate, now: now) },
            clients: clients,
            now: now
        )
    }

    /// The issuer and base of every IDP endpoint: ``publicURL`` + `/idp`.
    public var issuer: String { self.publicURL + IdentityProvider.basePath }
}
