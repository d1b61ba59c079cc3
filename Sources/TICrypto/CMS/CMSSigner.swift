// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL
public import Foundation

/// Creates enveloping CMS SignedData (RFC 5652 §5) in the CAdES-BES form (ETSI EN 319 122-1 §5.2) that the
/// Fachdienst uses for receipts (spec/ref-impl.md A.7, spec/fd-api.md §5.2).
///
/// The output is DER with: the content embedded as id-data; SHA-256; the signed attributes contentType, signingTime,
/// messageDigest and ESS signingCertificateV2 (RFC 5035, OpenSSL's `CMS_CADES`); no S/MIME capabilities; the signer
/// certificate and optional chain certificates in `certificates`. Content is signed as binary (no MIME
/// canonicalisation). Signing keys are ECDSA on brainpoolP256r1 (the TI profile) or P-256 (test profile).
public struct CMSSigner: Sendable {
    let key: EVPKey
    /// The signer certificate as DER.
    public let certificateDER: [UInt8]
    /// Extra certificates (for example the issuing CA) as DER, included after the signer certificate.
    public let chainDER: [[UInt8]]
    /// The certificates decoded once, so that signing does not decode them (and their keys) again.
    private let certificate: X509Handle
    private let chain: [X509Handle]

    /// A signer with a brainpoolP256r1 key and its certificate.
    /// - Throws: `invalidEncoding` for a certificate that is not DER; `invalidKey` when the key does not belong to it.
    public init(key: BrainpoolP256r1.Signing.PrivateKey, certificateDER: [UInt8], chainDER: [[UInt8]] = []) throws(TICryptoError) {
        try self.init(key: key.impl.key, certificateDER: certificateDER, chainDER: chainDER)
    }

    /// A signer with a P-256 key and its certificate.
    /// - Throws: `invalidEncoding` for a certificate that is not DER; `invalidKey` when the key does not belong to it.
    public init(key: P256.Signing.PrivateKey, certificateDER: [UInt8], chainDER: [[UInt8]] = []) throws(TICryptoError) {
        try self.init(key: key.impl.key, certificateDER: certificateDER, chainDER: chainDER)
    }

    private init(key: EVPKey, certificateDER: [UInt8], chainDER: [[UInt8]]) throws(TICryptoError) {
        let certificate = try X509Handle(der: certificateDER)
        let chain = try chainDER.map { (der) throws(TICryptoError) in try X509Handle(der: der) }
        guard X509_check_private_key(certificate.pointer, key.pointer) == 1 else {
            throw .openSSLFailure(.invalidKey, "the private key does not belong to the certificate")
        }
        self.key = key
        self.certificateDER = certificateDER
        self.chainDER = chainDER
        self.certificate = certificate
        self.chain = chain
    }

    /// Signs `content` and returns the DER `ContentInfo`.
    /// - Parameters:
    ///   - content: the document, embedded byte-exact.
    ///   - signingTime: the signingTime attribute (whole seconds; UTCTime for 1950–2049, else GeneralizedTime).
    /// - Throws: `openSSL` if OpenSSL fails.
    public func sign(_ content: some Collection<UInt8>, signingTime: Date = Date()) throws(TICryptoError) -> [UInt8] {
        defer { OpenSSLErrorQueue.clear() }
        let certificate = self.certificate
        let chain = self.chain
        guard let stack = COpenSSL_sk_X509_new_null() else {
            throw .openSSLFailure(.openSSL, "sk_X509_new_null failed")
        }
        defer { COpenSSL_sk_X509_pop_free(stack) }
        for element in chain {
            guard X509_up_ref(element.pointer) == 1, COpenSSL_sk_X509_push(stack, element.pointer) > 0 else {
                throw .openSSLFailure(.openSSL, "sk_X509_push failed")
            }
        }
        let flags = UInt32(CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP | CMS_CADES)
        guard let cms = CMS_sign(nil, nil, stack, nil, flags) else {
            throw .openSSLFailure(.openSSL, "CMS_sign failed")
        }
        let info = CMSContentInfo(taking: cms)
        guard let signerInfo = CMS_add1_signer(cms, certificate.pointer, self.key.pointer, EVP_sha256(), flags) else {
            throw .openSSLFailure(.openSSL, "CMS_add1_signer failed")
        }
        try Self.addSigningTime(signingTime, to: signerInfo)
        let input = try MemoryBIO(Array(content))
        guard CMS_final(cms, input.pointer, nil, flags) == 1 else {
            throw .openSSLFailure(.openSSL, "CMS_final failed")
        }
        return try info.derEncoded()
    }

    /// Adds signingTime before `CMS_final`, so OpenSSL does not add the current time itself.
    private static func addSigningTime(_ date: Date, to signerInfo: OpaquePointer) throws(TICryptoError) {
        guard let time = ASN1_TIME_set(nil, time_t(date.timeIntervalSince1970.rounded(.down))) else {
            throw .openSSLFailure(.openSSL, "ASN1_TIME_set failed")
        }
        defer { ASN1_TIME_free(time) }
        guard CMS_signed_add1_attr_by_NID(signerInfo, NID_pkcs9_signingTime, time.pointee.type, time, -1) == 1 else {
            throw .openSSLFailure(.openSSL, "adding signingTime failed")
        }
    }
}
