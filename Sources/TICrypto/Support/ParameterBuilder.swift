// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL
internal import Foundation

/// Builds an `EVP_PKEY` for an EC key from its components through `OSSL_PARAM_BLD` and `EVP_PKEY_fromdata`.
enum ParameterBuilder {
    /// An EC key on `curve` with public point `point` (uncompressed) and, when given, private scalar `scalar`.
    /// OpenSSL rejects a point that is not on the curve here (EC_POINT_oct2point checks it).
    static func ecKey(curve: ECCurve, point: [UInt8], scalar: BigNumber?) throws(TICryptoError) -> EVPKey {
        // OSSL_PARAM_BLD stores keys, strings and octet buffers by reference until OSSL_PARAM_BLD_to_param, so every
        // pointer handed to it must outlive that call; Swift's temporary String-to-C bridging would not.
        var owned: [UnsafeMutableRawPointer] = []
        defer {
            for pointer in owned { free(pointer) }
        }
        func cString(_ text: String) -> UnsafeMutablePointer<CChar>? {
            let copy = strdup(text)
            if let copy { owned.append(UnsafeMutableRawPointer(copy)) }
            return copy
        }
        guard let builder = OSSL_PARAM_BLD_new() else {
            throw .openSSLFailure(.openSSL, "OSSL_PARAM_BLD_new failed")
        }
        defer { OSSL_PARAM_BLD_free(builder) }
        guard let pointBuffer = malloc(point.count) else {
            throw TICryptoError(.openSSL, reason: "out of memory")
        }
        owned.append(pointBuffer)
        pointBuffer.copyMemory(from: point, byteCount: point.count)
        var pushed = OSSL_PARAM_BLD_push_utf8_string(builder, cString(OSSL_PKEY_PARAM_GROUP_NAME), cString(curve.groupName), 0) == 1
        pushed = pushed && OSSL_PARAM_BLD_push_octet_string(builder, cString(OSSL_PKEY_PARAM_PUB_KEY), pointBuffer, point.count) == 1
        if let scalar {
            // BIGNUMs are copied by OSSL_PARAM_BLD_to_param; `scalar` outlives it anyway.
            pushed = pushed && OSSL_PARAM_BLD_push_BN(builder, cString(OSSL_PKEY_PARAM_PRIV_KEY), scalar.pointer) == 1
        }
        guard pushed, let parameters = OSSL_PARAM_BLD_to_param(builder) else {
            throw .openSSLFailure(.openSSL, "OSSL_PARAM_BLD failed")
        }
        defer { OSSL_PARAM_free(parameters) }
        let context = try EVPKeyContext(algorithm: "EC")
        var key: OpaquePointer?
        let selection = scalar == nil ? COpenSSL_EVP_PKEY_PUBLIC_KEY() : COpenSSL_EVP_PKEY_KEYPAIR()
        guard EVP_PKEY_fromdata_init(context.pointer) == 1,
            EVP_PKEY_fromdata(context.pointer, &key, selection, parameters) == 1,
            let key
        else {
            throw .openSSLFailure(.invalidKey, "EVP_PKEY_fromdata rejected the \(curve.groupName) key")
        }
        return EVPKey(taking: key)
    }
}
