// SPDX-License-Identifier: Apache-2.0

extension JWK.Curve {
    /// The `crv` of keys on `curve`.
    init(_ curve: ECCurve) {
        switch curve {
        case .brainpoolP256r1: self = .brainpoolP256r1
        case .prime256v1: self = .p256
        }
    }

    /// The curve this `crv` names.
    var ecCurve: ECCurve {
        switch self {
        case .brainpoolP256r1: .brainpoolP256r1
        case .p256: .prime256v1
        }
    }
}

extension JWK {
    /// The JWK of a validated point.
    init(impl: ECPublicKeyImpl, kid: String?, use: String?, x5c: [[UInt8]]?) {
        self.curve = Curve(impl.curve)
        self.x = impl.x
        self.y = impl.y
        self.kid = kid
        self.use = use
        self.x5c = x5c
    }

    /// The point as a key on `curve`.
    /// - Throws: `unsupportedCurve` when `crv` names another curve, `invalidKey` when the point is not on the curve.
    func publicKeyImpl(on curve: ECCurve) throws(TICryptoError) -> ECPublicKeyImpl {
        guard self.curve.ecCurve == curve else {
            throw TICryptoError(.unsupportedCurve, reason: "JWK crv \(self.curve.rawValue) is not \(curve.groupName)")
        }
        return try ECPublicKeyImpl(curve: curve, x963Representation: [0x04] + self.x + self.y)
    }

    /// The JWK (`crv: BP-256`) of a brainpoolP256r1 signing key, such as the IDP's `puk_idp_sig`.
    public init(_ key: BrainpoolP256r1.Signing.PublicKey, kid: String? = nil, use: String? = nil, x5c: [[UInt8]]? = nil) {
        self.init(impl: key.impl, kid: kid, use: use, x5c: x5c)
    }

    /// The JWK (`crv: BP-256`) of a brainpoolP256r1 key-agreement key, such as the IDP's `puk_idp_enc`.
    public init(_ key: BrainpoolP256r1.KeyAgreement.PublicKey, kid: String? = nil, use: String? = nil, x5c: [[UInt8]]? = nil) {
        self.init(impl: key.impl, kid: kid, use: use, x5c: x5c)
    }

    /// The JWK (`crv: P-256`) of a P-256 signing key.
    public init(_ key: P256.Signing.PublicKey, kid: String? = nil, use: String? = nil, x5c: [[UInt8]]? = nil) {
        self.init(impl: key.impl, kid: kid, use: use, x5c: x5c)
    }

    /// The JWK (`crv: P-256`) of a P-256 key-agreement key.
    public init(_ key: P256.KeyAgreement.PublicKey, kid: String? = nil, use: String? = nil, x5c: [[UInt8]]? = nil) {
        self.init(impl: key.impl, kid: kid, use: use, x5c: x5c)
    }
}

extension BrainpoolP256r1.Signing.PublicKey {
    /// The key a `crv: BP-256` JWK describes.
    /// - Throws: `unsupportedCurve` for another `crv`, `invalidKey` when the point is not on brainpoolP256r1.
    public init(jwk: JWK) throws(TICryptoError) {
        self.init(impl: try jwk.publicKeyImpl(on: .brainpoolP256r1))
    }
}

extension BrainpoolP256r1.KeyAgreement.PublicKey {
    /// The key a `crv: BP-256` JWK describes.
    /// - Throws: `unsupportedCurve` for another `crv`, `invalidKey` when the point is not on brainpoolP256r1.
    public init(jwk: JWK) throws(TICryptoError) {
        self.init(impl: try jwk.publicKeyImpl(on: .brainpoolP256r1))
    }
}

extension P256.Signing.PublicKey {
    /// The key a `crv: P-256` JWK describes.
    /// - Throws: `unsupportedCurve` for another `crv`, `invalidKey` when the point is not on P-256.
    public init(jwk: JWK) throws(TICryptoError) {
        self.init(impl: try jwk.publicKeyImpl(on: .prime256v1))
    }
}

extension P256.KeyAgreement.PublicKey {
    /// The key a `crv: P-256` JWK describes.
    /// - Throws: `unsupportedCurve` for another `crv`, `invalidKey` when the point is not on P-256.
    public init(jwk: JWK) throws(TICryptoError) {
        self.init(impl: try jwk.publicKeyImpl(on: .prime256v1))
    }
}
