// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// Owns one `EC_POINT` of a group and frees it on deinit.
final class ECPointHandle {
    let pointer: OpaquePointer

    /// The point k·G on `group`.
    init(multiplyingGeneratorOf group: ECGroup, by scalar: BigNumber, context: BigNumberContext) throws(TICryptoError) {
        guard let point = EC_POINT_new(group.pointer) else {
            throw .openSSLFailure(.openSSL, "EC_POINT_new failed")
        }
        self.pointer = point
        guard EC_POINT_mul(group.pointer, point, scalar.pointer, nil, nil, context.pointer) == 1 else {
            throw .openSSLFailure(.openSSL, "EC_POINT_mul failed")
        }
    }

    deinit {
        EC_POINT_free(self.pointer)
    }

    /// The affine x coordinate.
    func affineX(on group: ECGroup, context: BigNumberContext) throws(TICryptoError) -> BigNumber {
        let x = try BigNumber.zero()
        guard EC_POINT_get_affine_coordinates(group.pointer, self.pointer, x.pointer, nil, context.pointer) == 1 else {
            throw .openSSLFailure(.openSSL, "EC_POINT_get_affine_coordinates failed")
        }
        return x
    }
}
