// SPDX-License-Identifier: Apache-2.0

public import TICrypto

/// Checks the signature of an access token.
///
/// The production implementation is ``IDPSignatureVerifier``; tests may wrap it, for example to count calls.
public protocol AccessTokenSignatureVerifier: Sendable {
    /// Verifies the signature of `jws`.
    /// - Throws: when the signature does not verify with the trusted key or the algorithm is not `BP256R1`.
    func verifySignature(of jws: JWS) throws
}

/// Verifies access tokens against the key of the IDP's signer certificate (spec/ref-impl.md C.4 steps 1 and 6).
public struct IDPSignatureVerifier: AccessTokenSignatureVerifier {
    /// The IDP's public signing key.
    public let publicKey: BrainpoolP256r1.Signing.PublicKey

    /// A verifier for the key of `certificate`.
    /// - Throws: when the certificate does not hold a brainpoolP256r1 key.
    public init(certificate: TelematikCertificate) throws(TICryptoError) {
        guard certificate.subjectPublicKeyInfo.isBrainpoolP256r1 else {
            throw TICryptoError(.invalidKey, reason: "the IDP signer certificate has no brainpoolP256r1 key")
        }
        self.publicKey = try BrainpoolP256r1.Signing.PublicKey(x963Representation: certificate.subjectPublicKeyInfo.publicKey)
    }

    /// Verifies that `jws` is `BP256R1` and signed with ``publicKey``.
    public func verifySignature(of jws: JWS) throws {
        // spec/ref-impl.md C.4 step 1: `alg` must be exactly BP256R1.
        guard jws.algorithm == .bp256r1 else {
            throw TICryptoError(.joseAlgorithmMismatch, reason: "access tokens are signed with BP256R1")
        }
        try jws.verify(with: self.publicKey)
    }
}
