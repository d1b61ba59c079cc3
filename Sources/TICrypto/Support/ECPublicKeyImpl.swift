// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// The shared implementation behind every public key type: a validated point on one curve.
struct ECPublicKeyImpl: Sendable {
    let curve: ECCurve
    let key: EVPKey
    /// `04 ‖ X ‖ Y`, 65 bytes.
    let x963Representation: [UInt8]

    /// A public key from an uncompressed X9.62 point.
    /// - Throws: `invalidKey` when the encoding is wrong or the point is not on the curve.
    init(curve: ECCurve, x963Representation point: [UInt8]) throws(TICryptoError) {
        guard point.count == 1 + 2 * ECCurve.coordinateByteCount, point[0] == 0x04 else {
            throw TICryptoError(.invalidKey, reason: "expected a 65-byte uncompressed point 04‖X‖Y, got \(point.count) bytes")
        }
        let key = try ParameterBuilder.ecKey(curve: curve, point: point, scalar: nil)
        // Belt and braces: range, on-curve and not-at-infinity checks. The quick check skips the n·Q = O test, which is
        // implied for cofactor-1 curves such as brainpoolP256r1 and P-256 and would cost a full scalar multiplication.
        let context = try key.makeContext()
        guard EVP_PKEY_public_check_quick(context.pointer) == 1 else {
            throw .openSSLFailure(.invalidKey, "the point is not a valid \(curve.groupName) public key")
        }
        self.curve = curve
        self.key = key
        self.x963Representation = point
    }

    /// A public key taken from a decoded `EVP_PKEY` (SPKI or the public half of a private key), checked for `curve`.
    init(curve: ECCurve, decoded key: EVPKey) throws(TICryptoError) {
        try ECKeyDecoder.checkCurve(of: key, expected: curve)
        let width = ECCurve.coordinateByteCount
        guard let x = key.bigNumberParameter(OSSL_PKEY_PARAM_EC_PUB_X, width: width),
            let y = key.bigNumberParameter(OSSL_PKEY_PARAM_EC_PUB_Y, width: width)
        else {
            throw .openSSLFailure(.invalidKey, "the key has no public point")
        }
        try self.init(curve: curve, x963Representation: [0x04] + x + y)
    }

    /// A public key from DER SubjectPublicKeyInfo.
    /// - Throws: `invalidEncoding`, `unsupportedAlgorithm`, `unsupportedCurve` or `invalidKey`.
    init(curve: ECCurve, spki der: [UInt8]) throws(TICryptoError) {
        if let (found, point) = ECKeyDecoder.namedCurvePoint(spki: der) {
            guard found == curve else {
                throw TICryptoError(.unsupportedCurve, reason: "expected a \(curve.groupName) key, got \(found.groupName)")
            }
            try self.init(curve: curve, x963Representation: point)
        } else {
            try self.init(curve: curve, decoded: ECKeyDecoder.publicKey(der: der))
        }
    }

    /// The X coordinate, 32 bytes.
    var x: [UInt8] { Array(self.x963Representation[1...32]) }

    /// The Y coordinate, 32 bytes.
    var y: [UInt8] { Array(self.x963Representation[33...64]) }

    /// SubjectPublicKeyInfo (RFC 5480) with a named curve.
    var derRepresentation: [UInt8] {
        ECDER.sequence(
            ECDER.sequence(ECDER.ecPublicKeyOID, self.curve.oidDER),
            ECDER.tlv(0x03, [0x00] + self.x963Representation)
        )
    }

    /// SubjectPublicKeyInfo as PEM `PUBLIC KEY`.
    var pemRepresentation: String {
        PEMArmor.encode(self.derRepresentation, label: "PUBLIC KEY")
    }
}
