// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// Owns one `EC_GROUP`; used to check scalars and to compute the public point d·G of a private scalar.
final class ECGroup {
    let pointer: OpaquePointer

    /// The named group of `curve`.
    init(_ curve: ECCurve) throws(TICryptoError) {
        guard let group = EC_GROUP_new_by_curve_name(curve.nid) else {
            throw .openSSLFailure(.unsupportedCurve, "EC_GROUP_new_by_curve_name(\(curve.groupName)) failed")
        }
        self.pointer = group
    }

    deinit {
        EC_GROUP_free(self.pointer)
    }

    /// The uncompressed public point `04‖X‖Y` of the private scalar `scalar`.
    /// - Throws: `invalidKey` unless 1 ≤ scalar < n (the group order).
    func publicPoint(forScalar scalar: BigNumber) throws(TICryptoError) -> [UInt8] {
        guard let order = EC_GROUP_get0_order(self.pointer) else {
            throw .openSSLFailure(.openSSL, "EC_GROUP_get0_order failed")
        }
        guard BN_is_zero(scalar.pointer) == 0, BN_cmp(scalar.pointer, order) < 0 else {
            throw TICryptoError(.invalidKey, reason: "private scalar is zero or not below the group order")
        }
        guard let point = EC_POINT_new(self.pointer) else {
            throw .openSSLFailure(.openSSL, "EC_POINT_new failed")
        }
        defer { EC_POINT_free(point) }
        guard EC_POINT_mul(self.pointer, point, scalar.pointer, nil, nil, nil) == 1 else {
            throw .openSSLFailure(.invalidKey, "EC_POINT_mul failed")
        }
        var output = [UInt8](repeating: 0, count: 1 + 2 * ECCurve.coordinateByteCount)
        let written = EC_POINT_point2oct(self.pointer, point, POINT_CONVERSION_UNCOMPRESSED, &output, output.count, nil)
        guard written == output.count else {
            throw .openSSLFailure(.openSSL, "EC_POINT_point2oct failed")
        }
        return output
    }
}
