// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// The shared implementation behind every private key type: a scalar with its public point on one curve.
struct ECPrivateKeyImpl: Sendable {
    let key: EVPKey
    let publicKey: ECPublicKeyImpl
    /// The private scalar d, 32 bytes big-endian.
    let rawRepresentation: [UInt8]

    var curve: ECCurve { self.publicKey.curve }

    /// A fresh random key pair.
    init(generatingOn curve: ECCurve) throws(TICryptoError) {
        let context = try EVPKeyContext(algorithm: "EC")
        var generated: OpaquePointer?
        guard EVP_PKEY_keygen_init(context.pointer) == 1,
            EVP_PKEY_CTX_set_group_name(context.pointer, curve.groupName) == 1,
            EVP_PKEY_generate(context.pointer, &generated) == 1,
            let generated
        else {
            throw .openSSLFailure(.openSSL, "key generation on \(curve.groupName) failed")
        }
        let key = EVPKey(taking: generated)
        guard let scalar = key.bigNumberParameter(OSSL_PKEY_PARAM_PRIV_KEY, width: ECCurve.coordinateByteCount) else {
            throw .openSSLFailure(.openSSL, "generated key has no private scalar")
        }
        self.key = key
        self.rawRepresentation = scalar
        self.publicKey = try ECPublicKeyImpl(curve: curve, decoded: key)
    }

    /// The key pair with private scalar `scalar` (deterministic import; the public point is computed as d·G).
    /// - Throws: `invalidKey` unless `scalar` has 32 bytes and 1 ≤ d < n.
    init(curve: ECCurve, rawRepresentation scalar: [UInt8]) throws(TICryptoError) {
        guard scalar.count == ECCurve.coordinateByteCount else {
            throw TICryptoError(.invalidKey, reason: "expected a 32-byte private scalar, got \(scalar.count) bytes")
        }
        let number = try BigNumber(bytes: scalar)
        let point = try ECGroup(curve).publicPoint(forScalar: number)
        self.key = try ParameterBuilder.ecKey(curve: curve, point: point, scalar: number)
        self.rawRepresentation = scalar
        self.publicKey = try ECPublicKeyImpl(curve: curve, x963Representation: point)
    }

    /// A key pair taken from a decoded `EVP_PKEY`, checked for `curve`; a public point stored with it must match d·G.
    init(curve: ECCurve, decoded key: EVPKey) throws(TICryptoError) {
        try ECKeyDecoder.checkCurve(of: key, expected: curve)
        guard let scalar = key.bigNumberParameter(OSSL_PKEY_PARAM_PRIV_KEY, width: ECCurve.coordinateByteCount) else {
            throw .openSSLFailure(.invalidKey, "the key has no usable private scalar")
        }
        try self.init(curve: curve, rawRepresentation: scalar)
        let width = ECCurve.coordinateByteCount
        if let x = key.bigNumberParameter(OSSL_PKEY_PARAM_EC_PUB_X, width: width),
            let y = key.bigNumberParameter(OSSL_PKEY_PARAM_EC_PUB_Y, width: width),
            [0x04] + x + y != self.publicKey.x963Representation
        {
            throw TICryptoError(.invalidKey, reason: "the stored public key does not belong to the private scalar")
        }
    }

    /// SEC1 `ECPrivateKey` (RFC 5915) with the named curve and the public key, as OpenSSL writes it.
    var sec1DERRepresentation: [UInt8] {
        self.ecPrivateKey(includingParameters: true)
    }

    /// PKCS#8 `PrivateKeyInfo` (RFC 5208/5915): the curve in the algorithm identifier, the inner key without it.
    var derRepresentation: [UInt8] {
        ECDER.sequence(
            ECDER.tlv(0x02, [0x00]),
            ECDER.sequence(ECDER.ecPublicKeyOID, self.curve.oidDER),
            ECDER.tlv(0x04, self.ecPrivateKey(includingParameters: false))
        )
    }

    /// PKCS#8 as PEM `PRIVATE KEY`.
    var pemRepresentation: String {
        PEMArmor.encode(self.derRepresentation, label: "PRIVATE KEY")
    }

    /// SEC1 as PEM `EC PRIVATE KEY`.
    var sec1PEMRepresentation: String {
        PEMArmor.encode(self.sec1DERRepresentation, label: "EC PRIVATE KEY")
    }

    private func ecPrivateKey(includingParameters: Bool) -> [UInt8] {
        var content = ECDER.tlv(0x02, [0x01]) + ECDER.tlv(0x04, self.rawRepresentation)
        if includingParameters {
            content += ECDER.tlv(0xA0, self.curve.oidDER)
        }
        content += ECDER.tlv(0xA1, ECDER.tlv(0x03, [0x00] + self.publicKey.x963Representation))
        return ECDER.tlv(0x30, content)
    }
}
