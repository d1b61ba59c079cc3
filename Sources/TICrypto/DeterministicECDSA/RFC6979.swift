// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL
internal import Crypto

/// Deterministic ECDSA (RFC 6979) with SHA-256 over the two 256-bit curves of this module.
///
/// The nonce k is derived from the private key and the message digest with HMAC-SHA256 (RFC 6979 §3.2), so the same
/// key and message always give the same signature. The result is an ordinary ECDSA signature that every verifier
/// accepts. Used where output must be reproducible byte for byte (the seeded test PKI); the arithmetic runs on
/// OpenSSL big numbers and is not hardened against timing side channels beyond what OpenSSL provides.
enum RFC6979 {
    /// The curve order n as 32 big-endian bytes.
    static func order(of curve: ECCurve) throws(TICryptoError) -> [UInt8] {
        let group = try ECGroup(curve)
        guard let order = EC_GROUP_get0_order(group.pointer) else {
            throw .openSSLFailure(.openSSL, "EC_GROUP_get0_order failed")
        }
        var output = [UInt8](repeating: 0, count: ECCurve.coordinateByteCount)
        guard BN_bn2binpad(order, &output, Int32(output.count)) == Int32(output.count) else {
            throw .openSSLFailure(.openSSL, "BN_bn2binpad failed")
        }
        return output
    }

    /// The nonces RFC 6979 §3.2 yields for private scalar `scalar` and digest `digest`, in order; the first is the one
    /// used unless it gives r = 0 or s = 0. Calls `body` with each candidate until it returns a result.
    static func withNonces<Result>(
        scalar: [UInt8],
        digest: [UInt8],
        order: [UInt8],
        _ body: ([UInt8]) throws(TICryptoError) -> Result?
    ) throws(TICryptoError) -> Result {
        let length = ECCurve.coordinateByteCount
        // qlen = hlen = 256: bits2int is the identity and bits2octets(h1) is h1 mod q, one subtraction at most.
        let reducedDigest = Self.compare(digest, order) >= 0 ? Self.subtract(digest, order) : digest
        var v = [UInt8](repeating: 0x01, count: length)  // step b
        var k = [UInt8](repeating: 0x00, count: length)  // step c
        k = Self.hmac(k, v + [0x00] + scalar + reducedDigest)  // step d
        v = Self.hmac(k, v)  // step e
        k = Self.hmac(k, v + [0x01] + scalar + reducedDigest)  // step f
        v = Self.hmac(k, v)  // step g
        while true {  // step h
            v = Self.hmac(k, v)
            let candidate = v
            if candidate.contains(where: { $0 != 0 }), Self.compare(candidate, order) < 0,
                let result = try body(candidate)
            {
                return result
            }
            k = Self.hmac(k, v + [0x00])
            v = Self.hmac(k, v)
        }
    }

    /// The first nonce k of RFC 6979 §3.2 (exposed for the known-answer tests of RFC 6979 Appendix A.2).
    static func nonce(curve: ECCurve, scalar: [UInt8], digest: [UInt8]) throws(TICryptoError) -> [UInt8] {
        try self.withNonces(scalar: scalar, digest: digest, order: try self.order(of: curve)) { candidate in candidate }
    }

    /// Signs a 32-byte SHA-256 digest with the private scalar of `key`, using the RFC 6979 nonce.
    static func sign(digest: [UInt8], with key: ECPrivateKeyImpl) throws(TICryptoError) -> ECDSASignature {
        try ECDSAOperations.checkDigest(digest)
        let group = try ECGroup(key.curve)
        let context = try BigNumberContext()
        let orderBytes = try self.order(of: key.curve)
        let order = try BigNumber(bytes: orderBytes)
        let d = try BigNumber(bytes: key.rawRepresentation)
        let e = try BigNumber(bytes: digest)
        return try self.withNonces(scalar: key.rawRepresentation, digest: digest, order: orderBytes) {
            (candidate) throws(TICryptoError) -> ECDSASignature? in
            let k = try BigNumber(bytes: candidate)
            BN_set_flags(k.pointer, Int32(BN_FLG_CONSTTIME))
            // r = x(k·G) mod n
            let point = try ECPointHandle(multiplyingGeneratorOf: group, by: k, context: context)
            let x = try point.affineX(on: group, context: context)
            let r = try BigNumber.zero()
            guard BN_nnmod(r.pointer, x.pointer, order.pointer, context.pointer) == 1 else {
                throw .openSSLFailure(.openSSL, "BN_nnmod failed")
            }
            if r.isZero { return nil }
            // s = k⁻¹ (e + r·d) mod n
            let rd = try BigNumber.zero()
            let sum = try BigNumber.zero()
            let s = try BigNumber.zero()
            guard BN_mod_mul(rd.pointer, r.pointer, d.pointer, order.pointer, context.pointer) == 1,
                BN_mod_add(sum.pointer, e.pointer, rd.pointer, order.pointer, context.pointer) == 1,
                let inverse = BN_mod_inverse(nil, k.pointer, order.pointer, context.pointer)
            else {
                throw .openSSLFailure(.openSSL, "big-number arithmetic failed")
            }
            let kInverse = BigNumber(taking: inverse)
            guard BN_mod_mul(s.pointer, kInverse.pointer, sum.pointer, order.pointer, context.pointer) == 1 else {
                throw .openSSLFailure(.openSSL, "BN_mod_mul failed")
            }
            if s.isZero { return nil }
            guard let rBytes = r.bytes(paddedTo: ECCurve.coordinateByteCount), let sBytes = s.bytes(paddedTo: ECCurve.coordinateByteCount)
            else {
                throw TICryptoError(.openSSL, reason: "signature component wider than 32 bytes")
            }
            return try ECDSASignature(rawRepresentation: rBytes + sBytes)
        }
    }

    private static func hmac(_ key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: key)))
    }

    /// Compares two equal-length big-endian numbers.
    private static func compare(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        for (left, right) in zip(lhs, rhs) where left != right { return left < right ? -1 : 1 }
        return 0
    }

    /// `lhs − rhs` for equal-length big-endian numbers with lhs ≥ rhs.
    private static func subtract(_ lhs: [UInt8], _ rhs: [UInt8]) -> [UInt8] {
        var result = lhs
        var borrow = 0
        for index in stride(from: lhs.count - 1, through: 0, by: -1) {
            var value = Int(lhs[index]) - Int(rhs[index]) - borrow
            borrow = value < 0 ? 1 : 0
            if value < 0 { value += 256 }
            result[index] = UInt8(value)
        }
        return result
    }
}
