// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// Plain ECDH (the X coordinate of d·Q) with OpenSSL, shared by both curves.
enum ECDHOperation {
    /// The shared secret of `privateKey` and `publicKey`, exactly 32 bytes.
    ///
    /// The X coordinate is left-padded with zeros to the field size: api-erp warns that dropping leading zero bytes is
    /// a common interoperability bug (spec/ref-impl.md B.1).
    static func sharedSecret(_ privateKey: ECPrivateKeyImpl, _ publicKey: ECPublicKeyImpl) throws(TICryptoError) -> [UInt8] {
        guard privateKey.curve == publicKey.curve else {
            throw TICryptoError(.unsupportedCurve, reason: "keys are on different curves")
        }
        let context = try privateKey.key.makeContext()
        var length = 0
        guard EVP_PKEY_derive_init(context.pointer) == 1,
            // validate_peer = 0: the public key type already validated the point when it was created, and the default
            // re-check (EVP_PKEY_public_check with n·Q) would cost a second scalar multiplication per agreement.
            EVP_PKEY_derive_set_peer_ex(context.pointer, publicKey.key.pointer, 0) == 1,
            EVP_PKEY_derive(context.pointer, nil, &length) == 1
        else {
            throw .openSSLFailure(.openSSL, "ECDH setup failed")
        }
        var secret = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_derive(context.pointer, &secret, &length) == 1, length <= ECCurve.coordinateByteCount else {
            throw .openSSLFailure(.openSSL, "ECDH derivation failed")
        }
        let width = ECCurve.coordinateByteCount
        return [UInt8](repeating: 0, count: width - length) + secret.prefix(length)
    }
}
