// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import TICrypto

extension IdentityProvider {
    /// Checks a signed challenge and answers with the `Location` of the redirect: `redirect_uri?code=…&state=…`.
    ///
    /// Steps (spec/ref-impl.md C.2 step 3): decrypt the `ECDH-ES` JWE with `puk_idp_enc`; take the card's JWS from
    /// `njwt` (`cty: NJWT`); check that its `njwt` is a live challenge of this IDP; check the card signature with the
    /// key of `x5c[0]`; validate that certificate against the trust store now, with OCSP (A_20951-01 as tagged by
    /// gematik: expired, revoked, foreign and self-signed certificates are refused); read the identity; issue the code.
    func authenticate(signedChallenge: String?) throws(IdentityProviderError) -> String {
        guard let signedChallenge else { throw IdentityProviderError(.challengeInvalid, reason: "signed_challenge is missing") }
        guard let jwe = try? JWE(compact: signedChallenge), let plaintext = try? jwe.decrypt(with: self.configuration.encryptionKey),
            let inner = NestedToken.njwt(in: plaintext), let cardJWS = try? JWS(compact: inner)
        else {
            throw IdentityProviderError(.challengeInvalid, reason: "signed_challenge is no JWE to puk_idp_enc holding a JWS")
        }
        guard cardJWS.header.cty == "NJWT", let challengeText = NestedToken.njwt(in: cardJWS.payload) else {
            throw IdentityProviderError(.challengeInvalid, reason: "the signed challenge is no NJWT")
        }
        let challenge = try self.verifiedChallenge(challengeText)
        let certificate = try self.cardCertificate(of: cardJWS)
        let identity = try CardIdentity(certificate: certificate)
        guard let redirectURI = challenge.string("redirect_uri"), let state = challenge.string("state") else {
            throw IdentityProviderError(.challengeInvalid, reason: "the challenge lacks redirect_uri or state")
        }
        let code = try self.issueCode(challenge: challenge, identity: identity)
        let separator = redirectURI.contains("?") ? "&" : "?"
        return redirectURI + separator + FormParameters.encode([("code", code), ("state", state)])
    }

    /// The card certificate of `cardJWS` after checking the signature and validating the certificate.
    private func cardCertificate(of cardJWS: JWS) throws(IdentityProviderError) -> TelematikCertificate {
        guard let der = cardJWS.header.x5c?.first, let certificate = try? TelematikCertificate(derEncoded: der) else {
            throw IdentityProviderError(.cardCertificateInvalid, reason: "x5c holds no certificate")
        }
        guard cardJWS.algorithm == .bp256r1, certificate.subjectPublicKeyInfo.isBrainpoolP256r1,
            let key = try? BrainpoolP256r1.Signing.PublicKey(x963Representation: certificate.subjectPublicKeyInfo.publicKey),
            (try? cardJWS.verify(with: key)) != nil
        else {
            throw IdentityProviderError(.cardSignatureInvalid, reason: "the card signature does not verify with x5c")
        }
        guard let usage = certificate.keyUsage, usage.contains(.digitalSignature) || usage.contains(.nonRepudiation) else {
            throw IdentityProviderError(.cardCertificateInvalid, reason: "the card certificate may not sign")
        }
        let now = self.configuration.now()
        let policy = CertificatePolicy(revocationMode: self.configuration.ocspSource == nil ? .notChecked : .required)
        let responses = self.configuration.ocspSource?(certificate, now).map { [$0] } ?? []
        do {
            _ = try CertificatePathValidator(trustStore: self.configuration.trustStore, policy: policy)
                .validate(certificate, at: now, ocspResponses: responses)
        } catch {
            throw IdentityProviderError(.cardCertificateInvalid, reason: "\(error)")
        }
        return certificate
    }
}
