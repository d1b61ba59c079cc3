// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// Decodes untrusted PEM and DER key documents with OpenSSL and checks that they hold an EC key on the expected curve.
enum ECKeyDecoder {
    /// A private key from PEM: SEC1 `EC PRIVATE KEY` or PKCS#8 `PRIVATE KEY`. Encrypted PEM is refused: the password
    /// callback supplies no password, so OpenSSL fails instead of prompting on a terminal.
    static func privateKey(pem: String) throws(TICryptoError) -> EVPKey {
        defer { OpenSSLErrorQueue.clear() }
        let bio = try MemoryBIO(Array(pem.utf8))
        guard let key = PEM_read_bio_PrivateKey(bio.pointer, nil, { _, _, _, _ in 0 }, nil) else {
            throw .openSSLFailure(.invalidEncoding, "not a PEM private key")
        }
        return EVPKey(taking: key)
    }

    /// A private key from DER: PKCS#8 `PrivateKeyInfo` or SEC1 `ECPrivateKey`; trailing bytes are refused.
    static func privateKey(der: [UInt8]) throws(TICryptoError) -> EVPKey {
        defer { OpenSSLErrorQueue.clear() }
        let key = self.decodeConsumingAll(der) { pointer, length in d2i_AutoPrivateKey(nil, pointer, length) }
        guard let key else {
            throw .openSSLFailure(.invalidEncoding, "not a DER private key (PKCS#8 or SEC1)")
        }
        return key
    }

    /// The DER body of a PEM `PUBLIC KEY` (SubjectPublicKeyInfo) document.
    static func publicKeyDER(pem: String) throws(TICryptoError) -> [UInt8] {
        defer { OpenSSLErrorQueue.clear() }
        let bio = try MemoryBIO(Array(pem.utf8))
        var name: UnsafeMutablePointer<CChar>?
        var header: UnsafeMutablePointer<CChar>?
        var data: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard PEM_read_bio(bio.pointer, &name, &header, &data, &length) == 1 else {
            throw .openSSLFailure(.invalidEncoding, "not a PEM document")
        }
        defer {
            COpenSSL_free(name)
            COpenSSL_free(header)
            COpenSSL_free(data)
        }
        guard let name, String(cString: name) == "PUBLIC KEY", let data, length > 0 else {
            throw TICryptoError(.invalidEncoding, reason: "not a PEM PUBLIC KEY")
        }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }

    /// A public key from DER SubjectPublicKeyInfo; trailing bytes are refused.
    static func publicKey(der: [UInt8]) throws(TICryptoError) -> EVPKey {
        defer { OpenSSLErrorQueue.clear() }
        let key = self.decodeConsumingAll(der) { pointer, length in d2i_PUBKEY(nil, pointer, length) }
        guard let key else {
            throw .openSSLFailure(.invalidEncoding, "not a DER SubjectPublicKeyInfo")
        }
        return key
    }

    /// The curve and uncompressed point of an SPKI in the exact form this module writes (named curve, uncompressed
    /// point), or nil for any other form. Lets an off-curve point be reported as `invalidKey` rather than as the
    /// decoding error OpenSSL raises for it.
    static func namedCurvePoint(spki der: [UInt8]) -> (curve: ECCurve, point: [UInt8])? {
        let pointLength = 1 + 2 * ECCurve.coordinateByteCount
        for curve in [ECCurve.brainpoolP256r1, .prime256v1] {
            let algorithm = ECDER.sequence(ECDER.ecPublicKeyOID, curve.oidDER)
            let prefix = [0x30, UInt8(algorithm.count + 2 + 1 + pointLength)] + algorithm + [0x03, UInt8(1 + pointLength), 0x00]
            if der.count == prefix.count + pointLength, Array(der.prefix(prefix.count)) == prefix {
                return (curve, Array(der.suffix(pointLength)))
            }
        }
        return nil
    }

    /// Throws `unsupportedAlgorithm` for a non-EC key and `unsupportedCurve` for any curve but `expected`.
    ///
    /// Explicit curve parameters are accepted only when OpenSSL recognises them as the expected named curve (it then
    /// reports the group name); the key is re-encoded with the named curve on export. Custom curves have no group name.
    static func checkCurve(of key: EVPKey, expected: ECCurve) throws(TICryptoError) {
        guard EVP_PKEY_is_a(key.pointer, "EC") == 1 else {
            OpenSSLErrorQueue.clear()
            throw TICryptoError(.unsupportedAlgorithm, reason: "not an elliptic-curve key")
        }
        guard let name = key.stringParameter(OSSL_PKEY_PARAM_GROUP_NAME) else {
            throw TICryptoError(.unsupportedCurve, reason: "the key is not on a named curve")
        }
        guard ECCurve(openSSLGroupName: name) == expected else {
            throw TICryptoError(.unsupportedCurve, reason: "expected a \(expected.groupName) key, got \(name)")
        }
    }

    private static func decodeConsumingAll(
        _ der: [UInt8],
        _ decode: (UnsafeMutablePointer<UnsafePointer<UInt8>?>, Int) -> OpaquePointer?
    ) -> EVPKey? {
        der.withUnsafeBufferPointer { buffer -> EVPKey? in
            guard let start = buffer.baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = start
            guard let decoded = decode(&cursor, buffer.count) else { return nil }
            let key = EVPKey(taking: decoded)
            guard let cursor, cursor - start == buffer.count else { return nil }
            return key
        }
    }
}
