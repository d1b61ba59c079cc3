// SPDX-License-Identifier: Apache-2.0

public import TICrypto

/// The card that authenticates a login at the IDP (spec/ref-impl.md C.2 step 3): SMC-B C.HCI.AUT, HBA, or eGK.
///
/// A practice system signs through the Konnektor (`ExternalAuthenticate`); ``SoftwareCard`` signs with a key in memory,
/// for tests and for the identities of a test PKI.
public protocol AuthenticationCard: Sendable {
    /// The card's authentication certificate, sent as `x5c`.
    var certificate: TelematikCertificate { get }
    /// Signs `payload` as a `BP256R1` JWS with `header` (which carries `typ`, `cty` and `x5c`).
    func sign(payload: [UInt8], header: JOSEHeader) async throws(PrimarySystemError) -> JWS
}

/// A card whose key is held in memory: an identity of the test PKI (docs/test-pki.md).
public struct SoftwareCard: AuthenticationCard {
    /// The certificate.
    public let certificate: TelematikCertificate
    private let key: BrainpoolP256r1.Signing.PrivateKey

    /// A card from a key and its certificate.
    public init(key: BrainpoolP256r1.Signing.PrivateKey, certificate: TelematikCertificate) {
        self.key = key
        self.certificate = certificate
    }

    /// The card of identity `name` (for example `practice-a`, `pharmacy-a`, `doctor-a`) of `pki`.
    /// - Throws: `unknownIdentity`.
    public init(testPKI pki: TestPKI, identity name: String) throws(TICryptoError) {
        let identity = try pki.identity(named: name)
        self.init(key: identity.privateKey, certificate: identity.certificate)
    }

    /// Signs with the key.
    public func sign(payload: [UInt8], header: JOSEHeader) async throws(PrimarySystemError) -> JWS {
        do {
            return try JWS.sign(payload: payload, header: header, key: self.key)
        } catch {
            throw PrimarySystemError(.cardFailed, reason: "signing the challenge failed: \(error.code)")
        }
    }
}
