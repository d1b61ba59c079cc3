// SPDX-License-Identifier: Apache-2.0

extension JWE {
    /// Decrypts an `ECDH-ES` JWE sent to a brainpoolP256r1 key, such as the IDP's `puk_idp_enc` (spec/ref-impl.md C.2).
    /// - Throws: `joseAlgorithmMismatch` unless `alg` is `ECDH-ES`; `unsupportedCurve` when `epk` is not `BP-256`;
    ///   `invalidKey` when `epk` is not on the curve; `decryptionFailed` for a wrong key or altered header, IV,
    ///   ciphertext or tag.
    public func decrypt(with privateKey: BrainpoolP256r1.KeyAgreement.PrivateKey) throws(TICryptoError) -> [UInt8] {
        try self.decrypt(with: privateKey.impl)
    }

    /// Decrypts an `ECDH-ES` JWE sent to a P-256 key (RFC 7518 §4.6).
    /// - Throws: `joseAlgorithmMismatch` unless `alg` is `ECDH-ES`; `unsupportedCurve` when `epk` is not `P-256`;
    ///   `invalidKey` when `epk` is not on the curve; `decryptionFailed` for a wrong key or altered header, IV,
    ///   ciphertext or tag.
    public func decrypt(with privateKey: P256.KeyAgreement.PrivateKey) throws(TICryptoError) -> [UInt8] {
        try self.decrypt(with: privateKey.impl)
    }

    /// Decrypts a `dir` JWE with the 32-byte content key, such as an IDP token under the client's `token_key`.
    /// - Throws: `joseAlgorithmMismatch` unless `alg` is `dir`; `invalidParameter` unless the key has 32 bytes;
    ///   `decryptionFailed` for a wrong key or altered header, IV, ciphertext or tag.
    public func decrypt(directKey: some Collection<UInt8>) throws(TICryptoError) -> [UInt8] {
        try self.expect(.direct)
        return try self.open(key: Array(directKey))
    }

    private func decrypt(with privateKey: ECPrivateKeyImpl) throws(TICryptoError) -> [UInt8] {
        try self.expect(.ecdhES)
        guard let ephemeralKey = self.ephemeralKey else {
            throw TICryptoError(.malformedJOSE, reason: "ECDH-ES JWE without epk")
        }
        let sender = try ephemeralKey.publicKeyImpl(on: privateKey.curve)
        let key = try Self.contentKey(
            sharedSecret: ECDHOperation.sharedSecret(privateKey, sender),
            partyUInfo: self.partyInfo.u,
            partyVInfo: self.partyInfo.v
        )
        return try self.open(key: key)
    }

    /// The A256GCM content key of ECDH-ES: Concat KDF with AlgorithmID `A256GCM` and 256 bits (RFC 7518 §4.6.2).
    static func contentKey(sharedSecret: [UInt8], partyUInfo: [UInt8], partyVInfo: [UInt8]) throws(TICryptoError) -> [UInt8] {
        try ConcatKDF.deriveKey(
            sharedSecret: sharedSecret,
            algorithmID: JWEAlgorithm.contentEncryption,
            partyUInfo: partyUInfo,
            partyVInfo: partyVInfo,
            keyBitLength: AES256GCM.keyByteCount * 8
        )
    }

    private func expect(_ algorithm: JWEAlgorithm) throws(TICryptoError) {
        guard self.algorithm == algorithm else {
            throw TICryptoError(.joseAlgorithmMismatch, reason: "expected a \(algorithm.rawValue) JWE, got \(self.algorithm.rawValue)")
        }
    }

    private func open(key: [UInt8]) throws(TICryptoError) -> [UInt8] {
        try AES256GCM.open(
            ciphertext: self.ciphertext,
            tag: self.authenticationTag,
            key: key,
            iv: self.initializationVector,
            aad: self.additionalAuthenticatedData
        )
    }
}
