// SPDX-License-Identifier: Apache-2.0

public import TICrypto

extension ReceiptSigner {
    /// The receipt signer of a test PKI: the identity `name` (C.FD.SIG is `fd-sig`) with its CA chain below the root,
    /// and OCSP responses from the PKI's responder, each reused for an hour (``OCSPResponseCache``).
    /// - Throws: `unknownIdentity` when the PKI has no such identity.
    public init(
        testPKI pki: TestPKI,
        identity name: String = "fd-sig",
        prescriptionDigest: PrescriptionDigest = .signedAttributes
    ) throws(TICryptoError) {
        let identity = try pki.identity(named: name)
        // The chain without the signer certificate and without the root, which the verifier brings as trust anchor.
        let chain = pki.chain(of: identity).dropFirst().filter { $0 != pki.root?.certificate }.map(\.derEncoded)
        let signer = try CMSSigner(key: identity.privateKey, certificateDER: identity.certificate.derEncoded, chainDER: Array(chain))
        let ocsp = OCSPResponseCache { certificate, now in pki.ocspResponse(for: certificate, now: now) }
        try self.init(
            signer: signer,
            ocspSource: { certificate, now in await ocsp.response(for: certificate, now: now) },
            prescriptionDigest: prescriptionDigest
        )
    }
}
