// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

/// The public-key API every curve and facet shares, so that one generic test covers all four types.
protocol PublicKeyUnderTest: Hashable {
    init(x963Representation: some Collection<UInt8>) throws(TICryptoError)
    init(rawRepresentation: some Collection<UInt8>) throws(TICryptoError)
    init(x: some Collection<UInt8>, y: some Collection<UInt8>) throws(TICryptoError)
    init(derRepresentation: some Collection<UInt8>) throws(TICryptoError)
    init(pemRepresentation: String) throws(TICryptoError)
    var x963Representation: [UInt8] { get }
    var rawRepresentation: [UInt8] { get }
    var x: [UInt8] { get }
    var y: [UInt8] { get }
    var derRepresentation: [UInt8] { get }
    var pemRepresentation: String { get }
}

/// The private-key API every curve and facet shares.
protocol PrivateKeyUnderTest: PKCS8PrivateKey {
    associatedtype PublicKey: PublicKeyUnderTest
    /// The curve's name for the `openssl` CLI.
    static var opensslCurveName: String { get }
    init() throws(TICryptoError)
    init(rawRepresentation: some Collection<UInt8>) throws(TICryptoError)
    init(pemRepresentation: String) throws(TICryptoError)
    var rawRepresentation: [UInt8] { get }
    var pemRepresentation: String { get }
    var sec1DERRepresentation: [UInt8] { get }
    var sec1PEMRepresentation: String { get }
    var publicKey: PublicKey { get }
}

/// ECDSA signing keys.
protocol SigningKeyUnderTest: PrivateKeyUnderTest where PublicKey: VerifyingKeyUnderTest {
    func signature(for message: some Collection<UInt8>) throws(TICryptoError) -> ECDSASignature
    func signature(forSHA256Digest digest: some Sequence<UInt8>) throws(TICryptoError) -> ECDSASignature
}

/// ECDSA verifying keys.
protocol VerifyingKeyUnderTest: PublicKeyUnderTest {
    func isValidSignature(_ signature: ECDSASignature, for message: some Collection<UInt8>) -> Bool
    func isValidSignature(_ signature: ECDSASignature, forSHA256Digest digest: some Sequence<UInt8>) -> Bool
}

/// ECDH keys.
protocol AgreementKeyUnderTest: PrivateKeyUnderTest {
    func sharedSecret(with publicKey: PublicKey) throws(TICryptoError) -> [UInt8]
}

extension BrainpoolP256r1.Signing.PublicKey: VerifyingKeyUnderTest {}
extension BrainpoolP256r1.KeyAgreement.PublicKey: PublicKeyUnderTest {}
extension P256.Signing.PublicKey: VerifyingKeyUnderTest {}
extension P256.KeyAgreement.PublicKey: PublicKeyUnderTest {}

extension BrainpoolP256r1.Signing.PrivateKey: SigningKeyUnderTest {
    static var opensslCurveName: String { "brainpoolP256r1" }
}

extension BrainpoolP256r1.KeyAgreement.PrivateKey: AgreementKeyUnderTest {
    static var opensslCurveName: String { "brainpoolP256r1" }
}

extension P256.Signing.PrivateKey: SigningKeyUnderTest {
    static var opensslCurveName: String { "prime256v1" }
}

extension P256.KeyAgreement.PrivateKey: AgreementKeyUnderTest {
    static var opensslCurveName: String { "prime256v1" }
}

/// The four private-key types, for `@Test(arguments:)`.
enum KeyKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case brainpoolSigning
    case brainpoolKeyAgreement
    case p256Signing
    case p256KeyAgreement

    var type: any PrivateKeyUnderTest.Type {
        switch self {
        case .brainpoolSigning: BrainpoolP256r1.Signing.PrivateKey.self
        case .brainpoolKeyAgreement: BrainpoolP256r1.KeyAgreement.PrivateKey.self
        case .p256Signing: P256.Signing.PrivateKey.self
        case .p256KeyAgreement: P256.KeyAgreement.PrivateKey.self
        }
    }

    var testDescription: String { self.rawValue }
}

/// The two signing-key types, for `@Test(arguments:)`.
enum SigningCurve: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case brainpoolP256r1
    case p256

    var type: any SigningKeyUnderTest.Type {
        switch self {
        case .brainpoolP256r1: BrainpoolP256r1.Signing.PrivateKey.self
        case .p256: P256.Signing.PrivateKey.self
        }
    }

    var testDescription: String { self.rawValue }
}

/// The two key-agreement types, for `@Test(arguments:)`.
enum AgreementCurve: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case brainpoolP256r1
    case p256

    var type: any AgreementKeyUnderTest.Type {
        switch self {
        case .brainpoolP256r1: BrainpoolP256r1.KeyAgreement.PrivateKey.self
        case .p256: P256.KeyAgreement.PrivateKey.self
        }
    }

    var testDescription: String { self.rawValue }
}
