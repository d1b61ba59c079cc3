// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto

/// The settings of the VAU channel (gemSpec_Krypt A_20163; spec/ref-impl.md B).
public struct VAUConfiguration: Sendable {
    /// How long a user-pseudonym key is used before a new one is drawn: at most 10 days (A_20163, spec/ref-impl.md B.2).
    public static let defaultPseudonymKeyLifetime: TimeInterval = 10 * 86_400
    /// The limit of the whole outer request: 1 MB (spec/fd-api.md §1.1).
    public static let defaultMaximumRequestSize = 1024 * 1024

    /// The private key of C.FD.ENC, with which clients' ephemeral keys are agreed.
    public var privateKey: BrainpoolP256r1.KeyAgreement.PrivateKey
    /// C.FD.ENC, served at `/VAUCertificate`.
    public var certificate: TelematikCertificate
    /// The CA certificates that issued C.FD.ENC and the IDP signer certificate: served in `/CertList` and used to ask
    /// the OCSP responder about both.
    public var caCertificates: [TelematikCertificate]
    /// How long one user-pseudonym key is current; the previous key is still recognised for one more period.
    public var pseudonymKeyLifetime: TimeInterval
    /// The largest accepted outer request body, in bytes.
    public var maximumRequestSize: Int
    /// How many request ids the replay check remembers at most.
    public var replayCacheCapacity: Int

    /// Creates a configuration.
    /// - Parameters:
    ///   - privateKey: The private key of `certificate`.
    ///   - certificate: C.FD.ENC.
    ///   - caCertificates: The issuers of C.FD.ENC and of the IDP signer certificate.
    ///   - pseudonymKeyLifetime: The rotation period of the user-pseudonym key.
    ///   - maximumRequestSize: The outer body limit.
    ///   - replayCacheCapacity: The bound of the replay check's memory.
    public init(
        privateKey: BrainpoolP256r1.KeyAgreement.PrivateKey,
        certificate: TelematikCertificate,
        caCertificates: [TelematikCertificate] = [],
        pseudonymKeyLifetime: TimeInterval = VAUConfiguration.defaultPseudonymKeyLifetime,
        maximumRequestSize: Int = VAUConfiguration.defaultMaximumRequestSize,
        replayCacheCapacity: Int = 1_000_000
    ) {
        self.privateKey = privateKey
        self.certificate = certificate
        self.caCertificates = caCertificates
        self.pseudonymKeyLifetime = pseudonymKeyLifetime
        self.maximumRequestSize = maximumRequestSize
        self.replayCacheCapacity = replayCacheCapacity
    }

    /// The configuration for the `fd-enc` identity of a test PKI, with the PKI's CA certificates.
    /// - Throws: when the identity's key is not a valid brainpoolP256r1 scalar (never for a generated PKI).
    public init(testPKI: TestPKI, identity name: String = "fd-enc") throws(TICryptoError) {
        let identity = try testPKI.identity(named: name)
        self.init(
            privateKey: try BrainpoolP256r1.KeyAgreement.PrivateKey(rawRepresentation: identity.privateKey.rawRepresentation),
            certificate: identity.certificate,
            caCertificates: testPKI.identities.filter(\.kind.isCertificateAuthority).map(\.certificate)
        )
    }

    /// The CA certificate in ``caCertificates`` that issued `certificate`.
    func issuer(of certificate: TelematikCertificate) -> TelematikCertificate? {
        self.caCertificates.first { $0.subjectDER == certificate.issuerDER }
    }
}
