// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// A private key with its certificate and chain, as carried in a password-protected PKCS#12 (`.p12`) file.
///
/// gematik test identities (SMC-B, HBA, IDP and VAU keys) are distributed as `.p12`; the reference IDP loads its keys
/// from p12 files (spec/ref-impl.md C.5). Certificates are kept as DER; parse them with the X509 types.
public struct PKCS12Bundle<PrivateKey: PKCS8PrivateKey>: Sendable {
    /// The private key.
    public var privateKey: PrivateKey
    /// The end-entity certificate (DER) belonging to ``privateKey``.
    public var certificateDER: [UInt8]
    /// Further certificates (DER), usually the issuing CAs, in the order the file lists them.
    public var chainDER: [[UInt8]]

    /// A bundle from its parts.
    public init(privateKey: PrivateKey, certificateDER: [UInt8], chainDER: [[UInt8]] = []) {
        self.privateKey = privateKey
        self.certificateDER = certificateDER
        self.chainDER = chainDER
    }

    /// Opens a DER PKCS#12 file.
    /// - Throws: `invalidEncoding` for a malformed file or one without key or certificate, `invalidPassword` when the
    ///   MAC does not verify, and the key type's errors (`unsupportedCurve`, …) for a key of the wrong kind.
    public init(derRepresentation: some Collection<UInt8>, password: String) throws(TICryptoError) {
        defer { OpenSSLErrorQueue.clear() }
        let bytes = Array(derRepresentation)
        let container = bytes.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return buffer.isEmpty ? nil : d2i_PKCS12(nil, &cursor, buffer.count)
        }
        guard let container else {
            throw .openSSLFailure(.invalidEncoding, "not a DER PKCS#12 file")
        }
        defer { PKCS12_free(container) }
        guard PKCS12_verify_mac(container, password, -1) == 1 else {
            throw .openSSLFailure(.invalidPassword, "the PKCS#12 MAC does not verify (wrong password?)")
        }
        var key: OpaquePointer?
        var certificate: OpaquePointer?
        var chain: OpaquePointer?
        guard PKCS12_parse(container, password, &key, &certificate, &chain) == 1 else {
            throw .openSSLFailure(.invalidEncoding, "PKCS12_parse failed")
        }
        let keyHandle = key.map { EVPKey(taking: $0) }
        let certificateHandle = certificate.map { X509Handle(taking: $0) }
        defer { if let chain { COpenSSL_sk_X509_pop_free(chain) } }
        guard let keyHandle, let certificateHandle else {
            throw TICryptoError(.invalidEncoding, reason: "the PKCS#12 file lacks a private key or its certificate")
        }
        var chainDER: [[UInt8]] = []
        if let chain {
            for index in 0..<COpenSSL_sk_X509_num(chain) {
                guard let element = COpenSSL_sk_X509_value(chain, index) else { continue }
                chainDER.append(try X509Handle.der(of: element))
            }
        }
        self.privateKey = try PrivateKey(derRepresentation: try Self.traditionalDER(of: keyHandle))
        self.certificateDER = try X509Handle.der(of: certificateHandle.pointer)
        self.chainDER = chainDER
    }

    /// Writes the bundle as DER PKCS#12 with OpenSSL 3's defaults (AES-256-CBC with PBKDF2, HMAC-SHA256 MAC).
    /// - Parameters:
    ///   - password: The password protecting key and MAC.
    ///   - friendlyName: An optional label stored with the key and certificate.
    /// - Throws: `invalidEncoding` for an undecodable certificate; `invalidKey` when it does not match the key.
    public func derRepresentation(password: String, friendlyName: String? = nil) throws(TICryptoError) -> [UInt8] {
        defer { OpenSSLErrorQueue.clear() }
        let key = try ECKeyDecoder.privateKey(der: self.privateKey.derRepresentation)
        let certificate = try X509Handle(der: self.certificateDER)
        let chainCertificates = try self.chainDER.map { (der) throws(TICryptoError) in try X509Handle(der: der) }
        guard let stack = COpenSSL_sk_X509_new_null() else {
            throw .openSSLFailure(.openSSL, "sk_X509_new_null failed")
        }
        defer { COpenSSL_sk_X509_pop_free(stack) }
        for element in chainCertificates {
            // The stack frees what it holds, so it gets its own reference.
            guard X509_up_ref(element.pointer) == 1, COpenSSL_sk_X509_push(stack, element.pointer) > 0 else {
                throw .openSSLFailure(.openSSL, "sk_X509_push failed")
            }
        }
        guard X509_check_private_key(certificate.pointer, key.pointer) == 1 else {
            throw .openSSLFailure(.invalidKey, "the certificate does not belong to the private key")
        }
        guard let container = PKCS12_create(password, friendlyName, key.pointer, certificate.pointer, stack, 0, 0, 0, 0, 0) else {
            throw .openSSLFailure(.openSSL, "PKCS12_create failed")
        }
        defer { PKCS12_free(container) }
        var output: UnsafeMutablePointer<UInt8>?
        let length = i2d_PKCS12(container, &output)
        guard length > 0, let output else {
            throw .openSSLFailure(.openSSL, "i2d_PKCS12 failed")
        }
        defer { COpenSSL_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }

    private static func traditionalDER(of key: EVPKey) throws(TICryptoError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let length = i2d_PrivateKey(key.pointer, &output)
        guard length > 0, let output else {
            throw .openSSLFailure(.invalidKey, "the PKCS#12 key cannot be encoded")
        }
        defer {
            OPENSSL_cleanse(output, Int(length))
            COpenSSL_free(output)
        }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }
}
